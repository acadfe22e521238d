/** Pure aggregation steps of the brief: story groups, tone trends and the charts' series. */
import type { Reason, SourceType } from '../../../shared/types/domain';
import type { BriefItemRow, StoryRow, ToneRow } from '../db/brief-store';
import type { BriefChartData, EntityTone } from './types';

/** Items of one story in the period. */
export interface StoryGroup {
  key: string;
  storyId: number | null;
  items: BriefItemRow[];
  title: string;
  link: string | null;
  outlets: string[];
  sourceTypes: SourceType[];
  firstSeen: string | null;
  virality: number | null;
  controversy: number | null;
  infox: number | null;
}

function maxOf(values: Array<number | null>): number | null {
  let m: number | null = null;
  for (const v of values) if (v != null && (m == null || v > m)) m = v;
  return m;
}

/** Outlets ordered by how many of the story's items they carried. */
function outletsOf(items: readonly BriefItemRow[]): string[] {
  const n = new Map<string, number>();
  for (const it of items) n.set(it.sourceName, (n.get(it.sourceName) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr')).map(([k]) => k);
}

/** Builds one group from its items and the stored story (when analysis stored one). */
export function buildGroup(
  key: string,
  storyId: number | null,
  items: BriefItemRow[],
  stored: StoryRow | undefined,
): StoryGroup {
  // The representative item of the period (not the story's oldest title): the most viral, then the
  // most widely carried, then the earliest.
  const rep = [...items].sort(
    (a, b) => (b.virality ?? -1) - (a.virality ?? -1) || b.carriers - a.carriers || a.at.localeCompare(b.at),
  )[0]!;
  return {
    key,
    storyId,
    items,
    title: rep.title || stored?.title || '',
    link: rep.link,
    outlets: outletsOf(items),
    sourceTypes: [...new Set(items.map((i) => i.sourceType))],
    firstSeen: stored?.firstSeen && stored.firstSeen < items[0]!.at ? stored.firstSeen : items[0]!.at,
    virality: stored?.virality ?? maxOf(items.map((i) => i.virality)),
    controversy: stored?.controversy ?? maxOf(items.map((i) => i.controversy)),
    infox: stored?.infox ?? maxOf(items.map((i) => i.infox)),
  };
}

/** Orders groups for "À retenir": virality, then breadth (items × outlets) when unscored. */
export function compareByVirality(a: StoryGroup, b: StoryGroup): number {
  return (
    (b.virality ?? -1) - (a.virality ?? -1) ||
    b.items.length * b.outlets.length - a.items.length * a.outlets.length ||
    a.key.localeCompare(b.key)
  );
}

/** Puts keys listed in `order` first, in that order; the rest keep their relative order. */
export function applyOrder<T extends { key: string }>(list: readonly T[], order: readonly string[]): T[] {
  const rank = new Map(order.map((k, i) => [k, i]));
  return list
    .map((x, i) => ({ x, i, r: rank.get(x.key) ?? Infinity }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((e) => e.x);
}

/** The infox reasons of an item's reasons JSON. */
export function infoxReasons(json: string | null): Reason[] {
  if (!json) return [];
  try {
    const r = JSON.parse(json) as { infox?: Reason[] } | Reason[];
    return Array.isArray(r) ? r.filter((x) => /infox|debunk|reliab/i.test(x.signal)) : (r.infox ?? []);
  } catch {
    return [];
  }
}

/** Tone trend per watched target, most mentioned first. */
export function summarizeTones(now: readonly ToneRow[], before: readonly ToneRow[]): EntityTone[] {
  const prev = new Map<string, { sum: number; n: number }>();
  for (const t of before) {
    const p = prev.get(t.target) ?? { sum: 0, n: 0 };
    p.sum += t.tone;
    p.n++;
    prev.set(t.target, p);
  }
  const by = new Map<string, ToneRow[]>();
  for (const t of now) {
    const l = by.get(t.target) ?? [];
    l.push(t);
    by.set(t.target, l);
  }
  const out: EntityTone[] = [];
  for (const [target, rows] of by) {
    const mean = rows.reduce((s, r) => s + r.tone, 0) / rows.length;
    const p = prev.get(target);
    const previousMean = p ? p.sum / p.n : null;
    // ±0.05 on a −1..1 scale is within day-to-day noise: call it flat.
    const trend =
      previousMean == null ? 'new' : mean - previousMean > 0.05 ? 'up' : mean - previousMean < -0.05 ? 'down' : 'flat';
    const quotes = [...rows]
      .sort((a, b) => a.tone - b.tone)
      .filter((r, i, a) => a.findIndex((x) => x.title === r.title) === i)
      .slice(0, 3)
      .map((r) => ({ title: r.title, tone: r.tone }));
    out.push({ target, count: rows.length, mean, previousMean, trend, quotes });
  }
  return out.sort((a, b) => b.count - a.count || a.target.localeCompare(b.target));
}

/** Bucket edges for the charts: one-hour buckets up to 48 h, wider beyond. */
export function chartBuckets(from: string, to: string): { start: number; sizeMs: number; count: number } {
  const start = Date.parse(from);
  const hours = Math.max(1, Math.ceil((Date.parse(to) - start) / 3_600_000));
  const size = Math.ceil(hours / 48);
  return { start, sizeMs: size * 3_600_000, count: Math.ceil(hours / size) };
}

/** Series of the two charts: items per bucket and source type; mean tone per (3×) bucket and target. */
export function buildChartData(
  items: readonly BriefItemRow[],
  tones: readonly ToneRow[],
  targets: readonly string[],
  from: string,
  to: string,
  formatLabel: (ms: number) => string,
): BriefChartData {
  const b = chartBuckets(from, to);
  const labels = Array.from({ length: b.count }, (_, i) => formatLabel(b.start + i * b.sizeMs));
  const byType = new Map<SourceType, number[]>();
  for (const it of items) {
    const k = Math.floor((Date.parse(it.at) - b.start) / b.sizeMs);
    if (k < 0 || k >= b.count) continue;
    let arr = byType.get(it.sourceType);
    if (!arr) byType.set(it.sourceType, (arr = new Array<number>(b.count).fill(0)));
    arr[k]!++;
  }
  const volume = [...byType.entries()]
    .map(([type, counts]) => ({ type, counts }))
    .sort((x, y) => y.counts.reduce((s, v) => s + v, 0) - x.counts.reduce((s, v) => s + v, 0));
  // Tone is sparse: 3-bucket windows smooth it; the value sits on the window's first label.
  const tone = targets.map((target) => {
    const sums = new Array<number>(b.count).fill(0),
      ns = new Array<number>(b.count).fill(0);
    for (const t of tones) {
      if (t.target !== target) continue;
      const k = Math.floor((Date.parse(t.at) - b.start) / b.sizeMs);
      if (k < 0 || k >= b.count) continue;
      const w = k - (k % 3);
      sums[w]! += t.tone;
      ns[w]!++;
    }
    return { target, values: sums.map((s, i) => (ns[i] ? Math.round((s / ns[i]!) * 100) / 100 : null)) };
  });
  return { labels, volume, tone };
}
