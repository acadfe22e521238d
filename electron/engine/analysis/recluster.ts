/**
 * Re-clustering of the open window at ingest: items are placed one by one as they arrive (a
 * single pass cannot revisit a join), so every few minutes the recent items are grouped again by
 * the batch clusterer, as `vigie analyze` would, and moved where it puts them. Stories keep their
 * ids (stable-ids.ts), the analyst's pins are kept (a pinned item never moves), item scores stay
 * as they were computed ("as of" their time); the moved stories' records and the window's topics
 * are written again.
 */
import type { Db } from '../db/open';
import {
  createEmptyStory,
  latestStoryDate,
  moveItems,
  readRecentStoryItems,
  storyExists,
  windowMark,
} from '../db/analysis-store';
import { readPins } from '../db/story-pins-store';
import { clusterBatch } from './cluster-batch';
import { invalidateAnalysis } from './pipeline';
import { keptIds } from './stable-ids';
import { recomputeStory } from './stories';
import { writeTopics } from './topics';

/** Re-clustering options. */
export interface ReclusterOptions {
  /** Stories seen within this long before the latest one are re-clustered, ms. Default 48 h (the ingest index keeps stories open 3 days). */
  windowMs?: number;
  /** Most recent items taken at most (the batch clusterer's cost grows with it). Default 20,000. */
  maxItems?: number;
}

/** What a re-clustering changed. */
export interface ReclusterResult {
  items: number;
  moved: number;
  /** The items that changed story (for an items:changed event). */
  movedIds: number[];
  stories: number;
  topics: number;
}

/** Re-clusters the open window (one transaction); see the module comment. */
export function reclusterOpenWindow(db: Db, opts: ReclusterOptions = {}): ReclusterResult {
  const latest = latestStoryDate(db);
  if (!latest) return { items: 0, moved: 0, movedIds: [], stories: 0, topics: 0 };
  const since = new Date(Date.parse(latest) - (opts.windowMs ?? 48 * 3_600_000)).toISOString();
  const rows = readRecentStoryItems(db, since, opts.maxItems ?? 20_000).filter((r) => r.storyId != null);
  if (rows.length < 2) return { items: rows.length, moved: 0, movedIds: [], stories: 0, topics: 0 };
  const time = (r: (typeof rows)[number]) => {
    const t = Date.parse(r.published ?? r.fetchedAt);
    return Number.isFinite(t) ? t : null;
  };
  const batch = clusterBatch(rows.map((r) => ({ title: r.title, text: r.summary ?? r.contentText, time: time(r) })));
  const pins = readPins(
    db,
    rows.map((r) => r.id),
  );
  const now = new Date().toISOString();
  return db.transaction(() => {
    // Pinned items stay where the analyst put them; the others form the clusterer's groups.
    const groups = new Map<number, number[]>();
    rows.forEach((r, i) => {
      if (pins.has(r.id)) return;
      const g = batch.labels[i]!;
      (groups.get(g) ?? groups.set(g, []).get(g)!).push(r.id);
    });
    const current = new Map(rows.map((r) => [r.id, r.storyId!]));
    const kept = keptIds(groups, current);
    const target = new Map<number, number>();
    for (const [g, members] of groups) {
      let id = kept.get(g);
      if (id === undefined) {
        const first = rows.find((r) => r.id === members[0])!;
        id = createEmptyStory(db, first.title, first.published ?? first.fetchedAt);
      }
      for (const item of members) target.set(item, id);
    }
    const moves = new Map<number, number[]>();
    const touched = new Set<number>();
    for (const [item, story] of target)
      if (current.get(item) !== story) {
        (moves.get(story) ?? moves.set(story, []).get(story)!).push(item);
        touched.add(story).add(current.get(item)!);
      }
    const movedIds: number[] = [];
    for (const [story, items] of moves) {
      moveItems(db, items, story);
      movedIds.push(...items);
    }
    for (const id of touched) if (storyExists(db, id)) recomputeStory(db, id);
    const storyIds = rows.map((r) => target.get(r.id) ?? r.storyId!);
    const topics = writeTopics(
      db,
      batch.vectors,
      rows.map((r) => r.id),
      storyIds,
      now,
    );
    invalidateAnalysis(db);
    return { items: rows.length, moved: movedIds.length, movedIds, stories: touched.size, topics };
  })();
}

/** Handle on the periodic re-clustering. */
export interface ReclusterJob {
  runNow(): ReclusterResult | null;
  stop(): void;
}

/**
 * Re-clusters the open window every `intervalMs` (default 10 min: a day's streamed joins drift
 * within minutes, and one pass over 20,000 items is a few seconds of CPU), never while the
 * window has not changed since the last pass.
 */
export function startRecluster(
  db: Db,
  opts: ReclusterOptions & {
    intervalMs?: number;
    onChange?: (r: ReclusterResult) => void;
    onError?: (err: unknown) => void;
  } = {},
): ReclusterJob {
  let seen: string | null = null;
  const runNow = (): ReclusterResult | null => {
    try {
      const mark = windowMark(db);
      if (mark === seen) return null;
      const r = reclusterOpenWindow(db, opts);
      seen = windowMark(db);
      if (r.moved || r.topics) opts.onChange?.(r);
      return r;
    } catch (err) {
      opts.onError?.(err);
      return null;
    }
  };
  const timer = setInterval(runNow, opts.intervalMs ?? 10 * 60_000);
  timer.unref?.();
  return { runNow, stop: () => clearInterval(timer) };
}
