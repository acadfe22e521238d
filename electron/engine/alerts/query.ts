/**
 * Boolean query matching for one item at a time, in memory (no FTS round trip per item).
 * Syntax mirrors the FTS search box: AND/OR/NOT (or French ET/OU/SAUF, or a leading `-`),
 * parentheses, "exact phrases", `prefix*`; juxtaposed terms are ANDed. Matching is case- and
 * accent-insensitive like the `unicode61 remove_diacritics 2` tokenizer of items_fts.
 */
import { AppError } from '../../../shared/errors';

/** A text prepared for matching: its normalized word tokens. */
export interface MatchDoc {
  tokens: string[];
  set: Set<string>;
}

/** A compiled query: true when the document matches. */
export type QueryMatcher = (doc: MatchDoc) => boolean;

/** Lower-cases, strips diacritics and splits on anything that is not a letter or digit (l'État → l, etat). */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Builds the match document of an item's searchable text. */
export function makeMatchDoc(...parts: Array<string | null | undefined>): MatchDoc {
  const tokens = tokenize(parts.filter(Boolean).join(' \n '));
  return { tokens, set: new Set(tokens) };
}

type Tok = { t: 'and' | 'or' | 'not' | 'lp' | 'rp' } | { t: 'term'; words: string[]; prefix: boolean };

const OPS: Record<string, 'and' | 'or' | 'not'> = { AND: 'and', ET: 'and', OR: 'or', OU: 'or', NOT: 'not', SAUF: 'not' };

function lex(query: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(\()|(\))|"([^"]*)"|(-)(?=\S)|([^\s()"]+))/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(query)) !== null) {
    last = re.lastIndex;
    if (m[1]) out.push({ t: 'lp' });
    else if (m[2]) out.push({ t: 'rp' });
    else if (m[3] !== undefined) {
      const words = tokenize(m[3]);
      if (words.length) out.push({ t: 'term', words, prefix: false });
    } else if (m[4]) out.push({ t: 'not' });
    else if (m[5]) {
      const raw = m[5];
      if (OPS[raw]) { out.push({ t: OPS[raw] }); continue; }
      const prefix = raw.endsWith('*');
      const words = tokenize(raw);
      // "porte-parole" or "l'Élysée" become phrases of their parts, as FTS would tokenize them.
      if (words.length) out.push({ t: 'term', words, prefix: prefix && words.length === 1 });
    }
    if (re.lastIndex >= query.length) break;
  }
  if (query.slice(last).trim() !== '') throw new AppError('input.invalid', 'Requête invalide (guillemet non fermé ?)', { query });
  return out;
}

function phraseAt(doc: MatchDoc, words: string[]): boolean {
  const n = words.length;
  outer: for (let i = 0; i + n <= doc.tokens.length; i++) {
    for (let j = 0; j < n; j++) if (doc.tokens[i + j] !== words[j]) continue outer;
    return true;
  }
  return false;
}

function termMatcher(words: string[], prefix: boolean): QueryMatcher {
  if (prefix) return (doc) => doc.tokens.some((t) => t.startsWith(words[0]));
  if (words.length === 1) return (doc) => doc.set.has(words[0]);
  return (doc) => words.every((w) => doc.set.has(w)) && phraseAt(doc, words);
}

/** Compiles a boolean query; an empty query matches everything. Throws `input.invalid` on bad syntax. */
export function compileQuery(query: string): QueryMatcher {
  const toks = lex(query ?? '');
  if (toks.length === 0) return () => true;
  let pos = 0;
  const peek = () => toks[pos];
  const fail = (why: string): never => { throw new AppError('input.invalid', `Requête invalide : ${why}`, { query }); };

  const parseOr = (): QueryMatcher => {
    const parts = [parseAnd()];
    while (peek()?.t === 'or') { pos++; parts.push(parseAnd()); }
    return parts.length === 1 ? parts[0] : (d) => parts.some((p) => p(d));
  };
  const parseAnd = (): QueryMatcher => {
    const parts = [parseNot()];
    for (;;) {
      const k = peek()?.t;
      if (k === 'and') { pos++; parts.push(parseNot()); continue; }
      if (k === 'term' || k === 'lp' || k === 'not') { parts.push(parseNot()); continue; }
      break;
    }
    return parts.length === 1 ? parts[0] : (d) => parts.every((p) => p(d));
  };
  const parseNot = (): QueryMatcher => {
    if (peek()?.t === 'not') { pos++; const inner = parseNot(); return (d) => !inner(d); }
    return parsePrimary();
  };
  const parsePrimary = (): QueryMatcher => {
    const tok = toks[pos++];
    if (!tok) return fail('expression attendue en fin de requête');
    if (tok.t === 'lp') {
      const inner = parseOr();
      if (toks[pos++]?.t !== 'rp') fail('parenthèse non fermée');
      return inner;
    }
    if (tok.t === 'term') return termMatcher(tok.words, tok.prefix);
    return fail(`opérateur inattendu (${tok.t})`);
  };

  const m = parseOr();
  if (pos < toks.length) fail('parenthèse fermante en trop');
  return m;
}

/** True when any of the entities appears as a phrase in the document (empty list = true). */
export function matchesAnyEntity(doc: MatchDoc, entities: string[]): boolean {
  if (entities.length === 0) return true;
  return entities.some((e) => {
    const words = tokenize(e);
    return words.length > 0 && termMatcher(words, false)(doc);
  });
}
