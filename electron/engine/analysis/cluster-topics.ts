/**
 * Topics: the second level of stories. Events (one fact or development: the clusterers' stories)
 * group into topics (the pension reform, the war in Ukraine, the Oscars) through topic terms: a
 * term many titles of the window carry ("retraite" in 8 % of a strike day's titles, too common
 * to link two titles by itself) whose titles, from different events, also share other words
 * (réforme, grève, syndicats). A frequent word whose titles share nothing else ("prix", "jeunes")
 * is no topic. Each event joins the topic term it carries most; terms that mark the same events
 * ("retraite" and "réforme") are one topic. Learnt from the window, no lexicon.
 */
import { termName, type SparseVector } from './vectors';
import { WEAK_WORDS } from './lexicons/stop-words';

/** Topic options (defaults measured on two general news days, Le Monde and Google News; docs/analysis.md). */
export interface TopicOptions {
  /** Titles a term needs (at least this many, and 0.3 % of the window). Default 5. */
  minDocs?: number;
  /**
   * Share of its cross-event title pairs that must share another term. Default 0.15: five times
   * the share of a frequent word's pairs on a general day (~0.03: "France", "prix", "jeune").
   */
  coherence?: number;
  /** Similarity without the term that counts as sharing something else. Default 0.05. */
  residual?: number;
  /** Share of an event's items that must carry a term for the event to join its topic. Default 0.5. */
  eventShare?: number;
  /** Two topic terms whose events overlap this much (of the smaller set) are one topic. Default 0.5. */
  mergeOverlap?: number;
}

/** The window's topics: a topic label per event label, and each topic's terms (strongest first). */
export interface Topics {
  topicOf: Map<number, number>;
  terms: Map<number, string[]>;
}

/** Share of a term's titles another word must be in to count as its fixed partner. */
const PARTNER = 0.8;
/**
 * The count test's bar: three times the window's rate of word sharing between two titles of
 * different events (~0.1 on a general day), at least `coherence` and at most 0.5 (a window of a
 * few front pages about one election shares words everywhere).
 */
const COUNT_BAR_RATIO = 3;
const COUNT_BAR_CAP = 0.5;
/** Events a topic term must connect through other shared words. */
const MIN_CONNECTED = 3;
/** Titles of one event looked at for a term. */
const PER_EVENT = 3;
/** Largest number of events per term looked at for its coherence (pairs grow quadratically). */
const SAMPLE = 48;

/**
 * Groups events into topics. `vectors` are the items' vectors (as the batch clusterer made them),
 * `events` the event label of each item; an event in no topic is a topic of its own.
 */
