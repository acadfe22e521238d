/**
 * Virality of a story and of its items (0–100) with reasons: velocity against the story's own
 * past (last hour vs previous 12 h, day vs previous 14 days), acceleration, distinct outlets,
 * crossover between source types (social → press, regional → national), source reach,
 * engagement figures, and an item's over-performance against its source's usual volume.
 */
import type { Reason } from '../../../shared/types/domain';
import type { Engagement } from '../../../shared/types/feed';
import { toScore } from './controversy';

/** One occurrence of a story item as virality sees it. */
export interface ViralItem {
  time: number;
  source: string;
  sourceType: string;
  reach: number;
  engagement?: Engagement | null;
}

const H = 3_600_000;

/**
 * What a story's items say whatever the time of scoring: outlets, types, reach per outlet (last
 * value, in first-seen order as a Map keeps it), engagement, and the crossover times (earliest
 * social or regional item, latest press item). Built item by item (addViral), so a caller whose
 * item list only grows at the end can keep it instead of rebuilding it at every scoring.
 */
export interface ViralSummary {
  outlets: Set<string>;
  types: Set<string>;
  reachOf: Map<string, number>;
  engagement: number;
  firstSocial: number;
  lastPress: number;
  firstRegional: number;
  lastNational: number;
  /** False once an item has an unparseable time (the crossovers then need the sort). */
  finite: boolean;
}

/** The summary of a list of items (in their order). */
export function viralSummary(items: readonly ViralItem[]): ViralSummary {
  const s: ViralSummary = {
    outlets: new Set(),
    types: new Set(),
    reachOf: new Map(),
    engagement: 0,
    firstSocial: Infinity,
    lastPress: -Infinity,
    firstRegional: Infinity,
    lastNational: -Infinity,
    finite: true,
  };
  for (const it of items) addViral(s, it);
  return s;
}

/** Adds the next item of the list to its summary. */
export function addViral(s: ViralSummary, it: ViralItem): void {
  s.outlets.add(it.source);
  s.types.add(it.sourceType);
  s.reachOf.set(it.source, it.reach);
  s.engagement += engagementPoints(it.engagement);
  const t = it.time,
    type = it.sourceType;
  if (!Number.isFinite(t)) s.finite = false;
  if (type === 'social') {
    if (t < s.firstSocial) s.firstSocial = t;
  } else if (type === 'press-regional') {
    if (t < s.firstRegional) s.firstRegional = t;
  }
  if (type === 'press-national' || type === 'tv' || type === 'radio') {
    if (t > s.lastPress) s.lastPress = t;
    if (type === 'press-national' && t > s.lastNational) s.lastNational = t;
  }
}

/**
 * Story virality at time `now`; `topicRatePerHour` is the typical story rate (baseline).
 * `summary` must describe exactly `items` (viralSummary); only the counts by age are redone.
 */
