/** Channels stories:* — ranked story list with sparklines, the story screen, merge and split; topics:list. */
import { AppError } from '../../../shared/errors';
import type { ChannelHandlers, ChannelParsed } from '../../../shared/api/contract';
import type { StoryDetail, StoryPage, StorySummary } from '../../../shared/api/views';
import type { SourceType, Story } from '../../../shared/types/domain';
import { listItems } from '../db/items-store';
import {
  itemDatesByType,
  itemReasons,
  mergeReasons,
  storyAggregates,
  storyIdsMatching,
  storySparklines,
} from '../db/views-store';
import { mergeStories, splitItems } from '../analysis/stories';
import { listTopics } from '../db/topics-store';
import type { HandlerContext } from './context';
import { toSummaries } from './items-handlers';
import { computeUrgency } from './urgency';

/** Adds urgency and the 24-hour sparkline to stories. */
export function toStorySummaries(ctx: HandlerContext, stories: Story[]): StorySummary[] {
  const nowMs = ctx.now().getTime();
  const lines = storySparklines(
    ctx.db,
    stories.map((s) => s.id),
    nowMs,
  );
  return stories.map((s) => ({
    ...s,
    // A story is as urgent as its strongest scores, dated by its latest item.
    urgency: computeUrgency(
      {
        virality: s.virality,
        controversy: s.controversy,
        infox: s.infox,
        published: s.lastSeen,
        fetchedAt: s.lastSeen,
      },
      nowMs,
    ),
    sparkline: lines.get(s.id) ?? new Array<number>(24).fill(0),
  }));
}

const SORTS: Record<ChannelParsed<'stories:list'>['sort'], (a: StorySummary, b: StorySummary) => number> = {
  urgency: (a, b) => b.urgency - a.urgency,
  recent: (a, b) => b.lastSeen.localeCompare(a.lastSeen),
  size: (a, b) => b.itemCount - a.itemCount,
  virality: (a, b) => (b.virality ?? -1) - (a.virality ?? -1),
  controversy: (a, b) => (b.controversy ?? -1) - (a.controversy ?? -1),
  infox: (a, b) => (b.infox ?? -1) - (a.infox ?? -1),
};

/** stories:list. */
export function listStoryPage(ctx: HandlerContext, input: ChannelParsed<'stories:list'>): StoryPage {
  const ids = input.query?.trim() ? storyIdsMatching(ctx.db, input.query) : undefined;
  const stories = storyAggregates(ctx.db, {
    since: input.since,
    until: input.until,
    sourceTypes: input.sourceTypes,
    minItems: input.minItems,
    ids,
  });
  const cmp = SORTS[input.sort];
  const sorted = toStorySummaries(ctx, stories).sort(
    (a, b) => cmp(a, b) || b.lastSeen.localeCompare(a.lastSeen) || b.id - a.id,
  );
  return { stories: sorted.slice(input.offset, input.offset + input.limit), total: sorted.length };
}

/** Hour buckets (ISO) from the first to the last date, with counts. */
function hourly(dates: string[]): Array<{ at: string; count: number }> {
  if (!dates.length) return [];
  const hours = dates.map((d) => Math.floor(Date.parse(d) / 3_600_000));
  const min = Math.min(...hours),
    max = Math.max(...hours);
  // Long-lived stories are bucketed by day so the timeline stays readable.
  const step = max - min > 24 * 14 ? 24 : 1;
  const counts = new Map<number, number>();
  for (const h of hours) {
    const b = min + Math.floor((h - min) / step) * step;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const out: Array<{ at: string; count: number }> = [];
  for (let b = min; b <= max; b += step)
    out.push({ at: new Date(b * 3_600_000).toISOString(), count: counts.get(b) ?? 0 });
  return out;
}

/** stories:get. Throws `db.not_found`. */
export function getStoryDetail(ctx: HandlerContext, id: number): StoryDetail {
  const story = storyAggregates(ctx.db, { ids: [id] })[0];
  if (!story) throw new AppError('db.not_found', `story ${id} not found`, { id });
  const items = listItems(ctx.db, { storyId: id, limit: 5000 }).reverse();
  const dated = itemDatesByType(ctx.db, '0000', '9999', id);
  const bySourceType: Partial<Record<SourceType, number>> = {};
  for (const d of dated) bySourceType[d.type] = (bySourceType[d.type] ?? 0) + 1;
  return {
    story: toStorySummaries(ctx, [story])[0]!,
    items: toSummaries(ctx, items),
    timeline: hourly(dated.map((d) => d.at)),
    bySourceType,
    reasons: mergeReasons(items.slice(0, 200).map((i) => itemReasons(ctx.db, i.id))),
  };
}

/** The stories:* handlers. */
export function storiesHandlers(
  ctx: HandlerContext,
): Pick<ChannelHandlers, 'stories:list' | 'stories:get' | 'stories:merge' | 'stories:split' | 'topics:list'> {
  return {
    'topics:list': ({ since, limit }) => ({ topics: listTopics(ctx.db, { since, limit }) }),
    'stories:list': (input) => listStoryPage(ctx, input),
    'stories:get': ({ id }) => getStoryDetail(ctx, id),
    'stories:merge': ({ ids }) => {
      const target = mergeStories(ctx.db, ids);
      ctx.events.emit('items:changed', { ids: listItems(ctx.db, { storyId: target, limit: 5000 }).map((i) => i.id) });
      return getStoryDetail(ctx, target).story;
    },
    'stories:split': ({ storyId, itemIds }) => {
      const newId = splitItems(ctx.db, storyId, itemIds);
      ctx.events.emit('items:changed', { ids: itemIds });
      return getStoryDetail(ctx, newId).story;
    },
  };
}
