/**
 * Fast matching of folded tokens against word lists with `*` prefixes and multi-word phrases.
 * Lists are compiled once into a map of exact words, a map of prefixes bucketed by their first
 * three letters, and a phrase map keyed by the first word.
 */
import { foldAccents } from './text';

/** A compiled word list. */
export interface Lexicon {
  exact: Map<string, number>;
  prefixes: Map<string, Array<[string, number]>>;
  phrases: Map<string, Array<[string[], number]>>;
}

/** Compiles [pattern, weight] pairs (patterns folded; `*` suffix = prefix; spaces = phrase). */
export function compileLexicon(entries: Iterable<[string, number]>): Lexicon {
  const lex: Lexicon = { exact: new Map(), prefixes: new Map(), phrases: new Map() };
  for (const [raw, weight] of entries) {
    const p = raw.trim();
    if (!p) continue;
    if (p.includes(' ')) {
      const words = p.split(/\s+/);
      const list = lex.phrases.get(words[0]!) ?? [];
      list.push([words, weight]);
      lex.phrases.set(words[0]!, list);
    } else if (p.endsWith('*')) {
      const stemPart = p.slice(0, -1);
      const bucket = stemPart.slice(0, 3);
      const list = lex.prefixes.get(bucket) ?? [];
      list.push([stemPart, weight]);
      lex.prefixes.set(bucket, list);
    } else lex.exact.set(p, Math.max(weight, lex.exact.get(p) ?? 0));
  }
  return lex;
}

/** Last input and output of foldedTokens: the item's text is folded by several signals in turn. */
let lastFolded: { text: string; tokens: string[] } = { text: '', tokens: [] };

/** Splits text into folded word tokens, keeping elided particles ("n'est" → "n", "est"). Treat the result as read-only. */
export function foldedTokens(text: string): string[] {
  if (text === lastFolded.text) return lastFolded.tokens;
  const tokens = foldAccents(text).match(/[a-z0-9]+/g) ?? [];
  lastFolded = { text, tokens };
  return tokens;
}

const ELONGATION = /([a-z])\1{2,}/g;
const LEET = /([a-z])([0134])(?=[a-z])/g;
const LEET_LETTER: Record<string, string> = { 0: 'o', 1: 'i', 3: 'e', 4: 'a' };

/**
 * Folded tokens of social-media text with its spellings undone, so "nuuuul", "c0nnard" and
 * "connard" match one lexicon entry: a letter repeated three times or more counts once, and a
 * 0/1/3/4 between two letters is read as o/i/e/a ("1er", "covid19", "h24" keep their digits).
 */
export function socialTokens(foldedText: string): string[] {
  const text = foldedText.replace(ELONGATION, '$1').replace(LEET, (_, a: string, d: string) => a + LEET_LETTER[d]!);
  return text.match(/[a-z0-9]+/g) ?? [];
}

/** One lexicon hit: token index, matched text and weight. */
export interface LexiconHit {
  index: number;
  match: string;
  weight: number;
  /** Tokens covered by the hit (phrases cover several). */
  length: number;
}

/** Weight of one folded token in a lexicon (exact word or prefix; phrases are not looked up). */
export function tokenWeight(lex: Lexicon, token: string): number | undefined {
  const w = lex.exact.get(token);
  if (w !== undefined) return w;
  const bucket = lex.prefixes.get(token.slice(0, 3));
  if (bucket) for (const [p, weight] of bucket) if (token.startsWith(p)) return weight;
  return undefined;
}

/** Finds every lexicon hit in folded tokens. */
export function matchLexicon(lex: Lexicon, tokens: readonly string[]): LexiconHit[] {
  const hits: LexiconHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const phrases = lex.phrases.get(t);
    if (phrases) {
      for (const [words, weight] of phrases) {
        let ok = true;
        for (let k = 1; k < words.length; k++) if (tokens[i + k] !== words[k] && !(words[k]!.endsWith('*') && tokens[i + k]?.startsWith(words[k]!.slice(0, -1)))) { ok = false; break; }
        if (ok) { hits.push({ index: i, match: words.join(' '), weight, length: words.length }); break; }
      }
    }
    const w = tokenWeight(lex, t);
    if (w !== undefined) hits.push({ index: i, match: t, weight: w, length: 1 });
  }
  return hits;
}