export function scoreStoryVirality(
  items: readonly ViralItem[],
  now: number,
  topicRatePerHour = 0.05,
  summary: ViralSummary = viralSummary(items),
): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let lastHour = 0,
    prev12 = 0,
    lastDay = 0,
    prev14d = 0,
    prevHour = 0;
  const {
    outlets,
    types,
    reachOf,
    engagement: eng,
    firstSocial,
    lastPress,
    firstRegional,
    lastNational,
    finite,
  } = summary;
  for (const it of items) {
    const age = now - it.time;
    if (age < 0) continue;
    if (age <= H) lastHour++;
    else if (age <= 2 * H) prevHour++;
    if (age > H && age <= 13 * H) prev12++;
    if (age <= 24 * H) lastDay++;
    else if (age <= 15 * 24 * H) prev14d++;
  }
  const base12 = Math.max(prev12 / 12, topicRatePerHour);
  if (lastHour >= 2 && lastHour / base12 >= 2)
    reasons.push({
      signal: 'hour-spike',
      weight: Math.round(Math.min(30, 6 * Math.log2(lastHour / base12))),
      evidence: `${lastHour} articles dans l’heure contre ${(prev12 / 12).toFixed(1)}/h sur les 12 h précédentes`,
    });
  const base14 = Math.max(prev14d / 14, topicRatePerHour * 24);
  if (lastDay >= 3 && lastDay / base14 >= 2)
    reasons.push({
      signal: 'day-spike',
      weight: Math.round(Math.min(20, 5 * Math.log2(lastDay / base14))),
      evidence: `${lastDay} articles en 24 h contre ${(prev14d / 14).toFixed(1)}/jour sur 14 jours`,
    });
  if (lastHour >= 3 && lastHour > 2 * prevHour)
    reasons.push({ signal: 'acceleration', weight: 8, evidence: `${prevHour} → ${lastHour} articles/heure` });
  if (outlets.size >= 2)
    reasons.push({
      signal: 'distinct-outlets',
      weight: Math.round(Math.min(30, 9 * Math.log2(outlets.size))),
      evidence: `${outlets.size} sources distinctes`,
    });
  // Unparseable dates (NaN) make "earliest" depend on the sort's handling: keep the sort for them.
  const cross = finite
    ? { social: lastPress >= firstSocial, regional: lastNational > firstRegional }
    : crossoversBySort(items);
  if (cross.social)
    reasons.push({ signal: 'crossover', weight: 15, evidence: 'passage des réseaux sociaux à la presse' });
  if (cross.regional)
    reasons.push({ signal: 'crossover', weight: 12, evidence: 'passage de la presse régionale à la presse nationale' });
  let reach = 0;
  for (const r of reachOf.values()) reach += r;
  if (reach >= 1.5)
    reasons.push({
      signal: 'reach',
      weight: Math.round(Math.min(15, 5 * Math.log2(reach))),
      evidence: `audience cumulée ${reach.toFixed(1)} (${types.size} types de sources)`,
    });
  if (eng > 0)
    reasons.push({
      signal: 'engagement',
      weight: Math.round(Math.min(25, 4 * Math.log10(1 + eng))),
      evidence: `engagement cumulé ${Math.round(eng)}`,
    });
  const points = reasons.reduce((a, r) => a + r.weight, 0);
  return { score: toScore(points, 40), reasons };
}

/** Crossovers found on the items sorted by time (social then press; regional then national). */
function crossoversBySort(items: readonly ViralItem[]): { social: boolean; regional: boolean } {
  const sorted = [...items].sort((a, b) => a.time - b.time);
  const firstSocial = sorted.find((i) => i.sourceType === 'social');
  const firstRegional = sorted.find((i) => i.sourceType === 'press-regional');
  return {
    social:
      !!firstSocial &&
      sorted.some(
        (i) =>
          i.time >= firstSocial.time &&
          (i.sourceType === 'press-national' || i.sourceType === 'tv' || i.sourceType === 'radio'),
      ),
    regional: !!firstRegional && sorted.some((i) => i.time > firstRegional.time && i.sourceType === 'press-national'),
  };
}

/** Weighted engagement of one item (comments count more than views). */
export function engagementPoints(e: Engagement | null | undefined): number {
  if (!e) return 0;
  return (e.comments ?? 0) * 5 + (e.shares ?? 0) * 3 + (e.score ?? 0) + (e.views ?? 0) * 0.01;
}

/**
 * Item virality: its story's virality, plus its own engagement and its over-performance
 * against its source's usual engagement (mean of the source's recent items).
 */
export function scoreItemVirality(
  story: { score: number; reasons: Reason[] },
  item: ViralItem,
  sourceMeanEngagement: number,
): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [
    {
      signal: 'story-virality',
      weight: story.score,
      evidence:
        story.reasons
          .map((r) => r.evidence)
          .slice(0, 2)
          .join(' ; ') || 'récit isolé',
    },
  ];
  let score = story.score;
  const e = engagementPoints(item.engagement);
  if (e > 0 && sourceMeanEngagement > 0 && e >= 2 * sourceMeanEngagement) {
    const w = Math.round(Math.min(25, 8 * Math.log2(e / sourceMeanEngagement)));
    reasons.push({
      signal: 'over-performance',
      weight: w,
      evidence: `engagement ${Math.round(e)} contre ${Math.round(sourceMeanEngagement)} en moyenne pour la source`,
    });
    score += w;
  }
  return { score: Math.min(100, Math.round(score)), reasons };
}
