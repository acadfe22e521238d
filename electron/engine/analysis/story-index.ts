/**
 * In-memory incremental story index (one per database handle): rolling document frequencies,
 * an inverted index from terms to OPEN stories (seen within the window) and story centroids.
 * Assigning an item costs its terms' postings among open stories, never the archive size:
 * stories older than the window are evicted from the index (they stay in the database).
 */
import { weigh, cosine, cosineToCentroid, centroidEvidence, NameEvidence, type SparseVector } from './vectors';
import { countTermIds } from './story-terms';
import { HubEvidence, type HubOptions } from './hub-terms';
import type { ViralItem } from './virality';
import type { TermOptions } from './text';

/** Index options. */
export interface StoryIndexOptions {
  /** Centroid cosine needed to join a story. Default 0.22. */
  threshold?: number;
  /** A story stays open this long after its last item, ms. Default 3 days. */
  windowMs?: number;
  /** Terms with more open stories than this give no candidates (too common). Default 40. */
  maxPostings?: number;
  /** Scale of the similarity to a story's latest items (vs its centroid). Default 0.8. */
  memberWeight?: number;
  /** Term weighting (see story-terms.ts). */
  terms?: TermOptions;
  /** Hub names weigh less (see HubEvidence); `{ linkShare: 0 }` disables. */
  hubs?: HubOptions;
}

/** A story's in-memory state. */
export interface OpenStory {
  id: number;
  centroid: Map<number, number>;
  norm: number;
  firstSeen: number;
  lastSeen: number;
  title: string;
  titleScore: number;
  itemCount: number;
  sources: Set<string>;
  types: Set<string>;
  timeline: Map<string, number>;
  /** Recent occurrences for virality (capped). */
  viral: ViralItem[];
  tones: Array<{ score: number; tone: number }>;
  trusted: boolean;
  /** Items claiming an official document not yet corroborated (id, time), awaiting a trusted source. */
  pendingClaims: Array<{ id: number; time: number }>;
  debunk: { title: string; link: string | null } | null;
  infoxMax: number;
  /** The most suspicious item so far (for the story's infox reason). */
  infoxTop: { title: string; signals: string[] } | null;
  /** The latest few item vectors: a rewrite matches its sibling even when the centroid has drifted. */
  recent: SparseVector[];
}

/** The index. */
export class StoryIndex {
  readonly df = new Map<number, number>();
  docs = 0;
  /** Which words recent titles capitalise mid-title (see NameEvidence). */
  readonly names = new NameEvidence();
  /** Which names recent items shared without sharing anything else (see HubEvidence). */
  readonly hubs: HubEvidence;
  /** findStory's last answer with its centroid cosine, reused when the item is then added. */
  private lastMatch: { v: SparseVector; id: number; centroid: number } | null = null;
  readonly stories = new Map<number, OpenStory>();
  private readonly postings = new Map<number, Set<number>>();
  /** Campaign fingerprints → recent posts (account, time). */
  readonly fingerprints = new Map<string, Array<{ account: string; time: number }>>();
  now = 0;
  private readonly threshold: number;
  private readonly windowMs: number;
  private readonly maxPostings: number;
  private readonly terms: TermOptions;
  private readonly memberWeight: number;
  private evictAt = 0;
  /** A term read as a name by the rolling evidence (one shared name is evidence enough to join). */
  private readonly isName = (id: number): boolean => this.names.isName(id);

  constructor(opts: StoryIndexOptions = {}) {
    this.threshold = opts.threshold ?? 0.22;
    this.windowMs = opts.windowMs ?? 3 * 86_400_000;
    this.maxPostings = opts.maxPostings ?? 40;
    this.terms = opts.terms ?? {};
    this.memberWeight = opts.memberWeight ?? 0.8;
    this.hubs = new HubEvidence(opts.hubs);
  }

  /** Vectorises a document against the rolling document frequencies (and counts it). */
  vectorize(title: string, text?: string | null): SparseVector {
    const doc = countTermIds(title, text, this.terms, { names: this.names, learn: true });
    // Counted first, then weighed with the counts just written (one map update per term).
    const dfs = doc.ids.map((k) => {
      const d = (this.df.get(k) ?? 0) + 1;
      this.df.set(k, d);
      return d;
    });
    this.docs++;
    const v = weigh(doc, (_, i) => dfs[i]!, this.docs);
    // Hub names scaled without renormalising, as in the batch clusterer (hub-terms.ts).
    if (this.hubs.enabled) for (let i = 0; i < v.keys.length; i++) v.weights[i]! *= this.hubs.multiplier(v.keys[i]!);
    return v;
  }

  /**
   * Best open story for a vector (id and similarity), or null below the threshold. Candidates
   * are the stories sharing the document's strongest terms (weights accumulated over postings,
   * common terms skipped); only the best few get an exact centroid cosine. The cost is bounded
   * by postings sizes, not by the number of stories or items.
   */
  findStory(v: SparseVector, time: number): { id: number; sim: number } | null {
    // Strongest terms first: rare names and numbers find the story; common words only add noise.
    const order = strongest(v.weights, 8);
    const acc = new Map<number, number>();
    for (const i of order) {
      const p = this.postings.get(v.keys[i]!);
      if (!p || p.size > this.maxPostings) continue;
      const w = v.weights[i]!;
      for (const id of p) acc.set(id, (acc.get(id) ?? 0) + w);
    }
    if (!acc.size) return null;
    const top = topEntries(acc, 6);
    let best: { id: number; sim: number } | null = null;
    let bestCentroid = 0;
    for (const id of top) {
      const s = this.stories.get(id)!;
      if (time - s.lastSeen > this.windowMs || s.firstSeen - time > this.windowMs) continue;
      const c = cosineToCentroid(v, s.centroid, s.norm);
      let sim = c;
      for (const r of s.recent) {
        const m = cosine(v, r) * this.memberWeight;
        if (m > sim) sim = m;
      }
      if (sim >= this.threshold && (!best || sim > best.sim) && centroidEvidence(v, s.centroid, this.isName)) {
        best = { id, sim };
        bestCentroid = c;
      }
    }
    if (best) this.lastMatch = { v, id: best.id, centroid: bestCentroid };
    return best;
  }

