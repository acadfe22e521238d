/**
 * Batch story clustering (the `vigie cluster` path and `vigie analyze` rebuilds): TF-IDF over
 * the batch, candidate pairs from an inverted index (frequent terms skipped), then greedy
 * average-linkage merging in descending similarity order. Average linkage keeps long chains of
 * loosely related headlines ("Macron … ", "Macron …") from collapsing into one story, which is
 * the main failure of single-pass centroid clustering.
 */
import { cosine, linkEvidence, NameEvidence, weigh, type SparseVector } from './vectors';
import { countTermIds, observeNames } from './story-terms';
import { hubWeights, scaleTerms, type HubOptions } from './hub-terms';
import type { TermOptions } from './text';

/** One document to cluster. */
export interface ClusterDoc {
  title: string;
  text?: string | null;
  /** Epoch ms; documents further apart than `maxGapMs` never share a story. */
  time?: number | null;
}

/** Clustering options (defaults tuned on French headlines). */
export interface ClusterOptions {
  /** Average-link similarity needed to merge two groups. Default 0.16. */
  threshold?: number;
  /** Pair similarity for near-duplicates, merged regardless of group averages. Default 0.8. */
  duplicateThreshold?: number;
  /** Terms found in more than this share of documents give no candidates. Default 0.05. */
  maxDfShare?: number;
  /** Documents further apart in time never merge, ms. Default 4 days. */
  maxGapMs?: number;
  /** Term weighting options. */
  terms?: TermOptions;
  /** Fraction of the threshold accepted as average when the best link is twice the threshold. Default 1. */
  relax?: number;
  /** Average similarity for a leftover singleton to join a group in the second pass. Default 0.1. */
  attachThreshold?: number;
  /** Share of its neighbours' vectors added to each document (second-order similarity). Default 0 (measured: no gain on headlines). */
  expansion?: number;
  /** Hub names (shared by titles that share nothing else) weigh less; see hub-terms.ts. */
  hubs?: HubOptions;
  /** A pair links only with evidence (two shared terms, or one shared name; see linkEvidence). Default true. */
  evidence?: boolean;
}

/** Which words the batch writes capitalised mid-title (names), learnt from its titles. */
export function batchNames(docs: readonly ClusterDoc[]): NameEvidence {
  const names = new NameEvidence();
  for (const d of docs) observeNames(d.title, names);
  return names;
}

/** Builds TF-IDF vectors for a batch (IDF and name evidence from the batch itself). */
export function vectorizeBatch(
  docs: readonly ClusterDoc[],
  terms?: TermOptions,
  names = batchNames(docs),
): SparseVector[] {
  // The first pass (names) lets a title that starts with a name weigh it as one.
  const counts = docs.map((d) => countTermIds(d.title, d.text, terms, { names, learn: false }));
  const df = new Map<number, number>();
  for (const c of counts) for (const k of c.ids) df.set(k, (df.get(k) ?? 0) + 1);
  return counts.map((c) => weigh(c, (k) => df.get(k) ?? 0, docs.length));
}

/** Candidate pairs with their cosine, via an inverted index over non-frequent terms. */
export function similarPairs(
  vectors: readonly SparseVector[],
  docs: readonly ClusterDoc[],
  minSim: number,
  opts: ClusterOptions = {},
): Array<[number, number, number]> {
  const maxDf = Math.max(50, Math.floor((opts.maxDfShare ?? 0.05) * vectors.length));
  const maxGap = opts.maxGapMs ?? 4 * 86_400_000;
  const postings = new Map<number, number[]>();
  vectors.forEach((v, i) => {
    for (const k of v.keys) {
      let p = postings.get(k);
      if (!p) postings.set(k, (p = []));
      p.push(i);
    }
  });
  const pairs: Array<[number, number, number]> = [];
  const seen = new Set<number>();
  for (let i = 0; i < vectors.length; i++) {
    seen.clear();
    for (const k of vectors[i]!.keys) {
      const p = postings.get(k)!;
      if (p.length > maxDf) continue;
      for (const j of p) {
        if (j <= i || seen.has(j)) continue;
        seen.add(j);
        const ti = docs[i]!.time,
          tj = docs[j]!.time;
        if (ti != null && tj != null && Math.abs(ti - tj) > maxGap) continue;
        const s = cosine(vectors[i]!, vectors[j]!);
        if (s >= minSim) pairs.push([i, j, s]);
      }
    }
  }
  return pairs;
}

