/**
 * Translates an analyst's boolean search ("réforme ET retraites -grève", `"phrase exacte"`,
 * `titre:macron`, `réfor*`), parsed by shared/search/boolean-query.ts, into FTS5 MATCH syntax.
 * User text never reaches MATCH raw: every term is emitted as a double-quoted FTS5 string, so
 * FTS5 operators typed by the user (NEAR, ^, :, column filters, stray quotes and parentheses)
 * are either understood by this grammar or searched as plain words — never a syntax error.
 * Pure: string in, strings out.
 */

import { parseBooleanQuery, type QueryNode } from '../../../shared/search/boolean-query';

/** What to run: rows matching `match` (all rows when null) minus rows matching `exclude`. */
export interface FtsQuery {
  match: string | null;
  exclude: string | null;
}

/** One FTS5 string literal (double quotes doubled), with optional prefix star and column filter. */
function emitTerm(n: Extract<QueryNode, { kind: 'term' }>): string {
  const lit = '"' + n.text.replace(/"/g, '""') + '"' + (n.prefix ? '*' : '');
  return n.column ? `${n.column} : ${lit}` : lit;
}

/** Compiled node: rows matching `pos` (everything when null) and not matching `neg`. */
interface Compiled {
  pos: string | null;
  neg: string | null;
}

/** The whole compiled node as one positive expression (only valid when pos is set). */
function whole(c: Compiled): string {
  return c.neg ? `(${c.pos} NOT ${c.neg})` : c.pos!;
}

/**
 * FTS5 has only binary NOT ("a NOT b"), so negations are carried up as an exclusion set and
 * attached to the nearest positive part; a purely negative query becomes `exclude`.
 */
function compile(n: QueryNode): Compiled {
  switch (n.kind) {
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
      const alts = n.children
        .map(compile)
        .filter((c) => c.pos !== null)
        .map(whole);
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
  // Syntax problems are not fatal in the search box: the recovered tree is searched.
  const { root } = parseBooleanQuery(input ?? '');
  if (!root) return { match: null, exclude: null };
  const c = compile(root);
  if (c.pos !== null) return { match: whole(c), exclude: null };
  return { match: null, exclude: c.neg };
}
