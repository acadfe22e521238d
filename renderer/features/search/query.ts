/**
 * Boolean search syntax as the analyst sees it (parsed by shared/search/boolean-query.ts, the
 * same parser the engine uses). The engine runs the query (FTS5); this module only uses the tree
 * for display (how the query was understood, syntax problems) and for highlighting matches.
 * Pure: string in, data out.
 */
import { foldText, parseBooleanQuery, type QueryNode } from '../../../shared/search/boolean-query';

/** A parsed query node (the shared grammar's tree). */
export type { QueryNode };

/** Result of parsing: the tree (null when empty), the positive terms to highlight, and problems as i18n keys. */
export interface ParsedQuery {
  root: QueryNode | null;
  highlights: HighlightTerm[];
  errors: string[];
}

/** A term to highlight: folded text, and whether it is a prefix (réfor*). */
export interface HighlightTerm {
  text: string;
  prefix: boolean;
}

export { foldText };

/** Parses with the engine's own grammar; problems are reported (as `search.error.*` keys), never fatal. */
export function parseQuery(input: string): ParsedQuery {
  const { root, problems } = parseBooleanQuery(input);
  return { root, highlights: collectHighlights(root), errors: problems.map((p) => `search.error.${p}`) };
}

/** Positive terms only: a word the analyst excluded is not highlighted. */
function collectHighlights(node: QueryNode | null, negated = false, acc: HighlightTerm[] = []): HighlightTerm[] {
  if (!node) return acc;
  if (node.kind === 'term') {
    if (!negated && !acc.some((h) => h.text === foldText(node.text) && h.prefix === node.prefix))
      acc.push({ text: foldText(node.text), prefix: node.prefix });
  } else if (node.kind === 'not') collectHighlights(node.child, !negated, acc);
  else for (const c of node.children) collectHighlights(c, negated, acc);
  return acc;
}

/** The French column names an analyst types, for showing a column filter back. */
const COLUMN_LABELS = { title: 'titre', summary: 'résumé', content_text: 'texte' } as const;

/** Renders a tree back as canonical text (ET/OU/SAUF), used to show how the query was understood. */
export function describeQuery(node: QueryNode | null): string {
  if (!node) return '';
  if (node.kind === 'term')
    return (
      (node.column ? `${COLUMN_LABELS[node.column]}:` : '') +
      (node.phrase ? `"${node.text}"` : node.text) +
      (node.prefix ? '*' : '')
    );
  if (node.kind === 'not') return `SAUF ${describeQuery(node.child)}`;
  const inner = node.children.map((c) =>
    c.kind === 'and' || c.kind === 'or' ? `(${describeQuery(c)})` : describeQuery(c),
  );
  return inner.join(node.kind === 'and' ? ' ET ' : ' OU ');
}

/** A piece of text, marked when it matches a highlight term. */
export interface TextSegment {
  text: string;
  match: boolean;
}

/**
 * Splits text into segments where highlight terms match, accent- and case-insensitively, on word
 * starts (a prefix term matches any word beginning with it; a plain term matches a whole word).
 */
export function highlightSegments(text: string, terms: HighlightTerm[]): TextSegment[] {
  if (!text || terms.length === 0) return [{ text, match: false }];
  // Folding NFD then stripping marks keeps one folded char per source char for precomposed text;
  // map through an index table so offsets stay right even when it does not.
  const folded: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldText(text[i]);
    for (const ch of f) {
      folded.push(ch);
      origin.push(i);
    }
  }
  const hay = folded.join('');
  const marks = new Uint8Array(text.length);
  for (const term of terms) {
    if (!term.text) continue;
    let from = 0;
    for (;;) {
      const at = hay.indexOf(term.text, from);
      if (at === -1) break;
      from = at + 1;
      const before = at === 0 ? '' : hay[at - 1];
      const after = hay[at + term.text.length] ?? '';
      if (before && /[\p{L}\p{N}]/u.test(before)) continue;
      let end = at + term.text.length;
      if (term.prefix) {
        while (end < hay.length && /[\p{L}\p{N}]/u.test(hay[end])) end++;
      } else if (after && /[\p{L}\p{N}]/u.test(after)) continue;
      for (let k = at; k < end; k++) marks[origin[k]] = 1;
    }
  }
  const segments: TextSegment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[start]) {
      segments.push({ text: text.slice(start, i), match: marks[start] === 1 });
      start = i;
    }
  }
  return segments;
}
