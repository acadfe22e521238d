/**
 * Analyst corrections of stories: merge several stories into one, split items out into a new
 * story. Story records are recomputed from their items and the in-memory index is dropped so
 * the next ingest rebuilds it from the corrected database. Each decision also pins the items
 * (story_pins) so that `vigie analyze`, which recomputes every story, keeps it.
 */
import type { Db } from '../db/open';
import { AppError } from '../../../shared/errors';
import {
  moveItems,
  readItemsForAnalysis,
  saveStory,
  storyExists,
  storyItemIds,
  createEmptyStory,
  readItemsDatedBetween,
} from '../db/analysis-store';
import { pinItems } from '../db/story-pins-store';
import { invalidateAnalysis } from './pipeline';
import { scoreStoryVirality, DAY_MS } from './virality';
import { ViralBaselines, outletOf } from './viral-baselines';

/** Merges stories into the first id given; returns the surviving story id. */
export function mergeStories(db: Db, ids: readonly number[]): number {
  if (ids.length < 2) throw new AppError('input.invalid', 'mergeStories: give at least two story ids');
  for (const id of ids)
    if (!storyExists(db, id)) throw new AppError('db.not_found', `story ${id} not found`, { storyId: id });
  const [target, ...rest] = ids as [number, ...number[]];
  db.transaction(() => {
    const items = rest.flatMap((id) => storyItemIds(db, id));
    moveItems(db, items, target);
    pinItems(db, storyItemIds(db, target), new Date().toISOString());
    recomputeStory(db, target);
  })();
  invalidateAnalysis(db);
  return target;
}

/** Moves the given items of a story into a new story; returns the new story id. */
export function splitItems(db: Db, storyId: number, itemIds: readonly number[]): number {
  const current = new Set(storyItemIds(db, storyId));
  if (!itemIds.length || itemIds.some((id) => !current.has(id)))
    throw new AppError('input.invalid', 'splitItems: items must belong to the story', { storyId });
  if (itemIds.length === current.size)
    throw new AppError('input.invalid', 'splitItems: cannot split every item out of a story', { storyId });
  const newId = db.transaction(() => {
    const now = new Date().toISOString();
    const id = createEmptyStory(db, '', now);
    moveItems(db, itemIds, id);
    // Both sides are pinned: a rebuild must neither merge them back nor lose the split-out part.
    pinItems(db, itemIds, now);
    const out = new Set(itemIds);
    pinItems(
      db,
      [...current].filter((x) => !out.has(x)),
      now,
    );
    recomputeStory(db, id);
    recomputeStory(db, storyId);
    return id;
  })();
  invalidateAnalysis(db);
  return newId;
}

/** Recomputes a story record (counts, sources, timeline, scores) from its items. */
export function recomputeStory(db: Db, storyId: number): void {
  const rows = readItemsForAnalysis(db, storyItemIds(db, storyId));
  if (!rows.length) return;
  const times = rows.map((r) => Date.parse(r.published ?? r.fetchedAt));
  const timeline: Record<string, number> = {};
  for (const t of times) {
    const h = new Date(t).toISOString().slice(0, 13);
    timeline[h] = (timeline[h] ?? 0) + 1;
  }
  const scores = db
    .prepare('SELECT AVG(controversy) AS c, MAX(infox) AS i FROM items WHERE story_id = ?')
    .get(storyId) as { c: number | null; i: number | null };
  // As of the story's latest item, against the baselines of the day before it (from the database).
  const asOf = Math.max(...times);
  const baselines = new ViralBaselines();
  for (const r of readItemsDatedBetween(db, new Date(asOf - DAY_MS).toISOString(), new Date(asOf).toISOString()))
    baselines.add(outletOf(r.sourceType, r.sourceName, r.link), r.storyId ?? -1, Date.parse(r.date));
  const v = scoreStoryVirality(
    rows.map((r, k) => ({
      time: times[k]!,
      arrival: times[k]!,
      outlet: outletOf(r.sourceType, r.sourceName, r.sourceUrl),
      sourceType: r.sourceType,
      reach: r.reach,
      engagement: r.engagement,
      coherence: 1,
      frontPage: false,
      feeds: Math.max(1, r.feedIds ? r.feedIds.split(',').length : 1),
    })),
    asOf,
    baselines.context(asOf),
  );
  saveStory(
    db,
    {
      id: storyId,
      title: rows[0]!.title,
      keyTerms: [],
      firstSeen: new Date(Math.min(...times)).toISOString(),
      lastSeen: new Date(Math.max(...times)).toISOString(),
      itemCount: rows.length,
      sourceCount: new Set(rows.map((r) => r.sourceId)).size,
      sourceTypes: [...new Set(rows.map((r) => r.sourceType))],
      timeline,
      virality: v.score,
      controversy: Math.round(scores.c ?? 0),
      infox: Math.round(scores.i ?? 0),
      reasons: { virality: v.reasons, controversy: [], infox: [] },
    },
    new Date().toISOString(),
  );
}
