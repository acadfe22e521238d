/**
 * Translates an analyst's boolean search ("réforme ET retraites -grève", `"phrase exacte"`,
 * `titre:macron`, `réfor*`) into SQLite FTS5 MATCH syntax.
 * User text never reaches MATCH raw: every term is emitted as a double-quoted FTS5 string, so
 * FTS5 operators typed by the user (NEAR, ^, :, column filters, stray quotes and parentheses)
 * are either understood by this grammar or searched as plain words — never a syntax error.
 * Pure: string in, strings out.
 */

/** Columns of items_fts, with the names an analyst may type (French and English). */
const COLUMN_ALIASES: Record<string, string> = {
  title: 'title', titre: 'title',
  summary: 'summary', resume: 'summary', chapo: 'summary',
  content: 'content_text', contenu: 'content_text', texte: 'content_text', text: 'content_text',
};

type Node =
  | { t: 'term'; text: string; prefix: boolean; column: string | null; phrase: boolean }
  | { t: 'and' | 'or'; children: Node[] }
  | { t: 'not'; child: Node };

type Token =
  | { k: 'word'; text: string; prefix: boolean; column: string | null; phrase: boolean; negated: boolean }
  | { k: 'and' | 'or' | 'not' | 'open' | 'close' };

/** What to run: rows matching `match` (all rows when null) minus rows matching `exclude`. */
export interface FtsQuery {
  match: string | null;
  exclude: string | null;
}

/** Folds case and accents so column aliases and operators are recognised however typed. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** True when the text holds at least one letter or digit (FTS5 would index something). */
function hasWordChar(s: string): boolean {
  return /[\p{L}\p{N}]/u.test(s);
}

