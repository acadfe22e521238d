/** The imported reliability list (settings key `reliabilityCsv`), parsed once per change. */
import type { ReliabilityRating } from '../../../shared/api/views';
import { getSetting, setSetting } from '../db/analyst-store';
import { getSource } from '../db/sources-store';
import { lookupRating, parseReliabilityCsv, type ReliabilityList } from '../analysis/reliability';
import type { HandlerContext } from './context';

/** Settings key holding the CSV text as imported. */
export const RELIABILITY_SETTING = 'reliabilityCsv';

let cache: { csv: string; list: ReliabilityList } | null = null;

/** The parsed list (empty when none was imported). */
export function reliabilityList(ctx: HandlerContext): ReliabilityList {
  const csv = getSetting(ctx.db, RELIABILITY_SETTING, '');
  if (!cache || cache.csv !== csv) cache = { csv, list: csv ? parseReliabilityCsv(csv) : new Map() };
  return cache.list;
}

/** Validates and stores a CSV (replaces the list); returns the number of domains. */
export function importReliability(ctx: HandlerContext, csv: string): number {
  const list = parseReliabilityCsv(csv);
  setSetting(ctx.db, RELIABILITY_SETTING, csv);
  cache = { csv, list };
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
