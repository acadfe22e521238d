/**
 * Boolean query matching for one item at a time, in memory (no FTS round trip per item).
 * Same syntax and parser as the search box (shared/search/boolean-query.ts). Matching is case- and
 * accent-insensitive like the `unicode61 remove_diacritics 2` tokenizer of items_fts.
 */
import { AppError } from '../../../shared/errors';
import { parseBooleanQuery, type QueryNode, type QueryProblem } from '../../../shared/search/boolean-query';

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

const PROBLEM_WORDS: Record<QueryProblem, string> = {
  dangling_and: 'ET/AND sans terme à droite',
  dangling_or: 'OU/OR sans terme à droite',
  dangling_not: 'SAUF/NOT sans terme',
  unclosed: 'parenthèse non fermée',
  unopened: 'parenthèse fermante en trop',
};

/** Turns a parsed node into a matcher (columns are ignored: a rule matches the whole text). */
function toMatcher(n: QueryNode): QueryMatcher {
  switch (n.kind) {
    case 'term': {
      // "porte-parole" or "l'Élysée" become phrases of their parts, as the FTS tokenizer does.
      const words = tokenize(n.text);
      return termMatcher(words, n.prefix && words.length === 1);
    }
    case 'not': {
      const inner = toMatcher(n.child);
      return (d) => !inner(d);
    }
    case 'and': {
      const parts = n.children.map(toMatcher);
      return (d) => parts.every((p) => p(d));
    }
    case 'or': {
      const parts = n.children.map(toMatcher);
      return (d) => parts.some((p) => p(d));
    }
  }
}

/**
 * Compiles a boolean query (shared/search/boolean-query.ts syntax); an empty query matches
 * everything. Unlike the search box, a rule must say exactly what it means: any syntax
 * problem throws `input.invalid` before the rule is saved.
 */
export function compileQuery(query: string): QueryMatcher {
  const { root, problems } = parseBooleanQuery(query ?? '');
  if (problems.length)
    throw new AppError('input.invalid', `Requête invalide : ${PROBLEM_WORDS[problems[0]]}`, { query, problems });
  return root ? toMatcher(root) : () => true;
}

/** True when any of the entities appears as a phrase in the document (empty list = true). */
export function matchesAnyEntity(doc: MatchDoc, entities: string[]): boolean {
  if (entities.length === 0) return true;
  return entities.some((e) => {
    const words = tokenize(e);
    return words.length > 0 && termMatcher(words, false)(doc);
  });
}
