/**
 * PDF brief with pdfkit and the embedded DejaVu Sans (full Latin coverage: accents, « », ’, −).
 * Pages are buffered so the table of contents (with page numbers) and the header/footer marking
 * with "Page X sur Y" are written once the page count is known; headings also go to the outline.
 */
import PDFDocument from 'pdfkit';
import { fontFiles } from './assets';
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

const ACCENT = '#000091',
  MUTED = '#555555',
  RULE = '#d0d0d0';
const MARGIN = 56;

type Doc = PDFKit.PDFDocument;

/** Keeps `needed` points on the page, else starts a new one. */
function ensure(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function table(doc: Doc, header: string[], rows: string[][], numeric: number[] = []): void {
  const width = doc.page.width - 2 * MARGIN;
  // Column widths from the longest cell (capped), scaled to the page width.
  // Never narrower than the column's longest word (no "Nomb/re" breaks), never wider than 220 pt.
  const longestWord = (i: number): number =>
    Math.max(
      ...[header[i]!, ...rows.map((r) => r[i] ?? '')]
        .flatMap((c) => c.split(/\s+/))
        .map((w) => doc.font('bold').fontSize(8.5).widthOfString(w) + 10),
    );
  const raw = header.map((h, i) =>
    Math.min(
      220,
      Math.max(
        40,
        longestWord(i),
        ...[h, ...rows.map((r) => r[i] ?? '')].map((c) => doc.font('regular').fontSize(8.5).widthOfString(c) + 10),
      ),
    ),
  );
  const floor = header.map((_, i) => Math.min(120, longestWord(i)));
  const scale = width / raw.reduce((s, w) => s + w, 0);
  // Shrink wide columns first: short ones keep their longest word.
  const cols = raw.map((w, i) => Math.max(floor[i]!, w * scale));
  const excess = cols.reduce((a, w) => a + w, 0) - width;
  if (excess > 0) {
    const slack = cols.map((w, i) => w - floor[i]!);
    const total = slack.reduce((a, w) => a + w, 0) || 1;
    cols.forEach((w, i) => {
      cols[i] = w - (excess * slack[i]!) / total;
    });
  }
  const drawRow = (cells: string[], head: boolean): void => {
    doc.font(head ? 'bold' : 'regular').fontSize(8.5);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 8 }))) + 6;
    ensure(doc, h);
    const y = doc.y;
    let x = MARGIN;
    if (head) doc.rect(MARGIN, y, width, h).fill('#e8e8f8').fillColor('black');
    cells.forEach((c, i) => {
      doc
        .fillColor('black')
        .text(c, x + 4, y + 3, { width: cols[i]! - 8, align: numeric.includes(i) && !head ? 'right' : 'left' });
      x += cols[i]!;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  drawRow(header, true);
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.6);
}

