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
  /** Lookup tables derived from the three maps on first use (a compiled lexicon is not edited afterwards). */
  index?: LexiconIndex;
}

/** A word's exact weight and the phrases it starts, in one entry: one lookup for the many words in neither. */
interface WordEntry {
  weight: number | undefined;
  phrases: Array<[string[], number]> | undefined;
}

/** Derived tables: words (exact and phrase starts) and prefix buckets keyed by their letters' codes. */
interface LexiconIndex {
  words: Map<string, WordEntry>;
  /** Buckets by code3 of their key; null when a key has a character code3 cannot pack. */
  prefixes: Map<number, Array<[string, number]>> | null;
}

/** The first three characters of a string packed in an integer (no substring, integer hashing), or -1 past Latin-1. */
function code3(s: string): number {
  let code = 0;
  for (let k = 0; k < 3; k++) {
    if (k >= s.length) {
      code <<= 8;
      continue;
    }
    const c = s.charCodeAt(k);
    if (c === 0 || c > 255) return -1;
    code = (code << 8) | c;
  }
  return code;
}

/** The lexicon's derived tables, built on first use. */
function lexiconIndex(lex: Lexicon): LexiconIndex {
  if (lex.index) return lex.index;
  const words = new Map<string, WordEntry>();
  for (const [w, weight] of lex.exact) words.set(w, { weight, phrases: undefined });
  for (const [w, phrases] of lex.phrases) {
    const e = words.get(w);
    if (e) e.phrases = phrases;
    else words.set(w, { weight: undefined, phrases });
  }
  let prefixes: LexiconIndex['prefixes'] = new Map();
  for (const [key, bucket] of lex.prefixes) {
    const code = code3(key);
    if (code < 0) {
      prefixes = null;
      break;
    }
    prefixes.set(code, bucket);
  }
  return (lex.index = { words, prefixes });
}

/** Weight of a token through the prefix buckets (the exact word already missed). */
function prefixWeight(lex: Lexicon, ix: LexiconIndex, token: string): number | undefined {
  const code = ix.prefixes ? code3(token) : -1;
  const bucket = code >= 0 ? ix.prefixes!.get(code) : lex.prefixes.get(token.slice(0, 3));
  if (bucket) for (const [p, weight] of bucket) if (token.startsWith(p)) return weight;
  return undefined;
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

const WORD = /[a-z0-9]+/g;

/** Last input and output of foldedTokens: the item's text is folded by several signals in turn. */
let lastFolded: { text: string; tokens: string[] } = { text: '', tokens: [] };

/** Splits text into folded word tokens, keeping elided particles ("n'est" → "n", "est"). Treat the result as read-only. */
export function foldedTokens(text: string): string[] {
  if (text === lastFolded.text) return lastFolded.tokens;
  const tokens = foldAccents(text).match(WORD) ?? [];
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
  return text.match(WORD) ?? [];
}

const isLetter = (c: number) => c >= 97 && c <= 122;

/**
 * True when socialTokens would rewrite something: a letter three times in a row, or a 0/1/3/4
 * between two letters (one loop; the rewrites' regexes cost more, and few texts need them).
 */
function hasSocialSpelling(folded: string): boolean {
  for (let i = 1; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c === 48 || c === 49 || c === 51 || c === 52) {
      if (isLetter(folded.charCodeAt(i - 1)) && isLetter(folded.charCodeAt(i + 1))) return true;
    } else if (i >= 2 && isLetter(c) && c === folded.charCodeAt(i - 1) && c === folded.charCodeAt(i - 2)) return true;
  }
  return false;
}

/**
 * An item's title and text lead (400 characters) folded once for every lexical signal:
 * controversy and tone read `social`, infox style and claims read `joined`.
 */
export interface FoldedItem {
  /** `title. lead` as written (case and accents kept). */
  raw: string;
  /** raw, accent-folded and lower-cased. */
  folded: string;
  /** foldedTokens of the text (the separator between title and lead is not a token). */
  words: string[];
  /** words joined by single spaces (what the style patterns are written against). */
  joined: string;
  /** socialTokens of the text (the same array as words when no spelling needs undoing). */
  social: string[];
}

/** Folds an item's title and text lead once (see FoldedItem). */
export function foldItem(title: string, text?: string | null): FoldedItem {
  const raw = text ? `${title}. ${text.slice(0, 400)}` : title;
  const folded = foldAccents(raw);
  const words = folded.match(WORD) ?? [];
  return {
    raw,
    folded,
    words,
    joined: words.join(' '),
    social: hasSocialSpelling(folded) ? socialTokens(folded) : words,
  };
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
  const ix = lexiconIndex(lex);
  return ix.words.get(token)?.weight ?? prefixWeight(lex, ix, token);
}

/** Finds every lexicon hit in folded tokens. */
export function matchLexicon(lex: Lexicon, tokens: readonly string[]): LexiconHit[] {
  const hits: LexiconHit[] = [];
  const ix = lexiconIndex(lex);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const entry = ix.words.get(t);
    const phrases = entry?.phrases;
    if (phrases) {
      for (const [words, weight] of phrases) {
        let ok = true;
        for (let k = 1; k < words.length; k++)
          if (
            tokens[i + k] !== words[k] &&
            !(words[k]!.endsWith('*') && tokens[i + k]?.startsWith(words[k]!.slice(0, -1)))
          ) {
            ok = false;
            break;
          }
        if (ok) {
          hits.push({ index: i, match: words.join(' '), weight, length: words.length });
          break;
        }
      }
    }
    const w = entry?.weight ?? prefixWeight(lex, ix, t);
    if (w !== undefined) hits.push({ index: i, match: t, weight: w, length: 1 });
  }
  return hits;
}

const MATCH_ALL = /(?:)/;

/**
 * One regex matching wherever any of `patterns` matches, to skip a list of tests on the texts
 * (most) that match none: one scan instead of one per pattern. Patterns with flags or
 * back-references cannot be joined; the result then matches everything (no shortcut).
 */
export function unionPattern(patterns: readonly RegExp[]): RegExp {
  if (!patterns.length) return /(?!)/;
  if (patterns.some((p) => p.flags !== '' || /\\[1-9]|\(\?</.test(p.source))) return MATCH_ALL;
  return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'));
}
