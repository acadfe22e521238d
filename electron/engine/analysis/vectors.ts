/**
 * Sparse TF-IDF vectors over term keys (story-terms.ts). Pure: document frequencies are passed in, so the batch
 * clusterer (IDF of the batch) and the incremental index (rolling IDF of recent items) share it.
 */

/** A sparse, L2-normalised vector: parallel arrays sorted by term id for fast merging. */
export interface SparseVector {
  keys: number[];
  weights: number[];
}

// Terms are interned to small integers once: integer-keyed maps and sorts are several times
// faster than string-keyed ones in the ingest hot loop (centroids, postings, document counts).
const TERM_IDS = new Map<string, number>();
const TERM_NAMES: string[] = [];
/**
 * What a shared term is worth as evidence that two titles tell one story, by id: 2 for a
 * multi-word name ("@cecile ladjali"), 0 for a weak term (a calendar word, a date: marked by
 * markWeak), 1 for any other.
 */
let EVIDENCE = new Uint8Array(1024).fill(1);

/** Integer id of a term key (interned for the life of the process). */
export function termId(key: string): number {
  let id = TERM_IDS.get(key);
  if (id === undefined) {
    id = TERM_NAMES.length;
    TERM_IDS.set(key, id);
    TERM_NAMES.push(key);
    if (id >= EVIDENCE.length) {
      const grown = new Uint8Array(EVIDENCE.length * 2).fill(1);
      grown.set(EVIDENCE);
      EVIDENCE = grown;
    }
    if (key.charCodeAt(0) === 64 /* @ */) EVIDENCE[id] = 2;
  }
  return id;
}

/** Marks a term as weak evidence (shared, it proves nothing: "samedi", "28 janvier"). */
export function markWeak(id: number): void {
  EVIDENCE[id] = 0;
}

/**
 * Whether two vectors share enough to be linked: two distinct terms that are not weak (a
 * multi-word name counts twice), or one name (`isName`, e.g. "Garorock"). One shared common word
 * ("absolument", "prix", "gérer") or a shared date ("samedi 28 janvier") is no evidence of one
 * story. (A bar on the similarity of one-name links, 0.2–0.32, cost Google News 0.01–0.03 of F1
 * for fewer day clusters: not kept.)
 */
export function linkEvidence(a: SparseVector, b: SparseVector, isName: (id: number) => boolean): boolean {
  let i = 0,
    j = 0,
    n = 0,
    only = -1;
  const ak = a.keys,
    bk = b.keys;
  while (i < ak.length && j < bk.length) {
    const x = ak[i]!,
      y = bk[j]!;
    if (x === y) {
      if (a.weights[i]! > 0 && b.weights[j]! > 0 && EVIDENCE[x]! > 0) {
        n += EVIDENCE[x]!;
        if (n >= 2) return true;
        only = x;
      }
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n === 1 && isName(only);
}

/** linkEvidence of a vector with a story centroid (a map of summed weights). */
export function centroidEvidence(
  a: SparseVector,
  centroid: Map<number, number>,
  isName: (id: number) => boolean,
): boolean {
  let n = 0,
    only = -1;
  for (let i = 0; i < a.keys.length; i++) {
    const k = a.keys[i]!;
    if (a.weights[i]! > 0 && EVIDENCE[k]! > 0 && (centroid.get(k) ?? 0) > 0) {
      n += EVIDENCE[k]!;
      if (n >= 2) return true;
      only = k;
    }
  }
  return n === 1 && isName(only);
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
