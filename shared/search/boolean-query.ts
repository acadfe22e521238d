/**
 * The analyst's boolean search syntax, parsed once for every consumer: the engine's FTS5
 * translation, in-memory alert rule matching and the renderer's highlights.
 * AND/OR/NOT (French ET/OU/SAUF/SANS, `&&`, `||`, `-word`, `!word`), parentheses, "phrases"
 * (« » and “ ” count as quotes), `prefix*`, column filters (`titre:macron`); juxtaposed terms are
 * ANDed; precedence NOT > AND > OR. Operators must be upper case so the words "et"/"ou" stay words.
 * Parsing never fails: problems are reported next to the best-effort tree, and each consumer
 * decides whether they are fatal (rules) or not (the search box). Pure: string in, data out.
 */

/** A searchable column of the item index. */
export type QueryColumn = 'title' | 'summary' | 'content_text';

/** Searchable columns, keyed by the names an analyst may type (French and English, folded). */
export const QUERY_COLUMNS: Readonly<Record<string, QueryColumn>> = {
  title: 'title',
  titre: 'title',
  summary: 'summary',
  resume: 'summary',
  chapo: 'summary',
  content: 'content_text',
  contenu: 'content_text',
  texte: 'content_text',
  text: 'content_text',
};

/** A parsed query node. `column` is null when the term searches every column. */
export type QueryNode =
  | { kind: 'term'; text: string; phrase: boolean; prefix: boolean; column: QueryColumn | null }
  | { kind: 'and' | 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

/** A syntax problem the parser recovered from. */
export type QueryProblem = 'dangling_and' | 'dangling_or' | 'dangling_not' | 'unclosed' | 'unopened';

/** The tree (null when the query holds no term) and the problems met on the way. */
export interface ParsedBooleanQuery {
  root: QueryNode | null;
  problems: QueryProblem[];
}

type Token =
  | { k: 'word'; text: string; prefix: boolean; column: QueryColumn | null; phrase: boolean; negated: boolean }
  | { k: 'and' | 'or' | 'not' | 'open' | 'close' };

const AND_WORDS = new Set(['AND', 'ET', '&&', '+']);
const OR_WORDS = new Set(['OR', 'OU', '||', '|']);
const NOT_WORDS = new Set(['NOT', 'SAUF', 'SANS']);

/** Lower-cases and strips accents, as the `remove_diacritics 2` FTS tokenizer does. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** True when the text holds at least one letter or digit (a search engine would index something). */
function hasWordChar(s: string): boolean {
  return /[\p{L}\p{N}]/u.test(s);
}

/** Splits the query into words, phrases, operators and parentheses. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const s = input.replace(/[\u201c\u201d\u00ab\u00bb]/g, '"');
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(') {
      tokens.push({ k: 'open' });
      i++;
      continue;
    }
    if (c === ')') {
      tokens.push({ k: 'close' });
      i++;
      continue;
    }
    let negated = false;
    if ((c === '-' || c === '!') && i + 1 < s.length && !/\s/.test(s[i + 1])) {
      negated = true;
      i++;
    }
    let column: QueryColumn | null = null;
    const colMatch = /^([\p{L}_]+):(?=\S)/u.exec(s.slice(i));
    if (colMatch && QUERY_COLUMNS[foldText(colMatch[1])]) {
      column = QUERY_COLUMNS[foldText(colMatch[1])];
      i += colMatch[0].length;
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      const text = s
        .slice(i + 1, end === -1 ? s.length : end)
        .replace(/\s+/g, ' ')
        .trim();
      i = end === -1 ? s.length : end + 1;
      let prefix = false;
      if (s[i] === '*') {
        prefix = true;
        i++;
      }
      if (hasWordChar(text)) tokens.push({ k: 'word', text, prefix, column, phrase: true, negated });
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s()"]/.test(s[j])) j++;
    const raw = s.slice(i, j);
    i = j;
    if (!raw) {
      if (i < s.length) i++;
      continue;
    }
    if (!negated && !column) {
      if (AND_WORDS.has(raw)) {
        tokens.push({ k: 'and' });
        continue;
      }
      if (OR_WORDS.has(raw)) {
        tokens.push({ k: 'or' });
        continue;
      }
      if (NOT_WORDS.has(raw)) {
        tokens.push({ k: 'not' });
        continue;
      }
    }
    const prefix = /\*+$/.test(raw);
    const text = raw.replace(/\*+$/, '');
    if (hasWordChar(text)) tokens.push({ k: 'word', text, prefix, column, phrase: false, negated });
  }
  return tokens;
}

/** Parses a query (recursive descent: or := and (OR and)* ; and := unary (AND? unary)* ; unary := NOT unary | atom). */
export function parseBooleanQuery(input: string): ParsedBooleanQuery {
  const tokens = tokenize(input ?? '');
  const problems: QueryProblem[] = [];
  let pos = 0;
  const peek = () => tokens[pos];
  const startsOperand = () => {
    const t = peek();
    return !!t && (t.k === 'word' || t.k === 'open' || t.k === 'not');
  };

  const parseOr = (): QueryNode | null => {
    const parts: QueryNode[] = [];
    const first = parseAnd();
    if (first) parts.push(first);
    while (peek()?.k === 'or') {
      pos++;
      const next = parseAnd();
      if (next) parts.push(next);
      else problems.push('dangling_or');
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : { kind: 'or', children: parts };
  };
  const parseAnd = (): QueryNode | null => {
    const parts: QueryNode[] = [];
    for (;;) {
      const t = peek();
      if (!t || t.k === 'or' || t.k === 'close') break;
      if (t.k === 'and') {
        pos++;
        if (!startsOperand()) problems.push('dangling_and');
        continue;
      }
      const unary = parseUnary();
      if (unary) parts.push(unary);
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : { kind: 'and', children: parts };
  };
  const parseUnary = (): QueryNode | null => {
    const t = tokens[pos++];
    if (t.k === 'not') {
      const child = startsOperand() ? parseUnary() : null;
      if (!child) {
        problems.push('dangling_not');
        return null;
      }
      return child.kind === 'not' ? child.child : { kind: 'not', child };
    }
    if (t.k === 'open') {
      const inner = parseOr();
      if (peek()?.k === 'close') pos++;
      else problems.push('unclosed');
      return inner;
    }
    if (t.k === 'word') {
      const term: QueryNode = { kind: 'term', text: t.text, phrase: t.phrase, prefix: t.prefix, column: t.column };
      return t.negated ? { kind: 'not', child: term } : term;
    }
    return null;
  };

  let root: QueryNode | null = null;
  while (pos < tokens.length) {
    const part = parseOr();
    if (part) root = root ? { kind: 'and', children: [root, part] } : part;
    if (peek()?.k === 'close') {
      problems.push('unopened');
      pos++;
    }
  }
  return { root, problems };
}