/** Renders the brief as a PDF file. */
export async function renderPdf(m: BriefModel, charts: readonly RenderedChart[]): Promise<Buffer> {
  const L = labelsFor(m.lang);
  const z = m.timeZone;
  const fonts = fontFiles();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 8, bottom: MARGIN + 8, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    lang: m.lang === 'fr' ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    info: { Title: `${L.t('title')} — ${m.dateLabel}`, Author: m.unitName, Subject: m.periodLabel, Creator: 'Vigie' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const width = doc.page.width - 2 * MARGIN;
  const text = (
    s: string,
    o: { size?: number; bold?: boolean; color?: string; link?: string | null; indent?: number; gap?: number } = {},
  ): void => {
    doc
      .font(o.bold ? 'bold' : 'regular')
      .fontSize(o.size ?? 10)
      .fillColor(o.color ?? 'black');
    doc.text(frenchSpacing(s), MARGIN + (o.indent ?? 0), doc.y, {
      width: width - (o.indent ?? 0),
      link: o.link && /^https?:\/\//i.test(o.link) ? o.link : undefined,
      paragraphGap: o.gap ?? 3,
    });
  };
  const headings: Array<{ title: string; page: number; level: number }> = [];
  // The contents list every section and the key stories (not each controversy).
  const heading = (title: string, level: 1 | 2, inToc = level === 1): void => {
    ensure(doc, level === 1 ? 70 : 50);
    doc.moveDown(level === 1 ? 0.8 : 0.4);
    text(title, {
      size: level === 1 ? 15 : 11.5,
      bold: true,
      color: level === 1 ? ACCENT : 'black',
      gap: level === 1 ? 2 : 2,
    });
    if (level === 1) {
      doc
        .moveTo(MARGIN, doc.y)
        .lineTo(MARGIN + width, doc.y)
        .lineWidth(0.7)
        .strokeColor(ACCENT)
        .stroke();
      doc.moveDown(0.4);
    }
    if (level === 1) doc.outline.addItem(title);
    if (inToc) headings.push({ title, page: doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1, level });
  };
  const quote = (s: string): void => {
    const y0 = doc.y;
    text(s, { size: 9.5, color: '#333333', indent: 14 });
    doc
      .moveTo(MARGIN + 6, y0)
      .lineTo(MARGIN + 6, doc.y - 3)
      .lineWidth(2)
      .strokeColor(RULE)
      .stroke();
  };

  // Title block.
  if (m.marking) text(m.marking.toUpperCase(), { bold: true, color: '#c9191e', size: 11 });
  text(m.unitName.toUpperCase(), { size: 10, color: ACCENT });
  text(L.t('title'), { size: 24, bold: true, gap: 0 });
  text(m.dateLabel, { size: 15, color: MUTED });
  text(`${L.t('period')}${L.colon}${m.periodLabel}`, { size: 9, color: MUTED });
  doc.moveDown(0.6);
  text(L.t('toc'), { size: 13, bold: true, color: ACCENT });
  // Room for the table of contents, filled in at the end when pages are known.
  const tocY = doc.y,
    tocLines = 8 + m.top.length;
  doc.y += tocLines * 13 + 8;

  heading(L.t('figures'), 1);
  table(doc, [L.t('sourceType'), L.t('count'), L.t('previous'), L.t('change')], figureRows(m, L), [1, 2, 3]);
  for (const f of figureFacts(m, L)) text(`•  ${f}`, { bold: true });
  if (m.analysis) {
    heading(L.t('analysis'), 1);
    for (const para of m.analysis.split(/\n+/)) text(para, { gap: 6 });
  }

  heading(L.t('top'), 1);
  m.top.forEach((s, i) => {
    heading(`${i + 1}. ${s.title}`, 2, true);
    if (s.summary) text(s.summary);
    for (const hl of s.headlines) text(`•  ${hl}`, { size: 9, indent: 10, gap: 1 });
    text(storyMeta(s, L, z), { size: 8.5, color: MUTED });
    if (s.link) text(s.link, { size: 8, color: ACCENT, link: s.link, gap: 6 });
  });

  heading(L.t('controversies'), 1);
  if (!m.controversies.length) text(L.t('noControversy'));
  for (const s of m.controversies) {
    heading(s.title, 2);
    if (s.summary) text(s.summary);
    text(storyMeta(s, L, z), { size: 8.5, color: MUTED });
    for (const q of s.quotes) quote(q);
  }
  heading(L.t('tone'), 2);
  if (!m.tones.length) text(L.t('noTone'));
  else {
    table(
      doc,
      [L.t('entity'), L.t('mentions'), L.t('meanTone'), L.t('trend')],
      m.tones.map((t) => [t.target, L.number(t.count), formatTone(t.mean, L), formatTrend(t, L)]),
      [1, 2],
    );
    for (const t of m.tones.slice(0, 4))
      for (const q of t.quotes.slice(0, 2)) quote(`${t.target} (${formatTone(q.tone, L)})${L.colon}${q.title}`);
  }

  heading(L.t('infox'), 1);
  if (!m.infox.length) text(L.t('noInfox'));
  for (const x of m.infox) {
    ensure(doc, 40);
    text(x.title, { bold: true, link: x.link });
    text(`${x.source} — ${L.t('status')}${L.colon}${L.status(x.status)} (${x.score}/100)`, { size: 9, color: MUTED });
    for (const ev of x.evidence) text(`–  ${ev}`, { size: 9, indent: 12 });
    if (x.factCheck)
      text(`${L.t('factCheck')}${L.colon}${x.factCheck.title}`, {
        size: 9,
        indent: 12,
        color: ACCENT,
        link: x.factCheck.link,
        gap: 6,
      });
  }

  heading(L.t('selections'), 1);
  if (!m.selections.length) text(L.t('noSelections'));
  m.selections.forEach((s, i) => {
    const flags = [s.starred ? L.t('starred') : '', s.escalated ? L.t('escalated') : ''].filter(Boolean).join(', ');
    text(`${i + 1}. ${s.title}`, { bold: true, link: s.link });
    text(`${s.source}, ${L.dateTime(s.published, z)} (${flags})`, { size: 9, color: MUTED });
    for (const n of s.notes) quote(n);
  });

  heading(L.t('charts'), 1);
  for (const c of charts) {
    const h = (c.height / c.width) * width;
    ensure(doc, h + 24);
    // The chart carries its own title: no caption.
    doc.image(c.png, MARGIN, doc.y, { width });
    doc.x = MARGIN;
    doc.y += h + 12;
  }

  heading(L.t('annex'), 1);
  if (m.sources.length) table(doc, sourceHeader(m, L), sourceRows(m, L), [2]);
  else text(L.t('noSources'));
  if (m.ownershipNote) text(m.ownershipNote, { size: 8, color: MUTED });

  // Table of contents on page 1, outline, header and footer on every page.
  const range = doc.bufferedPageRange();
  doc.switchToPage(range.start);
  let y = tocY;
  let shown = 0;
  for (const hd of headings) {
    if (shown >= tocLines) break;
    const label = (hd.level === 2 ? '    ' : '') + hd.title;
    doc
      .font(hd.level === 1 ? 'bold' : 'regular')
      .fontSize(hd.level === 1 ? 10 : 9)
      .fillColor('black');
    doc.text(label, MARGIN, y, { width: width - 40, lineBreak: false, ellipsis: true, height: 12 });
    doc.text(String(hd.page + 1), MARGIN + width - 30, y, { width: 30, align: 'right', lineBreak: false });
    y += 13;
    shown++;
  }
  const marking = m.marking ? `${m.marking} — ` : '';
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing in the margins: lift the bottom margin so pdfkit does not add a page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7.5).fillColor(MUTED);
    doc.text(`${marking}${m.unitName} — ${m.dateLabel}`, MARGIN, 28, { width, align: 'right', lineBreak: false });
    doc.text(`${marking}${L.t('page')} ${i + 1} ${L.t('of')} ${range.count}`, MARGIN, doc.page.height - 40, {
      width,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
