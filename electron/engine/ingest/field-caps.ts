/**
 * Size caps of stored item fields: a feed can carry a 9.5 MB "title", which would then be stored,
 * indexed, served to every screen and pushed in alerts. Past its cap a field is cut at a word (or
 * tag) boundary and ends with a note saying so and how long the original was.
 */
import { FIELD_LIMITS } from '../../../shared/defaults';
import { sanitizeHtml } from './sanitize';

const fr = new Intl.NumberFormat('fr-FR');

/** The note closing a cut text: what was kept of how much. */
function note(kept: number, total: number): string {
  return `[tronqué par Vigie : ${fr.format(kept)} caractères sur ${fr.format(total)}]`;
}

/** Plain text within `max` characters (title, summary): cut at the last space, then the note. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(1, max - 60);
  const cut = text.lastIndexOf(' ', room);
  const kept = text.slice(0, cut > room / 2 ? cut : room).trimEnd();
  return `${kept}… ${note(kept.length, text.length)}`;
}

/**
 * Sanitized HTML within `max` characters: cut before the last tag that starts in range, closed
 * again by the sanitizer (which ends every element left open), then the note as a paragraph.
 */
export function capHtml(html: string, max: number): string {
  if (html.length <= max) return html;
  const room = Math.max(1, max - 120);
  const lt = html.lastIndexOf('<', room);
  const kept = sanitizeHtml(html.slice(0, lt > room / 2 ? lt : room));
  return `${kept}<p><em>${note(kept.length, html.length)}</em></p>`;
}

/** The caps of an item's fields, from FIELD_LIMITS. */
export function capItemFields(f: { title: string; summary: string | null; content: string | null }): {
  title: string;
  summary: string | null;
  content: string | null;
} {
  return {
    title: capText(f.title, FIELD_LIMITS.titleChars),
    summary: f.summary === null ? null : capText(f.summary, FIELD_LIMITS.summaryChars),
    content: f.content === null ? null : capHtml(f.content, FIELD_LIMITS.contentChars),
  };
}
