/**
 * Sparse TF-IDF vectors over stem keys. Pure: document frequencies are passed in, so the batch
 * clusterer (IDF of the batch) and the incremental index (rolling IDF of recent items) share it.
 */
import { extractTerms, type TermOptions } from './text';

/** A sparse, L2-normalised vector: parallel arrays sorted by key for fast merging. */
export interface SparseVector {
  keys: string[];
  weights: number[];
}

/** Term frequencies of a document before weighting (key → boosted count). */
export type TermCounts = Map<string, number>;

/** Counts weighted terms of a title and optional text; the title counts double (it names the event). */
export function countTerms(title: string, text?: string | null, options?: TermOptions): TermCounts {
  const counts: TermCounts = new Map();
  for (const t of extractTerms(title, options)) counts.set(t.key, (counts.get(t.key) ?? 0) + 2 * t.boost);
  if (text) {
    // Only the lead of the body: its first sentences restate the event; the rest drifts.
    for (const t of extractTerms(text.slice(0, 400), options)) counts.set(t.key, (counts.get(t.key) ?? 0) + 0.5 * t.boost);
  }
  return counts;
}

/** Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1. */
export function idf(df: number, n: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}

/** Builds a normalised TF-IDF vector; `dfOf` returns a key's document frequency among `n` docs. */
export function weigh(counts: TermCounts, dfOf: (key: string) => number, n: number): SparseVector {
  const keys = [...counts.keys()].sort();
  const weights = new Array<number>(keys.length);
  let norm = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    // Sub-linear tf keeps a repeated word from dominating a short headline.
    const w = (1 + Math.log(counts.get(k)!)) * idf(dfOf(k), n);
    weights[i] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
  return { keys, weights };
}

/** Cosine of two normalised sparse vectors (merge of sorted keys). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0, j = 0, s = 0;
  const ak = a.keys, bk = b.keys;
  while (i < ak.length && j < bk.length) {
    const x = ak[i]!, y = bk[j]!;
    if (x === y) { s += a.weights[i]! * b.weights[j]!; i++; j++; } else if (x < y) i++; else j++;
  }
  return s;
}

/** Cosine of a normalised sparse vector with a centroid map (unnormalised sum) of given norm. */
export function cosineToCentroid(a: SparseVector, centroid: Map<string, number>, centroidNorm: number): number {
  if (centroidNorm === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.keys.length; i++) s += a.weights[i]! * (centroid.get(a.keys[i]!) ?? 0);
  return s / centroidNorm;
}
