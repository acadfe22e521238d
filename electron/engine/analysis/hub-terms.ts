/**
 * Hub names in a batch of headlines: a name that many titles share without sharing anything
 * else ("Europe", "Macron", a first name such as "Bernard") links unrelated stories, while a
 * story's own name ("Laporte", "Garorock") comes with other shared words (garde à vue, festival,
 * canicule). Learnt from the batch itself: no lexicon.
 */
import { TermTally, type SparseVector } from './vectors';

/**
 * Hub damping options. Defaults measured on Google News and a general news day; the batch
 * counts title pairs, the stream counts items against their story, hence two sets.
 */
export interface HubOptions {
  /** Share of a name's title pairs (stream: items) that must share other words for full weight. Default 0.3 (stream 0.6); 0 disables. */
  linkShare?: number;
  /** Similarity left once the name's own part is removed that counts as sharing other words. Default 0.08 (stream 0.1). */
  residual?: number;
  /** Lowest weight multiplier of a hub name. Default 0.5. */
  floor?: number;
  /** Distinct titles (near-duplicates counted once; stream: items) needed to judge a name. Default 5 (stream 4). */
  minDocs?: number;
  /** Pair similarity above which two titles count as one (near-duplicates; batch only). Default 0.8. */
  duplicate?: number;
}

/**
 * Weight multiplier (< 1) per hub term: for each eligible term in at least `minDocs` distinct
 * titles, the share of those titles' pairs whose similarity without the term stays above
 * `residual`; below `linkShare` the term weighs proportionally less (down to `floor`).
 * `pairs` must hold every pair with similarity >= `residual`.
 */
export function hubWeights(
  vectors: readonly SparseVector[],
  pairs: ReadonlyArray<[number, number, number]>,
  eligible: (term: number) => boolean,
  opts: HubOptions = {},
): Map<number, number> {
  const linkShare = opts.linkShare ?? 0.3,
    residual = opts.residual ?? 0.08,
    floor = opts.floor ?? 0.5;
  const minDocs = opts.minDocs ?? 5,
    duplicate = opts.duplicate ?? 0.8;
  const out = new Map<number, number>();
  if (linkShare <= 0) return out;
  const n = vectors.length;
  // Near-duplicates (one headline seen in several snapshots or feeds) count once: their
  // shared words would otherwise pass for a story around any name they contain.
  const rep = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (rep[x] !== x) x = rep[x] = rep[rep[x]!]!;
    return x;
  };
  for (const [i, j, s] of pairs)
    if (s >= duplicate) {
      const a = find(i),
        b = find(j);
      if (a !== b) rep[Math.max(a, b)] = Math.min(a, b);
    }
  const docs = new Map<number, number>();
  vectors.forEach((v, i) => {
    if (find(i) === i) for (const k of v.keys) if (eligible(k)) docs.set(k, (docs.get(k) ?? 0) + 1);
  });
  // One pass over the pairs (a pair below `residual` cannot share anything else): for each
  // judged term two titles share, is their similarity without it still above `residual`?
  const linked = new Map<number, number>();
  for (const [i, j, s] of pairs) {
    if (s < residual || find(i) !== i || find(j) !== j) continue;
    const a = vectors[i]!,
      b = vectors[j]!;
    for (let x = 0, y = 0; x < a.keys.length && y < b.keys.length;) {
      const ka = a.keys[x]!,
        kb = b.keys[y]!;
      if (ka < kb) x++;
      else if (ka > kb) y++;
      else {
        if ((docs.get(ka) ?? 0) >= minDocs && s - a.weights[x]! * b.weights[y]! >= residual)
          linked.set(ka, (linked.get(ka) ?? 0) + 1);
        x++;
        y++;
      }
    }
  }
  for (const [k, d] of docs) {
    if (d < minDocs) continue;
    const share = (linked.get(k) ?? 0) / ((d * (d - 1)) / 2);
    const m = Math.max(floor, Math.min(1, share / linkShare));
    if (m < 1) out.set(k, m);
  }
  return out;
}

/**
 * Scales the hub terms' weights without renormalising: only similarities that go through a hub
 * drop (renormalised, the other words of a title would gain weight and merge more: measured).
 * The results are no longer unit vectors; their dot products stay comparable to cosines.
 */
export function scaleTerms(vectors: readonly SparseVector[], multipliers: ReadonlyMap<number, number>): SparseVector[] {
  if (multipliers.size === 0) return [...vectors];
  return vectors.map((v) => ({
    keys: v.keys,
    weights: v.weights.map((w, i) => w * (multipliers.get(v.keys[i]!) ?? 1)),
  }));
}

/**
 * The same evidence for a stream (the ingest StoryIndex), where pairs are never enumerated: per
 * name, how many items carried it and how many of those joined a story that resembles them
 * (>= `residual`) even without that name. A name whose items mostly start stories or join them
 * through it alone is a hub. Counts live in typed arrays indexed by term id (the ingest path).
 */
export class HubEvidence extends TermTally {
  private readonly linkShare: number;
  private readonly floor: number;
  private readonly minDocs: number;
  /** Similarity to the story without the name that counts as a link. */
  readonly residual: number;

  constructor(opts: HubOptions = {}) {
    super();
    this.linkShare = opts.linkShare ?? 0.6;
    this.residual = opts.residual ?? 0.1;
    this.floor = opts.floor ?? 0.5;
    this.minDocs = opts.minDocs ?? 4;
  }

  /** False when disabled (linkShare 0): the index then skips the bookkeeping. */
  get enabled(): boolean {
    return this.linkShare > 0;
  }

  /** Weight multiplier of a term (1 unless it is a name judged a hub). */
  multiplier(id: number): number {
    const n = this.count(id);
    if (n < this.minDocs) return 1;
    return Math.max(this.floor, Math.min(1, this.hits[id]! / n / this.linkShare));
  }
}