export function clusterTopics(
  vectors: readonly SparseVector[],
  events: readonly number[],
  opts: TopicOptions = {},
): Topics {
  const n = vectors.length;
  const minDocs = Math.max(opts.minDocs ?? 5, Math.ceil(0.003 * n));
  const coherence = opts.coherence ?? 0.15,
    residual = opts.residual ?? 0.05,
    eventShare = opts.eventShare ?? 0.5,
    mergeOverlap = opts.mergeOverlap ?? 0.5;
  const docsOf = new Map<number, number[]>();
  vectors.forEach((v, i) => {
    for (const k of v.keys) (docsOf.get(k) ?? docsOf.set(k, []).get(k)!).push(i);
  });
  const weightIn = (v: SparseVector, k: number): number => {
    let lo = 0,
      hi = v.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (v.keys[mid] === k) return v.weights[mid]!;
      if (v.keys[mid]! < k) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  };
  const dot = (a: SparseVector, b: SparseVector): number => {
    let s = 0;
    for (let i = 0, j = 0; i < a.keys.length && j < b.keys.length;) {
      if (a.keys[i] === b.keys[j]) s += a.weights[i++]! * b.weights[j++]!;
      else if (a.keys[i]! < b.keys[j]!) i++;
      else j++;
    }
    return s;
  };
  const plain = (k: number) => {
    const nm = termName(k);
    return !nm.startsWith('#') && !nm.startsWith('~') && !WEAK_WORDS.has(nm);
  };
  const sharesOther = (a: SparseVector, b: SparseVector, skip: readonly number[]): boolean => {
    for (let i = 0, j = 0; i < a.keys.length && j < b.keys.length;) {
      const x = a.keys[i]!,
        y = b.keys[j]!;
      if (x === y) {
        if (!skip.includes(x) && plain(x)) return true;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return false;
  };
  const background = sharingRate(vectors, events, sharesOther);
  // Topic terms: frequent, spread over several events, and coherent across them.
  const topicTerms: Array<{ term: number; score: number; connected: Set<number>; sampled: Set<number> }> = [];
  for (const [term, docs] of docsOf) {
    const name = termName(term);
    // Numbers and calendar words ("samedi", "février") mark a date, not a subject.
    if (docs.length < minDocs || name.startsWith('#') || name.startsWith('~') || WEAK_WORDS.has(name)) continue;
    // A few of each event's titles carrying the term (an event's first title may not be the one
    // that shares words with the others).
    const byEvent = new Map<number, number[]>();
    for (const i of docs) {
      const list = byEvent.get(events[i]!);
      if (!list) byEvent.set(events[i]!, [i]);
      else if (list.length < PER_EVENT) list.push(i);
    }
    if (byEvent.size < 3) continue;
    // The words of a fixed expression ("garde à vue", "réseaux sociaux") come together: sharing
    // the other one is no sign of a topic for the weighted test. Partners: in 80 % of its titles.
    const together = new Map<number, number>();
    for (const i of docs) for (const k of vectors[i]!.keys) if (k !== term) together.set(k, (together.get(k) ?? 0) + 1);
    const partners = [term];
    for (const [k, c] of together) if (c >= PARTNER * docs.length) partners.push(k);
    const own = (v: SparseVector, u: SparseVector) => {
      let s = 0;
      for (const k of partners) s += weightIn(v, k) * weightIn(u, k);
      return s;
    };
    // One title per event: pairs inside an event (rewrites) would pass for coherence.
    const reps = [...byEvent.values()].filter((_, k, a) => k % Math.ceil(a.length / SAMPLE) === 0);
    const any = (x: number, y: number, test: (a: SparseVector, b: SparseVector) => boolean) =>
      reps[x]!.some((i) => reps[y]!.some((j) => test(vectors[i]!, vectors[j]!)));
    // Two tests, either makes a topic term: (1) similarity left without the term and its partners
    // (weights: rare shared words count more), (2) any other word shared, against how often two
    // titles of the window share one at all (no partners: on the day of an invasion "guerre en
    // Ukraine" is the shared subject, and its words have low weights because every title has them).
    const weighted = new Links(reps.length),
      counted = new Links(reps.length);
    for (let x = 0; x < reps.length; x++)
      for (let y = x + 1; y < reps.length; y++) {
        if (any(x, y, (a, b) => dot(a, b) - own(a, b) >= residual)) weighted.link(x, y);
        if (any(x, y, (a, b) => sharesOther(a, b, [term]))) counted.link(x, y);
      }
    const countBar = Math.min(COUNT_BAR_CAP, Math.max(coherence, COUNT_BAR_RATIO * background));
    const pass = [
      { links: weighted, bar: coherence },
      { links: counted, bar: countBar },
    ].find(({ links, bar }) => links.share() >= bar && links.largest().length >= MIN_CONNECTED);
    if (!pass) continue;
    const connected = new Set(pass.links.largest().map((x) => events[reps[x]![0]!]!));
    const sampled = new Set(reps.map((r) => events[r[0]!]!));
    topicTerms.push({ term, score: pass.links.share() * Math.log(byEvent.size), connected, sampled });
  }
  topicTerms.sort((a, b) => b.score - a.score || a.term - b.term);
  // Events carrying each topic term in at least `eventShare` of their items.
  const members = new Map<number, number[]>();
  events.forEach((e, i) => (members.get(e) ?? members.set(e, []).get(e)!).push(i));
  const eventsOf = new Map<number, Set<number>>();
  for (const { term, connected, sampled } of topicTerms) {
    const count = new Map<number, number>();
    for (const i of docsOf.get(term)!) count.set(events[i]!, (count.get(events[i]!) ?? 0) + 1);
    const set = new Set<number>();
    for (const [e, c] of count)
      if (c >= eventShare * members.get(e)!.length && (connected.has(e) || !sampled.has(e))) set.add(e);
    if (set.size >= MIN_CONNECTED) eventsOf.set(term, set);
  }
  // Terms marking the same events are one topic (union-find over the ranked terms).
  const terms = topicTerms.map((t) => t.term).filter((t) => eventsOf.has(t));
  const root = new Map(terms.map((t) => [t, t]));
  const find = (t: number): number => {
    while (root.get(t) !== t) t = root.get(t)!;
    return t;
  };
  for (let a = 0; a < terms.length; a++)
    for (let b = a + 1; b < terms.length; b++) {
      const A = eventsOf.get(terms[a]!)!,
        B = eventsOf.get(terms[b]!)!;
      let both = 0;
      for (const e of A.size <= B.size ? A : B) if ((A.size <= B.size ? B : A).has(e)) both++;
      if (both >= mergeOverlap * Math.min(A.size, B.size)) {
        const ra = find(terms[a]!),
          rb = find(terms[b]!);
        if (ra !== rb) root.set(rb, ra);
      }
    }
  // Each event joins the best-ranked topic term it carries.
  const topicOf = new Map<number, number>();
  const topicTermsOut = new Map<number, string[]>();
  const labelOf = new Map<number, number>();
  let next = 0;
  for (const e of members.keys()) {
    const term = terms.find((t) => eventsOf.get(t)!.has(e));
    if (term === undefined) continue;
    const r = find(term);
    let l = labelOf.get(r);
    if (l === undefined) {
      labelOf.set(r, (l = next++));
      topicTermsOut.set(
        l,
        terms.filter((t) => find(t) === r).map((t) => termName(t)),
      );
    }
    topicOf.set(e, l);
  }
  for (const e of members.keys()) if (!topicOf.has(e)) topicOf.set(e, next++);
  return { topicOf, terms: topicTermsOut };
}

/** Links among a term's sampled titles: their share of the pairs, and the largest connected group. */
class Links {
  private readonly up: number[];
  private linked = 0;
  constructor(private readonly n: number) {
    this.up = Array.from({ length: n }, (_, k) => k);
  }
  private find(x: number): number {
    while (this.up[x] !== x) x = this.up[x] = this.up[this.up[x]!]!;
    return x;
  }
  /** Notes a linked pair. */
  link(x: number, y: number): void {
    this.linked++;
    this.up[this.find(x)] = this.find(y);
  }
  /** Share of the n·(n−1)/2 pairs linked. */
  share(): number {
    const pairs = (this.n * (this.n - 1)) / 2;
    return pairs ? this.linked / pairs : 0;
  }
  /** Members of the largest connected group. */
  largest(): number[] {
    const groups = new Map<number, number[]>();
    for (let x = 0; x < this.n; x++)
      (groups.get(this.find(x)) ?? groups.set(this.find(x), []).get(this.find(x))!).push(x);
    let best: number[] = [];
    for (const g of groups.values()) if (g.length > best.length) best = g;
    return best;
  }
}

/** How often two titles of different events share a word (600 seeded random pairs). */
function sharingRate(
  vectors: readonly SparseVector[],
  events: readonly number[],
  shares: (a: SparseVector, b: SparseVector, skip: readonly number[]) => boolean,
): number {
  const n = vectors.length;
  let seen = 0,
    hit = 0,
    seed = 12345;
  for (let k = 0; k < 2000 && seen < 600 && n > 1; k++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const x = seed % n;
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const y = seed % n;
    if (events[x] === events[y]) continue;
    seen++;
    if (shares(vectors[x]!, vectors[y]!, [])) hit++;
  }
  return seen ? hit / seen : 0;
}