/** Clusters documents; returns a story label (0..k-1) per document, in input order. */
export function clusterDocs(docs: readonly ClusterDoc[], opts: ClusterOptions = {}): number[] {
  return clusterBatch(docs, opts).labels;
}

/** A clustered batch: labels, the vectors they were made from (hub names scaled) and the batch's name evidence. */
export interface ClusteredBatch {
  labels: number[];
  vectors: SparseVector[];
  names: NameEvidence;
}

/** clusterDocs with the vectors and name evidence it used (for the topic level). */
export function clusterBatch(docs: readonly ClusterDoc[], opts: ClusterOptions = {}): ClusteredBatch {
  const names = batchNames(docs);
  const vectors = vectorizeBatch(docs, opts.terms, names);
  // Hub names first: one shared place or person otherwise dominates short titles (entity
  // weight) and chains a general news day's unrelated headlines into one story.
  const hubOpts = { duplicate: opts.duplicateThreshold, ...opts.hubs };
  if (hubOpts.linkShare === 0 || (opts.expansion ?? 0) > 0)
    return { labels: clusterVectors(vectors, docs, opts), vectors, names };
  const minSim = pairFloor(opts);
  const pairs = similarPairs(vectors, docs, Math.min(minSim, hubOpts.residual ?? 0.08), opts);
  const hubs = hubWeights(vectors, pairs, (id) => names.isName(id), hubOpts);
  const scaled = scaleTerms(vectors, hubs);
  // Scaling only lowers similarities, so the pairs above the floor are among those already
  // found: only a pair through a hub term needs its similarity again.
  const touched = scaled.map((v) => v.keys.some((k) => hubs.has(k)));
  const rescored: Array<[number, number, number]> = [];
  const evidence = opts.evidence ?? true;
  const isName = (id: number) => names.isName(id);
  for (const [i, j, s] of pairs) {
    const t = touched[i] && touched[j] ? cosine(scaled[i]!, scaled[j]!) : s;
    if (t >= minSim && (!evidence || linkEvidence(scaled[i]!, scaled[j]!, isName))) rescored.push([i, j, t]);
  }
  return { labels: clusterVectors(scaled, docs, opts, rescored), vectors: scaled, names };
}

/** Lowest pair similarity the merging looks at. */
function pairFloor(opts: ClusterOptions): number {
  return Math.min(opts.threshold ?? 0.16, opts.duplicateThreshold ?? 0.8) * 0.5;
}

