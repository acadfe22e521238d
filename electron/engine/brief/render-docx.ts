/**
 * DOCX brief (the `docx` package): real Heading 1/2 styles, a table of contents field (pre-filled
 * with the headings, refreshed by Word on opening), page X of Y in the footer, the marking in the
 * header and footer, charts as PNG.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  figureFacts,
  figureRows,
  frenchSpacing,
  formatTone,
  formatTrend,
  sourceHeader,
  sourceRows,
  storyMeta,
} from './format';
import { labelsFor } from './i18n';
import type { BriefModel, RenderedChart } from './types';

const FONT = 'DejaVu Sans';
const ACCENT = '000091';
/** Printable width of an A4 page with 2 cm margins, in px at 96 dpi (for image sizing). */
const CONTENT_PX = 643;
/** The same width in twips (17 cm). */
const CONTENT_TWIPS = 9638;

function p(text: string, opts: { italics?: boolean; bold?: boolean; color?: string; size?: number } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: frenchSpacing(text), ...opts })], spacing: { after: 80 } });
}

function h1(text: string): Paragraph {
  return new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
}
function h2(text: string): Paragraph {
  return new Paragraph({ text: frenchSpacing(text), heading: HeadingLevel.HEADING_2 });
}

function linkRuns(title: string, url: string | null, bold = false): Array<TextRun | ExternalHyperlink> {
  if (!url || !/^https?:\/\//i.test(url)) return [new TextRun({ text: title, bold })];
  return [new ExternalHyperlink({ link: url, children: [new TextRun({ text: title, style: 'Hyperlink', bold })] })];
}

function table(header: string[], rows: string[][], numeric: number[] = []): Table {
  const cell = (text: string, i: number, head: boolean): TableCell =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: numeric.includes(i) && !head ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: head, size: 17 })],
        }),
      ],
      shading: head ? { type: ShadingType.CLEAR, fill: 'E8E8F8', color: 'auto' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      width: { size: 0, type: WidthType.AUTO },
    });
  // Column widths in proportion to their longest cell (clamped), over the 17 cm text width.
  const cellsOf = (i: number): string[] => [header[i]!, ...rows.map((r) => r[i] ?? '')];
  const longestWord = (i: number): number =>
    Math.max(
      ...cellsOf(i)
        .flatMap((c) => c.split(/\s+/))
        .map((w) => w.length),
    );
  const weight = header.map((_, i) =>
    Math.max(
      longestWord(i) * 1.25 + 4,
      header[i]!.length * 1.45 + 3,
      Math.min(36, Math.max(6, ...cellsOf(i).map((c) => c.length))),
    ),
  );
  const total = weight.reduce((a, b) => a + b, 0);
  const columnWidths = weight.map((w) => Math.round((w / total) * CONTENT_TWIPS));
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

function quote(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: frenchSpacing(text), italics: true })],
    indent: { left: 400 },
    border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'C0C0C0', space: 8 } },
    spacing: { after: 60 },
  });
}

