/**
 * Sparse TF-IDF vectors over stem keys. Pure: document frequencies are passed in, so the batch
 * clusterer (IDF of the batch) and the incremental index (rolling IDF of recent items) share it.
 */
import { tokenInfo, tokenize, type TermOptions } from './text';

/** A sparse, L2-normalised vector: parallel arrays sorted by term id for fast merging. */
export interface SparseVector {
  keys: number[];
  weights: number[];
}

// Terms are interned to small integers once: integer-keyed maps and sorts are several times
// faster than string-keyed ones in the ingest hot loop (centroids, postings, document counts).
const TERM_IDS = new Map<string, number>();
const TERM_NAMES: string[] = [];

/** Integer id of a term key (interned for the life of the process). */
export function termId(key: string): number {
  let id = TERM_IDS.get(key);
  if (id === undefined) {
    id = TERM_NAMES.length;
    TERM_IDS.set(key, id);
    TERM_NAMES.push(key);
  }
  return id;
}

/** The term key of an id. */
export function termName(id: number): string {
  return TERM_NAMES[id] ?? '';
}

/** Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1. */
export function idf(df: number, n: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}

/** Builds a normalised TF-IDF vector; `dfOf` returns a term id's (at position i) document frequency among `n` docs. */
export function weigh(
  doc: { ids: number[]; tf: number[] },
  dfOf: (id: number, i: number) => number,
  n: number,
): SparseVector {
  const keys = doc.ids;
  const weights = new Array<number>(keys.length);
  let norm = 0;
  for (let i = 0; i < keys.length; i++) {
    // Sub-linear tf keeps a repeated word from dominating a short headline; below 1 (a body
    // word weighs 0.5, a calendar word there 0.15) it stays linear: 1 + ln(tf) would go negative.
    const tf = doc.tf[i]!;
    const w = (tf < 1 ? tf : 1 + Math.log(tf)) * idf(dfOf(keys[i]!, i), n);
    weights[i] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
  return { keys, weights };
}

/** Cosine of two normalised sparse vectors (merge of sorted keys). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0,
    j = 0,
    s = 0;
  const ak = a.keys,
    bk = b.keys;
  while (i < ak.length && j < bk.length) {
    const x = ak[i]!,
      y = bk[j]!;
    if (x === y) {
      s += a.weights[i]! * b.weights[j]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Cosine of a normalised sparse vector with a centroid map (unnormalised sum) of given norm. */
export function cosineToCentroid(a: SparseVector, centroid: Map<number, number>, centroidNorm: number): number {
  if (centroidNorm === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.keys.length; i++) s += a.weights[i]! * (centroid.get(a.keys[i]!) ?? 0);
  return s / centroidNorm;
}

/**
 * Two counters per term id: occurrences seen and those that had some property (capitalised,
 * linked…). Typed arrays indexed by term id (small dense integers) keep the two updates per
 * title word out of hash maps on the ingest path.
 */
export class TermTally {
  protected seen = new Uint32Array(1024);
  protected hits = new Uint32Array(1024);

  /** Notes one occurrence of term `id`, with or without the property. */
  note(id: number, hit: boolean): void {
    if (id >= this.seen.length) this.grow(id);
    this.seen[id]!++;
    if (hit) this.hits[id]!++;
  }

  /** Occurrences of term `id` seen. */
  count(id: number): number {
    return id < this.seen.length ? this.seen[id]! : 0;
  }

  /** Halves the counts (rolling indexes keep them bounded like their document frequencies). */
  decay(): void {
    for (let i = 0; i < this.seen.length; i++) {
      this.seen[i]! >>>= 1;
      this.hits[i]! >>>= 1;
    }
  }

  private grow(id: number): void {
    let size = this.seen.length;
    while (size <= id) size *= 2;
    const seen = new Uint32Array(size),
      hits = new Uint32Array(size);
    seen.set(this.seen);
    hits.set(this.hits);
    this.seen = seen;
    this.hits = hits;
  }
}

/**
 * Evidence, learnt from the titles themselves, that a word is a name: the share of its
 * occurrences away from the start of a title that are capitalised (`note(id, capital)`). A title's
 * first word is capitalised by convention, so "Samsung pourrait…" or "Kendji Girac : …" only get
 * the entity weight when the word is mostly capitalised elsewhere (no lexicon needed).
 */
export class NameEvidence extends TermTally {
  /** True when the word was capitalised in at least half of its informative occurrences. */
  isName(id: number): boolean {
    const n = this.count(id);
    return n > 0 && 2 * this.hits[id]! >= n;
  }
}

/** True for a title with no lower-case letter ("NANTES : DISPARITION…"): its case says nothing. */
function isShouting(text: string): boolean {
  return !/[a-z]/.test(text) && /[A-Z]{2}/.test(text);
}

/** Learns name evidence from a title without counting its terms (the batch's first pass). */
export function observeNames(title: string, names: NameEvidence): void {
  if (isShouting(title)) return;
  const tokens = tokenize(title);
  for (let i = 1; i < tokens.length; i++) {
    const tok = tokens[i]!,
      lower = tok.toLowerCase();
    const info = tokenInfo(lower);
    if (!info.key || info.number) continue;
    if (info.id < 0) info.id = termId(info.key);
    names.note(info.id, tok.charCodeAt(0) !== lower.charCodeAt(0));
  }
}

/** Name evidence for countTermIds; `learn` also notes the title's own words (streaming). */
export interface NameContext {
  names: NameEvidence;
  learn: boolean;
}

/**
 * Counts the weighted terms of a title and optional body lead as sorted term ids: stems,
 * numbers, entity bigrams, prefix keys when asked. One cached lookup per token and integer
 * keys throughout (the ingest hot path). A capitalised word inside a title weighs as an
 * entity; with name evidence a capitalised first word does too when it is a known name, and
 * a shouting title relies on the evidence alone.
 */
export function countTermIds(
  title: string,
  text: string | null | undefined,
  options: TermOptions = {},
  ctx?: NameContext,
): { ids: number[]; tf: number[] } {
  const counts = new Map<number, number>();
  const entityBoost = options.entityBoost ?? 2.5,
    numberBoost = options.numberBoost ?? 1.5,
    prefixWeight = options.prefixWeight ?? 0.5;
  const names = ctx?.names;
  const add = (part: string, scale: number, isTitle: boolean) => {
    const tokens = tokenize(part);
    const shouting = isTitle && isShouting(part);
    const learn = isTitle && !shouting && ctx?.learn === true;
    let prev: string | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const lower = tok.toLowerCase();
      const info = tokenInfo(lower);
      if (!info.key) {
        prev = null;
        continue;
      }
      if (info.id < 0) info.id = termId(info.key);
      if (info.number) {
        counts.set(info.id, (counts.get(info.id) ?? 0) + scale * numberBoost);
        prev = null;
        continue;
      }
      const capital = tok.charCodeAt(0) !== lower.charCodeAt(0);
      if (learn && i > 0) names!.note(info.id, capital);
      const entity = capital && (i > 0 && !shouting ? true : names !== undefined && names.isName(info.id));
      const boost = info.weak ? 0.3 : entity ? entityBoost : 1;
      counts.set(info.id, (counts.get(info.id) ?? 0) + scale * boost);
      if (prefixWeight > 0 && lower.length > 5 && !info.weak) {
        if (info.prefixId < 0) info.prefixId = termId('~' + lower.slice(0, 5));
        counts.set(info.prefixId, (counts.get(info.prefixId) ?? 0) + scale * prefixWeight);
      }
      if (entity) {
        if (prev) {
          const b = termId('@' + prev + '_' + info.key);
          counts.set(b, (counts.get(b) ?? 0) + scale * entityBoost);
        }
        prev = info.key;
      } else prev = null;
    }
  };
  // The title names the event (weight 2); of the body only the lead (weight 0.5): its first
  // sentences restate the event, the rest drifts.
  add(title, 2, true);
  if (text) add(text.slice(0, 200), 0.5, false);
  const ids = [...counts.keys()].sort((a, b) => a - b);
  return { ids, tf: ids.map((k) => counts.get(k)!) };
}
