/** Text pieces every renderer shows the same way (story meta line, tone, figures rows). */
import type { Labels } from './i18n';
import type { BriefModel, BriefStory, EntityTone } from './types';

/** Outlets shown per story before "+N". */
const MAX_OUTLETS = 4;

/** "Médias : A, B +2 · Presse nationale · Première apparition : 24/02/2022 07:12 · 15 articles · viralité 76". */
export function storyMeta(s: BriefStory, L: Labels, zone: string): string {
  const outlets =
    s.outlets.slice(0, MAX_OUTLETS).join(', ') +
    (s.outlets.length > MAX_OUTLETS ? ` +${s.outlets.length - MAX_OUTLETS}` : '');
  const parts = [
    `${L.t('outlets')} : ${outlets}`,
    s.sourceTypes.map((t) => L.sourceType(t)).join(', '),
    `${L.t('firstSeen')} : ${L.dateTime(s.firstSeen, zone)}`,
    `${s.itemCount} ${L.t('items')}`,
  ];
  if (s.virality != null) parts.push(`${L.t('virality')} ${Math.round(s.virality)}`);
  if (s.controversy != null && s.controversy > 0) parts.push(`${L.t('controversy')} ${Math.round(s.controversy)}`);
  return L.lang === 'en' ? parts.join(' · ').replace(/ : /g, ': ') : parts.join(' · ');
}

/** Tone −1..1 with a sign ("+0,12", "−0,30"). */
export function formatTone(v: number, L: Labels): string {
  const s = Math.abs(v).toFixed(2);
  return (v > 0 ? '+' : v < 0 ? '\u2212' : '') + (L.lang === 'fr' ? s.replace('.', ',') : s);
}

/** Arrow and word for a trend. */
export function formatTrend(t: EntityTone, L: Labels): string {
  const fr = L.lang === 'fr';
  switch (t.trend) {
    case 'up':
      return fr ? '↗ plus favorable' : '↗ more favourable';
    case 'down':
      return fr ? '↘ plus critique' : '↘ more critical';
    case 'flat':
      return fr ? '→ stable' : '→ steady';
    default:
      return fr ? 'nouveau' : 'new';
  }
}

/** Rows of the key-figures table: [type, count, previous, change], total last. */
export function figureRows(m: BriefModel, L: Labels): string[][] {
  const rows = m.figures.byType.map((r) => [
    L.sourceType(r.type),
    L.number(r.count),
    L.number(r.previous),
    L.change(r.count, r.previous),
  ]);
  rows.push([
    L.t('total'),
    L.number(m.figures.total),
    L.number(m.figures.previousTotal),
    L.change(m.figures.total, m.figures.previousTotal),
  ]);
  return rows;
}

/** "Sujets distincts : 64", "Alertes diffusées : 3", "Infox en cours d’examen : 1". */
export function figureFacts(m: BriefModel, L: Labels): string[] {
  const sep = L.lang === 'fr' ? ' : ' : ': ';
  const out = [`${L.t('stories')}${sep}${L.number(m.figures.stories)}`];
  if (m.figures.alertsPushed != null) out.push(`${L.t('alerts')}${sep}${L.number(m.figures.alertsPushed)}`);
  out.push(`${L.t('infoxReview')}${sep}${L.number(m.figures.infoxUnderReview)}`);
  return out;
}

/** Rows of the annex table: [source, type, items, health, last success, last error(, owners)]. */
export function sourceRows(m: BriefModel, L: Labels): string[][] {
  return m.sources.map((s) => {
    const row = [
      s.name,
      L.sourceType(s.type),
      L.number(s.items),
      L.health(s.status) + (s.errorCount ? ` (${s.errorCount})` : ''),
      L.dateTime(s.lastSuccessAt, m.timeZone),
      s.lastError ?? L.t('none'),
    ];
    if (m.ownershipNote) row.push(s.owners?.join(', ') ?? L.t('none'));
    return row;
  });
}

/** Header of the annex table. */
export function sourceHeader(m: BriefModel, L: Labels): string[] {
  const h = [L.t('source'), L.t('type'), L.t('count'), L.t('health'), L.t('lastSuccess'), L.t('lastError')];
  if (m.ownershipNote) h.push(L.t('owners'));
  return h;
}

/**
 * French typographic spaces restored for print: feeds often lose the no-break spaces inside « »
 * and before : ; ! ?, so a line could start with "»" or ":". U+00A0 before ":" and inside
 * guillemets, U+202F (narrow) before ; ! ? — the Imprimerie nationale convention.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»')
    .replace(/ :/g, '\u00a0:')
    .replace(/ ([;!?])/g, '\u202f$1');
}
