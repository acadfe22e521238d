/**
 * Virality of a story and of its items, as of a moment: only what Vigie knew then (items that had
 * arrived) counts, so a rebuild recomputes the value an item had at ingest. Measured against
 * baselines of the outlets and of the typical story that day, never the story's own past:
 * attention (share of each outlet's output the story takes, against the typical story's),
 * distinct coherent outlets, front-page and section feeds carrying its items, burst within the
 * day, crossover between source types, reach, engagement. Points are summed without caps and
 * mapped to 0–100 by a curve that never flattens, so the ranking survives the scale.
 */
import type { Reason } from '../../../shared/types/domain';
import type { Engagement } from '../../../shared/types/feed';
import type { ViralContext } from './viral-baselines';

/** One item of a story as virality sees it. */
export interface ViralItem {
  /** Publication time (ms). */
  time: number;
  /** When Vigie first had the item (ms): only items arrived by the scoring moment count. */
  arrival: number;
  /** The outlet (site or social account) whatever the feed: sections of one site are one outlet. */
  outlet: string;
  sourceType: string;
  reach: number;
  engagement?: Engagement | null;
  /** Similarity to its story when placed (1 for a story's first item): weakly attached items are weak evidence. */
  coherence: number;
  /** Carried by a front-page ("une") feed when it arrived. */
  frontPage: boolean;
  /** Feeds carrying it when it arrived (>= 1). */
  feeds: number;
}

const H = 3_600_000;
/** The recent window the story is measured over: a news day. */
export const DAY_MS = 24 * H;
/** Window of the burst (share of the day's items in the last hours). */
const BURST_MS = 3 * H;
/**
 * Similarity at which an item is full evidence of its story (below, it counts pro rata): between
 * the batch's group merging (0.16) and the stream's join (0.22), so leftovers attached down to
 * 0.1 weigh less. Against 0.25 and 0.12 it did as well or better on the Le Monde une and
 * main-headline proxies (npm run eval), and equal on rssTrends coverage.
 */
export const COHERENT_SIM = 0.18;
/** Points at which the score is 50: a story twice as covered as the typical one by several outlets. */
const HALF_POINTS = 40;

/** Maps points to 0–100 (one decimal) without a ceiling that would tie the strongest stories. */
export function viralScore(points: number): number {
  const p = Math.max(0, points);
  return Math.round((1000 * p) / (p + HALF_POINTS)) / 10;
}

const weightOf = (it: ViralItem) => Math.min(1, Math.max(0, it.coherence) / COHERENT_SIM);
const round1 = (x: number) => Math.round(x * 10) / 10;

/** A reason with its parameters; the evidence line is worded from them (see EVIDENCE). */
function reason(signal: string, points: number, params: Record<string, number | string>): Reason {
  return { signal, weight: round1(points), evidence: EVIDENCE[signal]!(params) };
}

const n = (x: number | string) => (typeof x === 'number' ? String(round1(x)).replace('.', ',') : x);
/** French evidence lines per signal (the UI words them from signal and params once reasons carry them). */
const EVIDENCE: Record<string, (p: Record<string, number | string>) => string> = {
  attention: (p) =>
    `${n(p.items)} articles en 24 h, ${n(p.ratio)} fois la part d’un sujet ordinaire dans la production des ${p.outlets} sources`,
  'distinct-outlets': (p) => `${n(p.outlets)} sources distinctes`,
  'front-page': (p) => `${n(p.items)} articles en une`,
  sections: (p) => `${n(p.extra)} rubriques supplémentaires reprennent ses articles`,
  burst: (p) => `${n(p.items)} articles en 3 h, ${n(p.ratio)} fois le rythme de la journée`,
  crossover: (p) =>
    p.from === 'social'
      ? 'passage des réseaux sociaux à la presse'
      : 'passage de la presse régionale à la presse nationale',
  reach: (p) => `audience cumulée ${n(p.reach)} (${p.types} types de sources)`,
  engagement: (p) => `engagement cumulé ${n(p.engagement)}`,
  'story-virality': (p) => (p.first ? String(p.first) : 'récit isolé'),
  'item-front-page': () => 'article en une',
  'item-sections': (p) => `repris dans ${p.feeds} flux`,
  'over-performance': (p) => `engagement ${n(p.engagement)} contre ${n(p.usual)} en moyenne pour la source`,
};

/** Weighted engagement of one item (comments count more than views). */
export function engagementPoints(e: Engagement | null | undefined): number {
  if (!e) return 0;
  return (e.comments ?? 0) * 5 + (e.shares ?? 0) * 3 + (e.score ?? 0) + (e.views ?? 0) * 0.01;
}

/** A story's virality as of `asOf`; `points` keeps the unmapped sum for the item scores. */
export interface StoryVirality {
  score: number;
  points: number;
  reasons: Reason[];
}