/** Renders the brief as a DOCX file. */
export async function renderDocx(m: BriefModel, charts: readonly RenderedChart[]): Promise<Buffer> {
  const L = labelsFor(m.lang);
  const z = m.timeZone;
  const body: Array<Paragraph | Table | TableOfContents> = [];
  if (m.marking)
    body.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: m.marking.toUpperCase(), bold: true, color: 'C9191E' })],
      }),
    );
  body.push(new Paragraph({ children: [new TextRun({ text: m.unitName.toUpperCase(), color: ACCENT, size: 20 })] }));
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: L.t('title') })] }));
  body.push(new Paragraph({ children: [new TextRun({ text: m.dateLabel, size: 30 })], spacing: { after: 80 } }));
  body.push(p(`${L.t('period')}${L.colon}${m.periodLabel}`, { color: '555555', size: 18 }));
  // Not a heading: the contents must not list itself.
  body.push(
    new Paragraph({
      spacing: { before: 240, after: 80 },
      children: [new TextRun({ text: L.t('toc'), bold: true, size: 30, color: ACCENT })],
    }),
  );
  body.push(new TableOfContents(L.t('toc'), { hyperlink: true, headingStyleRange: '1-2' }));

  body.push(
    h1(L.t('figures')),
    table([L.t('sourceType'), L.t('count'), L.t('previous'), L.t('change')], figureRows(m, L), [1, 2, 3]),
  );
  for (const f of figureFacts(m, L)) body.push(new Paragraph({ text: f, bullet: { level: 0 } }));
  if (m.analysis) {
    body.push(h1(L.t('analysis')));
    for (const para of m.analysis.split(/\n+/)) body.push(p(para));
  }

  body.push(h1(L.t('top')));
  m.top.forEach((s, i) => {
    body.push(h2(`${i + 1}. ${s.title}`));
    if (s.summary) body.push(p(s.summary));
    for (const hl of s.headlines)
      body.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: hl, size: 18 })] }));
    body.push(p(storyMeta(s, L, z), { italics: true, color: '555555', size: 17 }));
    if (s.link) body.push(new Paragraph({ children: linkRuns(s.link, s.link), spacing: { after: 120 } }));
  });

  body.push(h1(L.t('controversies')));
  if (!m.controversies.length) body.push(p(L.t('noControversy')));
  for (const s of m.controversies) {
    body.push(h2(s.title));
    if (s.summary) body.push(p(s.summary));
    body.push(p(storyMeta(s, L, z), { italics: true, color: '555555', size: 17 }), ...s.quotes.map(quote));
  }
  body.push(h2(L.t('tone')));
  if (!m.tones.length) body.push(p(L.t('noTone')));
  else {
    body.push(
      table(
        [L.t('entity'), L.t('mentions'), L.t('meanTone'), L.t('trend')],
        m.tones.map((t) => [t.target, L.number(t.count), formatTone(t.mean, L), formatTrend(t, L)]),
        [1, 2],
      ),
    );
    for (const t of m.tones.slice(0, 4))
      for (const q of t.quotes.slice(0, 2))
        body.push(quote(`${t.target} (${formatTone(q.tone, L)})${L.colon}${q.title}`));
  }

  body.push(h1(L.t('infox')));
  if (!m.infox.length) body.push(p(L.t('noInfox')));
  for (const x of m.infox) {
    body.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [
          ...linkRuns(x.title, x.link, true),
          new TextRun(` — ${x.source} — `),
          new TextRun({ text: `${L.t('status')}${L.colon}${L.status(x.status)}`, bold: true }),
          new TextRun(` (${x.score}/100)`),
        ],
      }),
    );
    for (const ev of x.evidence) body.push(new Paragraph({ text: ev, bullet: { level: 1 } }));
    if (x.factCheck)
      body.push(
        new Paragraph({
          bullet: { level: 1 },
          children: [new TextRun(`${L.t('factCheck')}${L.colon}`), ...linkRuns(x.factCheck.title, x.factCheck.link)],
        }),
      );
  }

  body.push(h1(L.t('selections')));
  if (!m.selections.length) body.push(p(L.t('noSelections')));
  m.selections.forEach((s) => {
    const flags = [s.starred ? L.t('starred') : '', s.escalated ? L.t('escalated') : ''].filter(Boolean).join(', ');
    body.push(
      new Paragraph({
        numbering: undefined,
        bullet: { level: 0 },
        children: [
          ...linkRuns(s.title, s.link, true),
          new TextRun(` — ${s.source}, ${L.dateTime(s.published, z)} (${flags})`),
        ],
      }),
    );
    for (const n of s.notes) body.push(quote(n));
  });

  body.push(h1(L.t('charts')));
  for (const c of charts) {
    const w = CONTENT_PX,
      h = Math.round((c.height / c.width) * CONTENT_PX);
    body.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: c.png,
            transformation: { width: w, height: h },
            altText: { name: c.key, title: c.title, description: c.title },
          }),
        ],
      }),
    );
    body.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: c.title, italics: true, size: 16, color: '555555' })],
      }),
    );
  }

  body.push(h1(L.t('annex')));
  body.push(m.sources.length ? table(sourceHeader(m, L), sourceRows(m, L), [2]) : p(L.t('noSources')));
  if (m.ownershipNote) body.push(p(m.ownershipNote, { italics: true, size: 16 }));

  const marking = m.marking ? `${m.marking} — ` : '';
  const doc = new Document({
    creator: m.unitName,
    title: `${L.t('title')} — ${m.dateLabel}`,
    description: m.periodLabel,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 } },
        title: { run: { font: FONT, size: 44, bold: true, color: '161616' } },
        heading1: {
          run: { font: FONT, size: 30, bold: true, color: ACCENT },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
        heading2: {
          run: { font: FONT, size: 24, bold: true, color: '161616' },
          paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: `${marking}${m.unitName} — ${m.dateLabel}`, size: 16, color: '555555' }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 16,
                    children: [
                      `${marking}${L.t('page')} `,
                      PageNumber.CURRENT,
                      ` ${L.t('of')} `,
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
