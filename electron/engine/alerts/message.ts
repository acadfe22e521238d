/** Renders an alert as a French message (subject, plain text, HTML) from an item and a verdict. */
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../../../shared/defaults';
import type { Reason, SourceType } from '../../../shared/types/domain';
import type { AlertMessage, Severity } from '../../../shared/types/alerts';
import type { EvalItem } from './rules';
import { escapeHtml } from '../escape-html';
import { safeWebUrl } from '../safe-url';

/** Subject tags by severity. */
export const SEVERITY_TAG: Record<Severity, string> = { info: '[INFO]', urgent: '[URGENT]', flash: '[FLASH]' };

const TYPE_FR: Record<SourceType, string> = {
  'press-national': 'presse nationale',
  'press-regional': 'presse régionale',
  tv: 'télévision',
  radio: 'radio',
  social: 'réseaux sociaux',
  official: 'source officielle',
  factcheck: 'vérification des faits',
  web: 'web',
};

const SCORE_FR = { virality: 'Viralité', controversy: 'Polémique', infox: 'Infox' } as const;

/** Max reasons listed per score (the strongest first). */
const MAX_REASONS = 3;

/** Formats an ISO instant in French, Paris time: « lundi 23 novembre 2026 à 13 h 26 ». */
export function formatParisTime(iso: string | null): string | null {
  if (!iso) return null;
  const dt = DateTime.fromISO(iso, { zone: 'utc' });
  if (!dt.isValid) return null;
  return dt.setZone(DEFAULT_TIME_ZONE).setLocale('fr').toFormat("cccc d LLLL yyyy 'à' H 'h' mm");
}

function topReasons(list: Reason[] | undefined): Reason[] {
  return [...(list ?? [])].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, MAX_REASONS);
}

function fmtScore(v: number | null): string {
  return v == null ? 'non calculé' : `${Math.round(v)}/100`;
}

function fmtWeight(w: number): string {
  const r = Math.round(w * 10) / 10;
  return (r >= 0 ? '+' : '') + String(r).replace('.', ',');
}

/** Inputs of renderAlertMessage. */
export interface MessageInput {
  item: EvalItem;
  severity: Severity;
  isUpdate: boolean;
  comment: string | null;
  /** « Règle « … » » or « Poussé par … ». */
  origin: string;
  growthWindowMin?: number;
}

/** Builds the subject, text and HTML of an alert (French, Paris time). */
export function renderAlertMessage(input: MessageInput): AlertMessage {
  const { item, severity, isUpdate, comment, origin } = input;
  // Only a web link is offered to click: a feed's javascript: or data: link is dropped here too.
  const link = safeWebUrl(item.link);
  const title = item.title.trim() || '(sans titre)';
  const subject = `${SEVERITY_TAG[severity]} ${isUpdate ? 'MISE À JOUR — ' : ''}${title}`.slice(0, 250);
  const publishedIso = item.published ?? item.fetchedAt;
  const publishedFr = formatParisTime(publishedIso);
  const sourceLine = item.sourceName
    ? `${item.sourceName}${item.sourceType ? ` (${TYPE_FR[item.sourceType]})` : ''}`
    : null;
  const growthLine =
    item.growth != null
      ? `+${item.growth} article${item.growth > 1 ? 's' : ''} en ${input.growthWindowMin ?? 60} min`
      : null;

  const text: string[] = [];
  text.push(`${SEVERITY_TAG[severity]} Alerte Vigie${isUpdate ? ' — MISE À JOUR' : ''}`, '');
  text.push(`Titre : ${title}`);
  if (sourceLine) text.push(`Source : ${sourceLine}`);
  if (publishedFr) text.push(`Publié : ${publishedFr} (heure de Paris)`);
  if (link) text.push(`Lien : ${link}`);
  text.push('', 'Scores :');
  const html: string[] = [];
  html.push(
    `<p><strong>${escapeHtml(SEVERITY_TAG[severity])} Alerte Vigie${isUpdate ? ' — MISE À JOUR' : ''}</strong></p>`,
  );
  html.push(`<h2>${link ? `<a href="${escapeHtml(link)}">${escapeHtml(title)}</a>` : escapeHtml(title)}</h2>`);
  html.push('<ul>');
  if (sourceLine) html.push(`<li>Source : ${escapeHtml(sourceLine)}</li>`);
  if (publishedFr) html.push(`<li>Publié : ${escapeHtml(publishedFr)} (heure de Paris)</li>`);
  html.push('</ul><h3>Scores</h3><ul>');
  for (const key of ['virality', 'controversy', 'infox'] as const) {
    const reasons = topReasons(item.reasons[key]);
    text.push(`- ${SCORE_FR[key]} : ${fmtScore(item[key])}`);
    for (const r of reasons) text.push(`    • ${r.signal} (${fmtWeight(r.weight)}) : ${r.evidence}`);
    html.push(`<li><strong>${SCORE_FR[key]} : ${fmtScore(item[key])}</strong>`);
    if (reasons.length)
      html.push(
        '<ul>' +
          reasons
            .map(
              (r) =>
                `<li>${escapeHtml(r.signal)} (${escapeHtml(fmtWeight(r.weight))}) : ${escapeHtml(r.evidence)}</li>`,
            )
            .join('') +
          '</ul>',
      );
    html.push('</li>');
  }
  if (growthLine) {
    text.push(`- Croissance du récit : ${growthLine}`);
    html.push(`<li><strong>Croissance du récit : ${escapeHtml(growthLine)}</strong></li>`);
  }
  html.push('</ul>');
  if (comment) {
    text.push('', "Commentaire de l'analyste :", comment);
    html.push(`<h3>Commentaire de l'analyste</h3><p>${escapeHtml(comment).replace(/\n/g, '<br>')}</p>`);
  }
  text.push('', origin);
  html.push(`<p><small>${escapeHtml(origin)}</small></p>`);

  return {
    severity,
    isUpdate,
    subject,
    title,
    source: item.sourceName,
    sourceType: item.sourceType,
    published: publishedIso,
    publishedFr,
    link,
    scores: { virality: item.virality, controversy: item.controversy, infox: item.infox, growth: item.growth },
    reasons: item.reasons,
    comment,
    origin,
    text: text.join('\n'),
    html: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${html.join('')}</body></html>`,
  };
}
