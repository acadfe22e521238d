/**
 * Store step of the pipeline: a parsed feed's items are processed and upserted in ONE
 * transaction (a crash leaves either the whole feed or none of it), then the new items go to
 * analysis. Shared by the fetch orchestrator and file ingestion so both follow the same path.
 */
import type { Feed } from '../../../shared/types/feed';
import { analyzeNewItems } from '../analysis/pipeline';
import { upsertItems } from '../db/items-store';
import type { Db } from '../db/open';
import { finishPreparedItems, processItems, type PreparedItem } from './process-items';

/** What storeFeedItems did. */
export interface StoreFeedResult {
  /** Item occurrences in the feed. */
  items: number;
  /** Items created. */
  new: number;
  /** Ids of the items created. */
  newIds: number[];
}

/** Options of storeFeedItems. */
export interface StoreFeedOptions {
  /** When the feed was fetched (or the file's effective date). */
  fetchedAt: Date;
  /** Language of the source, used as a hint when the feed declares none. Default: the feed's own. */
  language?: string | null;
  /** Skip analyzeNewItems (callers batching several feeds analyse once at the end). Default false. */
  skipAnalysis?: boolean;
}

/**
 * Runs analysis on freshly committed items without letting it fail the ingestion: the items are
 * already durable, and `vigie analyze` recomputes whatever an analysis error left out.
 */
export function analyzeStoredItems(db: Db, ids: number[]): void {
  if (ids.length === 0) return;
  try {
    analyzeNewItems(db, ids);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `vigie: analysis failed for ${ids.length} new items (run \`vigie analyze\`): ${msg.split('\n')[0]}\n`,
    );
  }
}

/** Writes a feed's items without opening a transaction (the caller holds one). */
export function storeFeedItemsInTransaction(
  db: Db,
  sourceId: number,
  feed: Feed,
  fetchedAt: Date,
  language?: string | null,
): StoreFeedResult {
  const processed = processItems(feed, { sourceId, fetchedAt, feedLanguage: feed.language ?? language ?? null });
  const r = upsertItems(db, sourceId, processed, fetchedAt);
  return { items: r.items, new: r.new, newIds: r.newIds };
}

/**
 * Stores items prepared off-thread (the parse pool ran prepareItems) for `source` in one
 * transaction, then analyses the new ones: the fetch path's store step.
 */
export function storePreparedItems(
  db: Db,
  source: { id: number },
  feed: Feed,
  prepared: PreparedItem[],
  opts: StoreFeedOptions,
): StoreFeedResult {
  const processed = finishPreparedItems(prepared, {
    sourceId: source.id,
    feedLanguage: feed.language ?? opts.language ?? null,
  });
  const r = db.transaction(() => upsertItems(db, source.id, processed, opts.fetchedAt))();
  const result: StoreFeedResult = { items: r.items, new: r.new, newIds: r.newIds };
  if (!opts.skipAnalysis) analyzeStoredItems(db, result.newIds);
  return result;
}

/** Processes and stores one feed's items for `source` in one transaction, then analyses the new ones. */
export function storeFeedItems(db: Db, source: { id: number }, feed: Feed, opts: StoreFeedOptions): StoreFeedResult {
  // Processing is pure and runs before the write lock is taken.
  const processed = processItems(feed, {
    sourceId: source.id,
    fetchedAt: opts.fetchedAt,
    feedLanguage: feed.language ?? opts.language ?? null,
  });
  const r = db.transaction(() => upsertItems(db, source.id, processed, opts.fetchedAt))();
  const result: StoreFeedResult = { items: r.items, new: r.new, newIds: r.newIds };
  if (!opts.skipAnalysis) analyzeStoredItems(db, result.newIds);
  return result;
}
