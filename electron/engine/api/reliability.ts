/** The imported reliability list (table `reliability`, owned by the analysis), cached per database. */
import type { ReliabilityRating } from '../../../shared/api/views';
import { getSource } from '../db/sources-store';
import { importReliability as storeReliability, readReliability } from '../db/analysis-store';
import { lookupRating, parseReliabilityCsv, type ReliabilityList } from '../analysis/reliability';
import { invalidateAnalysis } from '../analysis/pipeline';
import type { Db } from '../db/open';
import type { HandlerContext } from './context';

const cache = new WeakMap<Db, ReliabilityList>();

/** The parsed list (empty when none was imported). */
export function reliabilityList(ctx: HandlerContext): ReliabilityList {
  let list = cache.get(ctx.db);
  if (!list) {
    list = readReliability(ctx.db);
    cache.set(ctx.db, list);
  }
  return list;
}

/** Validates and stores a CSV (replaces the list); returns the number of domains. */
export function importReliability(ctx: HandlerContext, csv: string): number {
  const list = parseReliabilityCsv(csv);
  storeReliability(ctx.db, list);
  cache.set(ctx.db, list);
  // The infox score reads the list: the analysis reloads it.
  invalidateAnalysis(ctx.db);
  return list.size;
}

/** Rating of an item link, else of its source's site or feed URL; null when unlisted. */
export function ratingOf(ctx: HandlerContext, link: string | null, sourceId: number): ReliabilityRating | null {
  const list = reliabilityList(ctx);
  if (!list.size) return null;
  const byLink = lookupRating(list, link);
  if (byLink) return byLink.rating;
  const s = getSource(ctx.db, sourceId);
  return (lookupRating(list, s?.siteUrl) ?? lookupRating(list, s?.url))?.rating ?? null;
}