/** Splits the query into words, phrases, operators and parentheses. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const s = input.replace(/[\u201c\u201d\u00ab\u00bb]/g, '"'); // “ ” « » count as quotes
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(') { tokens.push({ k: 'open' }); i++; continue; }
    if (c === ')') { tokens.push({ k: 'close' }); i++; continue; }
    let negated = false;
    if ((c === '-' || c === '!') && i + 1 < s.length && !/\s/.test(s[i + 1])) { negated = true; i++; }
    let column: string | null = null;
    const colMatch = /^([\p{L}_]+):(?=\S)/u.exec(s.slice(i));
    if (colMatch && COLUMN_ALIASES[fold(colMatch[1])]) {
      column = COLUMN_ALIASES[fold(colMatch[1])];
      i += colMatch[0].length;
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      const text = s.slice(i + 1, end === -1 ? s.length : end).replace(/\s+/g, ' ').trim();
      i = end === -1 ? s.length : end + 1;
      let prefix = false;
      if (s[i] === '*') { prefix = true; i++; }
      if (hasWordChar(text)) tokens.push({ k: 'word', text, prefix, column, phrase: true, negated });
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s()"]/.test(s[j])) j++;
    let word = s.slice(i, j);
    i = j;
    if (!word) { if (i < s.length) i++; continue; }
    if (!negated && !column) {
      const op = word;
      if (op === 'AND' || op === 'ET' || op === '&&' || op === '+') { tokens.push({ k: 'and' }); continue; }
      if (op === 'OR' || op === 'OU' || op === '||' || op === '|') { tokens.push({ k: 'or' }); continue; }
      if (op === 'NOT' || op === 'SAUF' || op === 'SANS') { tokens.push({ k: 'not' }); continue; }
    }
    const prefix = /\*+$/.test(word);
    word = word.replace(/\*+$/, '');
    if (hasWordChar(word)) tokens.push({ k: 'word', text: word, prefix, column, phrase: false, negated });
  }
  return tokens;
}

/** Recursive-descent parser: or := and (OR and)* ; and := unary (AND? unary)* ; unary := NOT* atom. */
function parse(tokens: Token[]): Node | null {
  let pos = 0;
  const peek = () => tokens[pos];
  function parseOr(): Node | null {
    const parts: Node[] = [];
    const first = parseAnd();
    if (first) parts.push(first);
    while (peek()?.k === 'or') {
      pos++;
      const next = parseAnd();
      if (next) parts.push(next);
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : { t: 'or', children: parts };
  }
  function parseAnd(): Node | null {
    const parts: Node[] = [];
    for (;;) {
      const tok = peek();
      if (!tok || tok.k === 'or' || tok.k === 'close') break;
      if (tok.k === 'and') { pos++; continue; }
      const node = parseUnary();
      if (node) parts.push(node);
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : { t: 'and', children: parts };
  }
  function parseUnary(): Node | null {
    let negations = 0;
    while (peek()?.k === 'not') { pos++; negations++; }
    const node = parseAtom();
    if (!node) return null;
    return negations % 2 === 1 ? { t: 'not', child: node } : node;
  }
  function parseAtom(): Node | null {
    const tok = tokens[pos++];
    if (!tok) return null;
    if (tok.k === 'open') {
      const inner = parseOr();
      if (peek()?.k === 'close') pos++; // an unclosed '(' closes at the end
      return inner;
    }
    if (tok.k === 'word') {
      const term: Node = { t: 'term', text: tok.text, prefix: tok.prefix, column: tok.column, phrase: tok.phrase };
      return tok.negated ? { t: 'not', child: term } : term;
    }
    return null; // a stray ')' or operator is ignored
  }
  let root: Node | null = null;
  while (pos < tokens.length) {
    const part = parseOr();
    if (part) root = root ? { t: 'and', children: [root, part] } : part;
    if (peek()?.k === 'close') pos++; // unbalanced ')' is skipped
  }
  return root;
}

/** One FTS5 string literal (double quotes doubled), with optional prefix star and column filter. */
function emitTerm(n: Extract<Node, { t: 'term' }>): string {
  const lit = '"' + n.text.replace(/"/g, '""') + '"' + (n.prefix ? '*' : '');
  return n.column ? `${n.column} : ${lit}` : lit;
}

/** Compiled node: rows matching `pos` (everything when null) and not matching `neg`. */
interface Compiled { pos: string | null; neg: string | null }

/** The whole compiled node as one positive expression (only valid when pos is set). */
function whole(c: Compiled): string {
  return c.neg ? `(${c.pos} NOT ${c.neg})` : c.pos!;
}

/**
 * FTS5 has only binary NOT ("a NOT b"), so negations are carried up as an exclusion set and
 * attached to the nearest positive part; a purely negative query becomes `exclude`.
 */
function compile(n: Node): Compiled {
  switch (n.t) {
    case 'term':
      return { pos: emitTerm(n), neg: null };
    case 'not': {
      const c = compile(n.child);
      if (c.pos === null) return { pos: c.neg, neg: null };
      return { pos: null, neg: whole(c) };
    }
    case 'and': {
      const compiled = n.children.map(compile);
      const pos = compiled.filter((c) => c.pos !== null).map((c) => c.pos!);
      const neg = compiled.filter((c) => c.neg !== null).map((c) => c.neg!);
      return {
        pos: pos.length ? (pos.length === 1 ? pos[0] : '(' + pos.join(' AND ') + ')') : null,
        neg: neg.length ? (neg.length === 1 ? neg[0] : '(' + neg.join(' OR ') + ')') : null,
      };
    }
    case 'or': {
      // "a OR NOT b" has no FTS5 form; a purely negative alternative is dropped.
      const alts = n.children.map(compile).filter((c) => c.pos !== null).map(whole);
      if (alts.length === 0) return { pos: null, neg: null };
      return { pos: alts.length === 1 ? alts[0] : '(' + alts.join(' OR ') + ')', neg: null };
    }
  }
}

/**
 * Translates a user query into FTS5 MATCH expressions. Empty or meaningless input gives
 * `{ match: null, exclude: null }` (no text filter).
 */
export function toFtsQuery(input: string): FtsQuery {
  const root = parse(tokenize(input ?? ''));
  if (!root) return { match: null, exclude: null };
  const c = compile(root);
  if (c.pos !== null) return { match: whole(c), exclude: null };
  return { match: null, exclude: c.neg };
}