/** Clusters already vectorised documents (same algorithm as clusterDocs); `known` pairs (i < j, similarity >= the floor) skip the search. */
export function clusterVectors(
  input: readonly SparseVector[],
  docs: readonly ClusterDoc[],
  opts: ClusterOptions = {},
  known?: Array<[number, number, number]>,
): number[] {
  const threshold = opts.threshold ?? 0.16;
  const dup = opts.duplicateThreshold ?? 0.8;
  let vectors = input;
  const alpha = opts.expansion ?? 0;
  if (alpha > 0) vectors = expandVectors(vectors, similarPairs(vectors, docs, threshold, opts), alpha);
  const pairs = known ?? similarPairs(vectors, docs, pairFloor(opts), opts);
  const sim = new Map<number, number>();
  const n = docs.length;
  for (const [i, j, s] of pairs) sim.set(i * n + j, s);
  const simOf = (a: number, b: number): number => (a < b ? sim.get(a * n + b) : sim.get(b * n + a)) ?? 0;
  pairs.sort((a, b) => b[2] - a[2]);
  const groupOf = Array.from({ length: n }, (_, i) => i);
  const members = new Map<number, number[]>(groupOf.map((g) => [g, [g]]));
  for (const [i, j, s] of pairs) {
    const gi = groupOf[i]!,
      gj = groupOf[j]!;
    if (gi === gj) continue;
    const a = members.get(gi)!,
      b = members.get(gj)!;
    let merge = s >= dup && (a.length === 1 || b.length === 1);
    if (!merge) {
      if (s < threshold) continue;
      let total = 0;
      for (const x of a) for (const y of b) total += simOf(x, y);
      const avg = total / (a.length * b.length);
      // Plain average linkage is strict for big groups (one odd member drags the mean down):
      // a group pair also merges when the average is close and the best link is strong.
      merge = avg >= threshold || (avg >= threshold * (opts.relax ?? 1) && s >= 2 * threshold);
    }
    if (!merge) continue;
    const [keep, gone] = a.length >= b.length ? [gi, gj] : [gj, gi];
    const kept = members.get(keep)!;
    for (const x of members.get(gone)!) {
      groupOf[x] = keep;
      kept.push(x);
    }
    members.delete(gone);
  }
  // Second pass: a singleton whose words were too few for a pair merge joins the group it
  // resembles most on average, at a lower bar (short headlines share one or two words).
  const attach = opts.attachThreshold ?? 0.1;
  if (attach > 0) {
    const neighbours = new Map<number, Array<[number, number]>>();
    for (const [i, j, s] of pairs) {
      (neighbours.get(i) ?? neighbours.set(i, []).get(i)!).push([j, s]);
      (neighbours.get(j) ?? neighbours.set(j, []).get(j)!).push([i, s]);
    }
    for (let i = 0; i < n; i++) {
      if (members.get(groupOf[i]!)?.length !== 1) continue;
      const sums = new Map<number, number>();
      for (const [j, s] of neighbours.get(i) ?? []) {
        const g = groupOf[j]!;
        if (g !== groupOf[i]) sums.set(g, (sums.get(g) ?? 0) + s);
      }
      let best = -1,
        bestAvg = attach;
      for (const [g, total] of sums) {
        const avg = total / members.get(g)!.length;
        if (avg >= bestAvg) {
          best = g;
          bestAvg = avg;
        }
      }
      if (best >= 0) {
        members.delete(groupOf[i]!);
        groupOf[i] = best;
        members.get(best)!.push(i);
      }
    }
  }
  const label = new Map<number, number>();
  return groupOf.map((g) => {
    let l = label.get(g);
    if (l === undefined) label.set(g, (l = label.size));
    return l;
  });
}

/**
 * Adds to each vector its neighbours' vectors weighted by similarity: two rewrites of a headline
 * that share no word but share a third headline's words become similar (query expansion).
 */
export function expandVectors(
  vectors: readonly SparseVector[],
  pairs: ReadonlyArray<[number, number, number]>,
  alpha: number,
): SparseVector[] {
  const acc = vectors.map((v) => {
    const m = new Map<number, number>();
    v.keys.forEach((k, i) => m.set(k, v.weights[i]!));
    return m;
  });
  const add = (into: Map<number, number>, v: SparseVector, w: number) => {
    v.keys.forEach((k, i) => into.set(k, (into.get(k) ?? 0) + w * v.weights[i]!));
  };
  for (const [i, j, s] of pairs) {
    add(acc[i]!, vectors[j]!, alpha * s);
    add(acc[j]!, vectors[i]!, alpha * s);
  }
  return acc.map((m) => {
    const keys = [...m.keys()].sort((a, b) => a - b);
    const weights = keys.map((k) => m.get(k)!);
    const norm = Math.sqrt(weights.reduce((a, w) => a + w * w, 0)) || 1;
    return { keys, weights: weights.map((w) => w / norm) };
  });
}