  /** Adds a vector to a story's centroid and postings (creating the story state if needed). */
  addToStory(story: OpenStory, v: SparseVector): void {
    if (this.hubs.enabled) this.noteHubs(story, v);
    let sq = story.norm * story.norm;
    for (let i = 0; i < v.keys.length; i++) {
      const k = v.keys[i]!;
      const prev = story.centroid.get(k);
      const old = prev ?? 0;
      const nw = old + v.weights[i]!;
      sq += nw * nw - old * old;
      story.centroid.set(k, nw);
      // A term already in the centroid is already posted (postings only lose a story with all
      // its terms): big stories repeat most of their terms, so this skips most posting updates.
      if (prev !== undefined) continue;
      let p = this.postings.get(k);
      if (!p) this.postings.set(k, (p = new Set()));
      p.add(story.id);
    }
    story.norm = Math.sqrt(Math.max(0, sq));
    story.recent.push(v);
    if (story.recent.length > 4) story.recent.shift();
    this.stories.set(story.id, story);
  }

  /** Hub evidence for the item's names: did it join a story that resembles it without the name? */
  private noteHubs(story: OpenStory, v: SparseVector): void {
    const m = this.lastMatch;
    const sim =
      story.norm === 0
        ? 0
        : m && m.v === v && m.id === story.id
          ? m.centroid
          : cosineToCentroid(v, story.centroid, story.norm);
    for (let i = 0; i < v.keys.length; i++) {
      const k = v.keys[i]!;
      if (!this.names.isName(k)) continue;
      this.hubs.note(
        k,
        sim > 0 && sim - (v.weights[i]! * (story.centroid.get(k) ?? 0)) / story.norm >= this.hubs.residual,
      );
    }
  }

  /** Removes a story from the index (evicted, merged or split). */
  remove(id: number): void {
    const s = this.stories.get(id);
    if (!s) return;
    for (const k of s.centroid.keys()) this.postings.get(k)?.delete(id);
    this.stories.delete(id);
  }

  /** Items of the open stories (for the topic baseline). */
  docsInWindow(): number {
    let n = 0;
    for (const s of this.stories.values()) n += s.itemCount;
    return n;
  }

  /** Evicts stories closed for longer than the window (amortised: at most once per hour of data). */
  evict(now: number): void {
    this.now = Math.max(this.now, now);
    if (this.now < this.evictAt) return;
    this.evictAt = this.now + 3_600_000;
    for (const [id, s] of this.stories) if (this.now - s.lastSeen > this.windowMs) this.remove(id);
    for (const [fp, posts] of this.fingerprints) {
      const kept = posts.filter((p) => this.now - p.time <= 6 * 3_600_000);
      if (kept.length) this.fingerprints.set(fp, kept);
      else this.fingerprints.delete(fp);
    }
    // Rolling IDF: halve old counts once the index has seen many documents so vocabulary drift
    // (new names, new events) is reflected and the map stays bounded.
    if (this.docs > 200_000) {
      for (const [k, d] of this.df) {
        const h = d >> 1;
        if (h) this.df.set(k, h);
        else this.df.delete(k);
      }
      this.docs >>= 1;
      this.names.decay();
      this.hubs.decay();
    }
  }
}

/** A new, empty open-story state. */
export function newOpenStory(id: number, time: number, title: string): OpenStory {
  return {
    id,
    centroid: new Map(),
    norm: 0,
    firstSeen: time,
    lastSeen: time,
    title,
    titleScore: -1,
    itemCount: 0,
    sources: new Set(),
    types: new Set(),
    timeline: new Map(),
    viral: [],
    tones: [],
    trusted: false,
    pendingClaims: [],
    debunk: null,
    infoxMax: 0,
    infoxTop: null,
    recent: [],
  };
}

/**
 * Indices of the k largest weights (all of them, in order, when there are no more than k),
 * largest first with ties in index order as a stable sort would give, by insertion into a
 * k-slot list: no comparator sort on the ingest path.
 */
function strongest(weights: readonly number[], k: number): number[] {
  const out: number[] = [];
  if (weights.length <= k) {
    for (let i = 0; i < weights.length; i++) out.push(i);
    return out;
  }
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (out.length === k && w <= weights[out[k - 1]!]!) continue;
    let j = out.length < k ? out.length : k - 1;
    while (j > 0 && weights[out[j - 1]!]! < w) {
      if (j < k) out[j] = out[j - 1]!;
      j--;
    }
    out[j] = i;
  }
  return out;
}

/** Keys of the k largest values (linear scan; k is small). */
function topEntries(acc: Map<number, number>, k: number): number[] {
  const ids: number[] = [],
    vals: number[] = [];
  for (const [id, v] of acc) {
    if (ids.length < k) {
      ids.push(id);
      vals.push(v);
      continue;
    }
    let min = 0;
    for (let j = 1; j < k; j++) if (vals[j]! < vals[min]!) min = j;
    if (v > vals[min]!) {
      ids[min] = id;
      vals[min] = v;
    }
  }
  return ids;
}