/** Story virality as of `asOf` against the baselines of that moment (see module doc). */
export function scoreStoryVirality(items: readonly ViralItem[], asOf: number, ctx: ViralContext): StoryVirality {
  const perOutlet = new Map<string, { n: number; raw: number; w: number; reach: number }>();
  const types = new Set<string>();
  let count = 0,
    recent3h = 0,
    front = 0,
    extra = 0,
    eng = 0;
  let firstSocial = Infinity,
    lastPress = -Infinity,
    firstRegional = Infinity,
    lastNational = -Infinity;
  for (const it of items) {
    if (!(it.arrival <= asOf) || !(it.time > asOf - DAY_MS)) continue;
    const w = weightOf(it);
    count += w;
    if (it.time > asOf - BURST_MS) recent3h += w;
    if (it.frontPage) front += w;
    extra += w * Math.max(0, it.feeds - 1);
    eng += engagementPoints(it.engagement);
    types.add(it.sourceType);
    const o = perOutlet.get(it.outlet);
    if (o) {
      o.n += w;
      o.raw++;
      o.w = Math.max(o.w, w);
    } else perOutlet.set(it.outlet, { n: w, raw: 1, w, reach: it.reach });
    const t = it.time,
      type = it.sourceType;
    if (type === 'social') firstSocial = Math.min(firstSocial, t);
    else if (type === 'press-regional') firstRegional = Math.min(firstRegional, t);
    if (type === 'press-national' || type === 'tv' || type === 'radio') {
      lastPress = Math.max(lastPress, t);
      if (type === 'press-national') lastNational = Math.max(lastNational, t);
    }
  }
  const reasons: Reason[] = [];
  if (count === 0) return { score: 0, points: 0, reasons };
  // Attention: each outlet's share of its own output, summed, against the typical story's
  // (outlets / stories of the day): a big day for one outlet is a big story whatever its past.
  let attention = 0,
    outlets = 0,
    reach = 0;
  for (const [outlet, o] of perOutlet) {
    attention += o.n / Math.max(o.raw, ctx.outletVolume(outlet));
    outlets += o.w;
    reach += o.w * o.reach;
  }
  const ratio = (attention * Math.max(1, ctx.stories)) / Math.max(1, ctx.outlets);
  if (ratio > 1)
    reasons.push(reason('attention', 10 * Math.log2(ratio), { items: count, ratio, outlets: perOutlet.size }));
  if (outlets > 1) reasons.push(reason('distinct-outlets', 12 * Math.log2(outlets), { outlets }));
  if (front > 0) reasons.push(reason('front-page', 8 * Math.log2(1 + front), { items: front }));
  if (extra > 0) reasons.push(reason('sections', 5 * Math.log2(1 + extra), { extra }));
  const burst = (recent3h / count) * (DAY_MS / BURST_MS);
  if (recent3h >= 3 && burst >= 2)
    reasons.push(reason('burst', 6 * Math.log2(burst), { items: recent3h, ratio: burst }));
  if (lastPress >= firstSocial) reasons.push(reason('crossover', 15, { from: 'social' }));
  if (lastNational > firstRegional) reasons.push(reason('crossover', 12, { from: 'press-regional' }));
  if (reach >= 1.5) reasons.push(reason('reach', 4 * Math.log2(reach), { reach, types: types.size }));
  if (eng > 0) reasons.push(reason('engagement', 5 * Math.log10(1 + eng), { engagement: eng }));
  const points = reasons.reduce((a, r) => a + r.weight, 0);
  return { score: viralScore(points), points, reasons };
}

/**
 * Item virality: its story's points as of the item's arrival, plus its own prominence (front
 * page, several feeds) and its engagement against its outlet's usual engagement.
 */
export function scoreItemVirality(
  story: StoryVirality,
  item: ViralItem,
  outletMeanEngagement: number,
): { score: number; reasons: Reason[] } {
  const first = story.reasons
    .map((r) => r.evidence)
    .slice(0, 2)
    .join(' ; ');
  const reasons: Reason[] = [reason('story-virality', story.points, { score: story.score, first })];
  if (item.frontPage) reasons.push(reason('item-front-page', 6, {}));
  if (item.feeds > 1) reasons.push(reason('item-sections', 4 * Math.log2(item.feeds), { feeds: item.feeds }));
  const e = engagementPoints(item.engagement);
  if (e > 0 && outletMeanEngagement > 0 && e >= 2 * outletMeanEngagement)
    reasons.push(
      reason('over-performance', 8 * Math.log2(e / outletMeanEngagement), {
        engagement: e,
        usual: outletMeanEngagement,
      }),
    );
  return { score: viralScore(reasons.reduce((a, r) => a + r.weight, 0)), reasons };
}
