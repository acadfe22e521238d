/** Markdown brief: GitHub-flavoured tables; charts as PNG files next to the .md or as data: URIs. */
import { figureFacts, figureRows, formatTone, formatTrend, sourceHeader, sourceRows, storyMeta } from './format';
import { labelsFor } from './i18n';
import type { BriefModel, RenderedChart } from './types';
import { safeWebUrl } from '../safe-url';

/** Options of renderMarkdown. */
export interface MarkdownOptions {
  /** Base name for chart files ("brief" → "brief-volume.png"); null embeds data: URIs. Default null. */
  imageBaseName?: string | null;
  /** Leave the charts out (plain-text mail part). Default false. */
  omitImages?: boolean;
}

/** The Markdown text and the chart files to write beside it. */
export interface MarkdownOutput {
  markdown: string;
  images: Array<{ fileName: string; png: Buffer }>;
}

/**
 * Escapes Markdown syntax in inline text (typographic quotes and accents are left untouched):
 * every ASCII character that opens emphasis, code, raw HTML, an entity, a table cell or a link
 * text is backslash-escaped (CommonMark allows a backslash before any ASCII punctuation); `(` and
 * `!` are harmless once `[` is escaped.
 */
export function escapeMd(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|#&~])/g, '\\$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function table(header: string[], rows: string[][], numeric: number[] = []): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeMd).join(' | ')} |`;
  const sep = `| ${header.map((_, i) => (numeric.includes(i) ? '---:' : '---')).join(' | ')} |`;
  return [line(header), sep, ...rows.map(line)].join('\n');
}

/**
 * A link to a web page, or the bare title when the URL is not http(s) (a feed can carry
 * `javascript:` links). WHATWG URL already percent-encodes `<`, `>` and spaces; the parentheses
 * are encoded too, so no URL can close the destination and open raw HTML after it.
 */
function link(title: string, url: string | null): string {
  const safe = safeWebUrl(url);
  if (!safe) return escapeMd(title);
  return `[${escapeMd(title)}](<${safe.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))}>)`;
}

/** Renders the brief as Markdown. */
export function renderMarkdown(
  m: BriefModel,
  charts: readonly RenderedChart[],
  options: MarkdownOptions = {},
): MarkdownOutput {
  const L = labelsFor(m.lang);
  const z = m.timeZone;
  const out: string[] = [];
  const images: MarkdownOutput['images'] = [];
  if (m.marking) out.push(`**${escapeMd(m.marking.toUpperCase())}**`, '');
  out.push(
    `# ${L.t('title')} — ${escapeMd(m.dateLabel)}`,
    '',
    `**${escapeMd(m.unitName)}** · ${L.t('period')}${L.colon}${escapeMd(m.periodLabel)}`,
    '',
  );

  out.push(
    `## ${L.t('figures')}`,
    '',
    table([L.t('sourceType'), L.t('count'), L.t('previous'), L.t('change')], figureRows(m, L), [1, 2, 3]),
    '',
  );
  out.push(...figureFacts(m, L).map((f) => `- ${escapeMd(f)}`), '');

  if (m.analysis) out.push(`## ${L.t('analysis')}`, '', ...m.analysis.split(/\n+/).map((p) => escapeMd(p) + '\n'));

  out.push(`## ${L.t('top')}`, '');
  m.top.forEach((s, i) => {
    out.push(`### ${i + 1}. ${escapeMd(s.title)}`, '');
    if (s.summary) out.push(escapeMd(s.summary), '');
    if (s.headlines.length) out.push(...s.headlines.map((h) => `- ${escapeMd(h)}`), '');
    out.push(`*${escapeMd(storyMeta(s, L, z))}*`, '');
    if (safeWebUrl(s.link)) out.push(link(s.link!, s.link), '');
  });

  out.push(`## ${L.t('controversies')}`, '');
  if (!m.controversies.length) out.push(L.t('noControversy'), '');
  for (const s of m.controversies) {
    out.push(`### ${escapeMd(s.title)}`, '');
    if (s.summary) out.push(escapeMd(s.summary), '');
    out.push(`*${escapeMd(storyMeta(s, L, z))}*`, '', ...s.quotes.map((q) => `> ${escapeMd(q)}\n`));
  }
  out.push(`### ${L.t('tone')}`, '');
  if (!m.tones.length) out.push(L.t('noTone'), '');
  else {
    out.push(
      table(
        [L.t('entity'), L.t('mentions'), L.t('meanTone'), L.t('trend')],
        m.tones.map((t) => [t.target, L.number(t.count), formatTone(t.mean, L), formatTrend(t, L)]),
        [1, 2],
      ),
      '',
    );
    for (const t of m.tones.slice(0, 4))
      for (const q of t.quotes.slice(0, 2))
        out.push(`> ${escapeMd(t.target)} (${formatTone(q.tone, L)})${L.colon}${escapeMd(q.title)}\n`);
  }

  out.push(`## ${L.t('infox')}`, '');
  if (!m.infox.length) out.push(L.t('noInfox'), '');
  for (const x of m.infox) {
    out.push(
      `- ${link(x.title, x.link)} — ${escapeMd(x.source)} — **${L.t('status')}${L.colon}${L.status(x.status)}** (${x.score}/100)`,
    );
    for (const e of x.evidence) out.push(`  - ${escapeMd(e)}`);
    if (x.factCheck) out.push(`  - ${L.t('factCheck')}${L.colon}${link(x.factCheck.title, x.factCheck.link)}`);
  }
  out.push('');

  out.push(`## ${L.t('selections')}`, '');
  if (!m.selections.length) out.push(L.t('noSelections'), '');
  for (const s of m.selections) {
    const flags = [s.starred ? L.t('starred') : '', s.escalated ? L.t('escalated') : ''].filter(Boolean).join(', ');
    out.push(`- ${link(s.title, s.link)} — ${escapeMd(s.source)}, ${L.dateTime(s.published, z)} (${flags})`);
    for (const n of s.notes) out.push(`  - *${escapeMd(n)}*`);
  }
  out.push('');

  out.push(`## ${L.t('charts')}`, '');
  for (const c of options.omitImages ? [] : charts) {
    let target: string;
    if (options.imageBaseName) {
      const fileName = `${options.imageBaseName}-${c.key}.png`;
      images.push({ fileName, png: c.png });
      target = `./${encodeURI(fileName)}`;
    } else target = `data:image/png;base64,${c.png.toString('base64')}`;
    out.push(`![${escapeMd(c.title)}](${target})`, '');
  }

  out.push(`## ${L.t('annex')}`, '');
  out.push(m.sources.length ? table(sourceHeader(m, L), sourceRows(m, L), [2]) : L.t('noSources'), '');
  if (m.ownershipNote) out.push(`*${escapeMd(m.ownershipNote)}*`, '');
  out.push(
    '---',
    '',
    `*${escapeMd(m.unitName)} — ${L.t('generated')} ${L.dateTime(m.generatedAt, z)}*${m.marking ? ` — **${escapeMd(m.marking)}**` : ''}`,
    '',
  );
  return { markdown: out.join('\n'), images };
}
