/**
 * Boolean search syntax as the analyst sees it: AND/OR/NOT (ET/OU/SAUF), -word, "phrases",
 * parentheses and a trailing * prefix. The engine runs the query (FTS5); this module only parses
 * it for display (chips, syntax errors) and for highlighting matches in titles and summaries.
 * Pure: string in, data out.
 */

/** A parsed query node. */
export type QueryNode =
  | { kind: 'term'; text: string; phrase: boolean; prefix: boolean }
  | { kind: 'and' | 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

/** Result of parsing: the tree (null when empty), the positive terms to highlight, and problems. */
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

type Token = { k: 'word'; text: string; phrase: boolean; prefix: boolean; negated: boolean } | { k: 'and' | 'or' | 'not' | 'open' | 'close' };

const AND_WORDS = new Set(['AND', 'ET', '&&']);
const OR_WORDS = new Set(['OR', 'OU', '||']);
const NOT_WORDS = new Set(['NOT', 'SAUF', 'SANS']);

/** Lower-cases and strips accents so "Réforme" matches "reforme" (the engine search is accent-insensitive too). */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Splits a query into tokens; operators must be upper case so ordinary words "et"/"ou" stay words. */
export function tokenizeQuery(input: string): Token[] {
  const s = input.replace(/[\u201c\u201d\u00ab\u00bb]/g, '"');
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(') { out.push({ k: 'open' }); i++; continue; }
    if (c === ')') { out.push({ k: 'close' }); i++; continue; }
    let negated = false;
    if (c === '-' && i + 1 < s.length && !/\s/.test(s[i + 1])) { negated = true; i++; }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      const text = s.slice(i + 1, end === -1 ? s.length : end).trim();
      i = end === -1 ? s.length : end + 1;
      let prefix = false;
      if (s[i] === '*') { prefix = true; i++; }
      if (text) out.push({ k: 'word', text, phrase: true, prefix, negated });
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s()"]/.test(s[j])) j++;
    const raw = s.slice(i, j);
    i = j;
    if (!raw) continue;
    if (!negated && AND_WORDS.has(raw)) { out.push({ k: 'and' }); continue; }
    if (!negated && OR_WORDS.has(raw)) { out.push({ k: 'or' }); continue; }
    if (!negated && NOT_WORDS.has(raw)) { out.push({ k: 'not' }); continue; }
    const prefix = raw.endsWith('*');
    const text = raw.replace(/\*+$/, '');
    if (text) out.push({ k: 'word', text, phrase: false, prefix, negated });
  }
  return out;
}

/** Parses with precedence NOT > AND (explicit or implicit) > OR; unbalanced parentheses are reported, not fatal. */
export function parseQuery(input: string): ParsedQuery {
  const tokens = tokenizeQuery(input);
  const errors: string[] = [];
  let pos = 0;
  const peek = () => tokens[pos];

  const parseOr = (): QueryNode | null => {
    const parts: QueryNode[] = [];
    const first = parseAnd();
    if (first) parts.push(first);
    while (peek()?.k === 'or') {
      pos++;
      const next = parseAnd();
      if (next) parts.push(next);
      else errors.push('search.error.dangling_or');
    }
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0] : { kind: 'or', children: parts };
  };
  const parseAnd = (): QueryNode | null => {
    const parts: QueryNode[] = [];
    for (;;) {
      const t = peek();
      if (!t || t.k === 'or' || t.k === 'close') break;
      if (t.k === 'and') { pos++; continue; }
      const unary = parseUnary();
      if (unary) parts.push(unary);
    }
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0] : { kind: 'and', children: parts };
  };
  const parseUnary = (): QueryNode | null => {
    const t = tokens[pos++];
    if (t.k === 'not') {
      const child = peek() && peek().k !== 'or' && peek().k !== 'close' ? parseUnary() : null;
      if (!child) { errors.push('search.error.dangling_not'); return null; }
      return { kind: 'not', child };
    }
    if (t.k === 'open') {
      const inner = parseOr();
      if (peek()?.k === 'close') pos++;
      else errors.push('search.error.unclosed');
      return inner;
    }
    if (t.k === 'word') {
      const term: QueryNode = { kind: 'term', text: t.text, phrase: t.phrase, prefix: t.prefix };
      return t.negated ? { kind: 'not', child: term } : term;
    }
    return null;
  };

  let root: QueryNode | null = null;
  while (pos < tokens.length) {
    const part = parseOr();
    if (peek()?.k === 'close') { errors.push('search.error.unopened'); pos++; }
    if (part) root = root ? { kind: 'and', children: [root, part] } : part;
  }
  return { root, highlights: collectHighlights(root), errors };
}

/** Positive terms only: a word the analyst excluded is not highlighted. */
function collectHighlights(node: QueryNode | null, negated = false, acc: HighlightTerm[] = []): HighlightTerm[] {
  if (!node) return acc;
  if (node.kind === 'term') {
    if (!negated && !acc.some((h) => h.text === foldText(node.text) && h.prefix === node.prefix)) acc.push({ text: foldText(node.text), prefix: node.prefix });
  } else if (node.kind === 'not') collectHighlights(node.child, !negated, acc);
  else for (const c of node.children) collectHighlights(c, negated, acc);
  return acc;
}

/** Renders a tree back as canonical text (ET/OU/SAUF), used to show how the query was understood. */
export function describeQuery(node: QueryNode | null): string {
  if (!node) return '';
  if (node.kind === 'term') return (node.phrase ? `"${node.text}"` : node.text) + (node.prefix ? '*' : '');
  if (node.kind === 'not') return `SAUF ${describeQuery(node.child)}`;
  const inner = node.children.map((c) => (c.kind === 'and' || c.kind === 'or' ? `(${describeQuery(c)})` : describeQuery(c)));
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
    for (const ch of f) { folded.push(ch); origin.push(i); }
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
      if (term.prefix) { while (end < hay.length && /[\p{L}\p{N}]/u.test(hay[end])) end++; }
      else if (after && /[\p{L}\p{N}]/u.test(after)) continue;
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
