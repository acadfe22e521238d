/** Channel dashboard:get — volume by source type over time, top stories, tone trend, infox under review. */
import type { ChannelHandlers, ChannelParsed } from '../../../shared/api/contract';
import type { Dashboard } from '../../../shared/api/views';
import type { SourceType } from '../../../shared/types/domain';
import { getSetting } from '../db/analyst-store';
import { getItem } from '../db/items-store';
import { countAll, infoxUnderReviewIds, itemDatesByType, itemTextsBetween, storyAggregates } from '../db/views-store';
import { foldedTokens } from '../analysis/lexicon-match';
import { computeTone } from '../analysis/tone';
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
  const from = new Date(fromMs).toISOString(), to = new Date(toMs).toISOString();
  const starts = buckets(fromMs, toMs, bucket);
  const index = new Map(starts.map((b, i) => [b, i]));

  const volume = starts.map((b) => ({ at: new Date(b).toISOString(), counts: {} as Partial<Record<SourceType, number>>, total: 0 }));
  for (const d of itemDatesByType(ctx.db, from, to)) {
    const v = volume[index.get(bucketStart(Date.parse(d.at), bucket)) ?? -1];
    if (!v) continue;
    v.counts[d.type] = (v.counts[d.type] ?? 0) + 1;
    v.total++;
  }

  // Opinion toward the ministry: tone of the items that name a watched entity (all items when none is set).
  const entities = getSetting<string[]>(ctx.db, 'watchedEntities', []).map((e) => foldedTokens(e).join(' ')).filter(Boolean);
  const sums = starts.map(() => ({ sum: 0, n: 0 }));
  for (const t of itemTextsBetween(ctx.db, from, to)) {
    const tokens = foldedTokens(`${t.title} ${t.summary ?? ''}`);
    if (entities.length) {
      const joined = ` ${tokens.join(' ')} `;
      if (!entities.some((e) => joined.includes(` ${e} `))) continue;
    }
    const s = sums[index.get(bucketStart(Date.parse(t.at), bucket)) ?? -1];
    if (!s) continue;
    s.sum += computeTone(tokens).score;
    s.n++;
  }

  const stories = storyAggregates(ctx.db, { since: from, until: to });
  const topStories = toStorySummaries(ctx, stories).sort((a, b) => b.urgency - a.urgency || b.itemCount - a.itemCount).slice(0, 8);
  const review = infoxUnderReviewIds(ctx.db, INFOX_REVIEW_THRESHOLD, 20).map((id) => getItem(ctx.db, id)).filter((i) => i !== undefined);
  const counts = countAll(ctx.db);
  const alertsSent = (ctx.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'alert_outbox'").get() as { n: number }).n
    ? (ctx.db.prepare("SELECT count(*) AS n FROM alert_outbox WHERE status = 'sent' AND sent_at >= ?").get(from) as { n: number }).n
    : 0;
  return {
    from, to, bucket,
    volume,
    topStories,
    tone: starts.map((b, i) => ({ at: new Date(b).toISOString(), tone: sums[i]!.n ? Math.round((sums[i]!.sum / sums[i]!.n) * 1000) / 1000 : null, count: sums[i]!.n })),
    infoxUnderReview: toSummaries(ctx, review),
    totals: { items: counts.items, stories: counts.stories, sources: counts.sources, alertsSent },
  };
}

/** The dashboard:get handler. */
export function dashboardHandlers(ctx: HandlerContext): Pick<ChannelHandlers, 'dashboard:get'> {
  return { 'dashboard:get': (input) => buildDashboard(ctx, input) };
}
