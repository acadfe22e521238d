/**
 * Analysis entry point of the ingest pipeline: store-feed.ts and ingest-files.ts call
 * analyzeNewItems right after new items are committed. Analysis (stories, virality, controversy,
 * infox) plugs in here — the analysis area replaces this body; ingest owns only the call site.
 */
import type { Db } from '../db/open';

/** Analyses freshly stored items (placeholder: does nothing until the analysis stage lands). */
export function analyzeNewItems(_db: Db, _itemIds: number[]): void {
  // Intentionally empty: see the module comment.
}
