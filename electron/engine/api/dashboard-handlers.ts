/** Channel dashboard:get — volume by source type over time, top stories, tone trend, infox under review. */
import type { ChannelHandlers, ChannelParsed } from '../../../shared/api/contract';
import type { Dashboard } from '../../../shared/api/views';
import type { SourceType } from '../../../shared/types/domain';
import { getItem } from '../db/items-store';
import { countAll, infoxUnderReviewIds, itemDatesByType, storyAggregates, toneBuckets } from '../db/views-store';
import type { HandlerContext } from './context';
import { toSummaries } from './items-handlers';
import { toStorySummaries } from './stories-handlers';

const HOUR = 3_600_000;
/** Infox score from which an item without verdict is "under review". */
export const INFOX_REVIEW_THRESHOLD = 50;

/** Start of the bucket holding `ms` (UTC hours or days). */
function bucketStart(ms: number, bucket: 'hour' | 'day'): number {
  const size = bucket === 'hour' ? HOUR : 24 * HOUR;
  return Math.floor(ms / size) * size;
}

/** Every bucket start from `from` to `to` (exclusive). */
function buckets(fromMs: number, toMs: number, bucket: 'hour' | 'day'): number[] {
  const size = bucket === 'hour' ? HOUR : 24 * HOUR;
  const out: number[] = [];
  for (let b = bucketStart(fromMs, bucket); b < toMs && out.length < 2000; b += size) out.push(b);
  return out;
}

/** Builds the dashboard for a period (default: the last 48 hours by hour, or 14 days by day). */
export function buildDashboard(ctx: HandlerContext, input: ChannelParsed<'dashboard:get'>): Dashboard {
  const bucket = input.bucket;
  const toMs = input.until ? Date.parse(input.until) : ctx.now().getTime();
  const fromMs = input.since ? Date.parse(input.since) : toMs - (bucket === 'hour' ? 48 : 14 * 24) * HOUR;
  const from = new Date(fromMs).toISOString(),
    to = new Date(toMs).toISOString();
  const starts = buckets(fromMs, toMs, bucket);
  const index = new Map(starts.map((b, i) => [b, i]));

  const volume = starts.map((b) => ({
    at: new Date(b).toISOString(),
    counts: {} as Partial<Record<SourceType, number>>,
    total: 0,
  }));
  for (const d of itemDatesByType(ctx.db, from, to)) {
    const v = volume[index.get(bucketStart(Date.parse(d.at), bucket)) ?? -1];
    if (!v) continue;
    v.counts[d.type] = (v.counts[d.type] ?? 0) + 1;
    v.total++;
  }

  // Opinion toward the ministry: the analysis stores each item's tone toward the watched State targets.
  const toneBy = new Map(
    toneBuckets(ctx.db, from, to, bucket).map((t) => [
      Date.parse(t.bucket.length === 13 ? `${t.bucket}:00:00Z` : `${t.bucket}T00:00:00Z`),
      t,
    ]),
  );

  const stories = storyAggregates(ctx.db, { since: from, until: to });
  const topStories = toStorySummaries(ctx, stories)
    .sort((a, b) => b.urgency - a.urgency || b.itemCount - a.itemCount)
    .slice(0, 8);
  const review = infoxUnderReviewIds(ctx.db, INFOX_REVIEW_THRESHOLD, 20)
    .map((id) => getItem(ctx.db, id))
    .filter((i) => i !== undefined);
  const counts = countAll(ctx.db);
  const alertsSent = (
    ctx.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'alert_outbox'").get() as { n: number }
  ).n
    ? (
        ctx.db.prepare("SELECT count(*) AS n FROM alert_outbox WHERE status = 'sent' AND sent_at >= ?").get(from) as {
          n: number;
        }
      ).n
    : 0;
  return {
    from,
    to,
    bucket,
    volume,
    topStories,
    tone: starts.map((b) => {
      const t = toneBy.get(b);
      return { at: new Date(b).toISOString(), tone: t ? Math.round(t.tone * 1000) / 1000 : null, count: t?.items ?? 0 };
    }),
    infoxUnderReview: toSummaries(ctx, review),
    totals: { items: counts.items, stories: counts.stories, sources: counts.sources, alertsSent },
  };
}

/** The dashboard:get handler. */
export function dashboardHandlers(ctx: HandlerContext): Pick<ChannelHandlers, 'dashboard:get'> {
  return { 'dashboard:get': (input) => buildDashboard(ctx, input) };
}
