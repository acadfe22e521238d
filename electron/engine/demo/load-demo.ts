/**
 * Replays the demo scenario into the database through the normal ingest path (process → dedup →
 * store → FTS → analysis), item by item in chronological order, with dates relative to now, so
 * the screens show real behaviour (stories, scores, alerts watermarks) on a first start.
 */
import type { Feed } from '../../../shared/types/feed';
import { analyzeNewItems } from '../analysis/pipeline';
import type { Db } from '../db/open';
import { addSource, findSourceByUrl, updateSource } from '../db/sources-store';
import { storeFeedItems } from '../ingest/store-feed';
import { DEMO_SOURCES, type DemoItem, type DemoSource } from './scenario';

/** Options of loadDemoWorkspace. */
export interface LoadDemoOptions {
  /** The scenario's "now" (default: the current time). */
  now?: Date;
  /** Load even when the database already has sources (default false: only into an empty database). */
  force?: boolean;
  /** Leave out the live items (a running engine replays them later with replayLiveItem). Default false: load everything now. */
  holdLive?: boolean;
}

/** What loadDemoWorkspace did. */
export interface LoadDemoResult {
  loaded: boolean;
  sources: number;
  items: number;
  newIds: number[];
  /** Live items held back, in arrival order. */
  live: Array<{ afterSec: number; source: DemoSource; item: DemoItem }>;
}

const HOST = 'https://demo.vigie.invalid';

/** Feed URL of a demo source (reserved `.invalid` TLD: never resolvable, never fetched). */
export function demoFeedUrl(slug: string): string {
  return `${HOST}/${slug}/feed.xml`;
}

/** Slug of a title for demo permalinks. */
function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** A one-item feed, as a fetch of that source would have returned it at that time. */
function toFeed(src: DemoSource, it: DemoItem, published: string): Feed {
  return {
    format: 'rss',
    title: src.name,
    link: `${HOST}/${src.slug}/`,
    description: null,
    language: 'fr',
    published: null,
    updated: null,
    authors: [],
    categories: [],
    items: [
      {
        guid: `${HOST}/${src.slug}/${slugify(it.title)}`,
        title: it.title,
        link: `${HOST}/${src.slug}/${slugify(it.title)}`,
        published,
        updated: null,
        authors: it.author ? [{ name: it.author }] : [],
        categories: [],
        summary: it.summary,
        content: it.content ?? null,
        enclosures: [],
        ...(it.engagement ? { engagement: it.engagement } : {}),
      },
    ],
  };
}

/** Loads the demo workspace (see the module comment). */
export function loadDemoWorkspace(db: Db, opts: LoadDemoOptions = {}): LoadDemoResult {
  const now = opts.now ?? new Date();
  const hasSources = (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n > 0;
  if (hasSources && !opts.force) return { loaded: false, sources: 0, items: 0, newIds: [], live: [] };
  const sourceIds = new Map<string, number>();
  let sources = 0;
  for (const src of DEMO_SOURCES) {
    const url = demoFeedUrl(src.slug);
    const existing = findSourceByUrl(db, url);
    if (existing) {
      sourceIds.set(src.slug, existing.id);
      continue;
    }
    const s = addSource(
      db,
      {
        name: src.name,
        url,
        siteUrl: `${HOST}/${src.slug}/`,
        type: src.type,
        language: 'fr',
        reachWeight: src.reachWeight,
        enabled: false,
      },
      now,
    );
    // Paused with a reason the Sources screen shows: the demo feeds are not real.
    updateSource(db, s.id, { pausedReason: 'demo' });
    sourceIds.set(src.slug, s.id);
    sources++;
  }
  const all = DEMO_SOURCES.flatMap((src) => src.items.map((it) => ({ src, it })));
  const held = opts.holdLive ? all.filter((x) => x.it.liveAfterSec !== undefined) : [];
  const timeline = all
    .filter((x) => !held.includes(x))
    .sort((a, b) => b.it.hoursAgo - a.it.hoursAgo || (a.it.liveAfterSec ?? 0) - (b.it.liveAfterSec ?? 0));
  const newIds: number[] = [];
  for (const { src, it } of timeline) {
    const publishedMs = now.getTime() - it.hoursAgo * 3_600_000;
    // Seen by the poller a couple of minutes after publication, never in the future.
    const fetchedAt = new Date(Math.min(now.getTime(), publishedMs + 2 * 60_000));
    const r = storeFeedItems(
      db,
      { id: sourceIds.get(src.slug)! },
      toFeed(src, it, new Date(publishedMs).toISOString()),
      { fetchedAt, language: 'fr', skipAnalysis: true },
    );
    newIds.push(...r.newIds);
  }
  // One analysis pass over the whole scenario, as after a batch ingest.
  if (newIds.length) analyzeNewItems(db, newIds);
  const live = held
    .map((x) => ({ afterSec: x.it.liveAfterSec!, source: x.src, item: x.it }))
    .sort((a, b) => a.afterSec - b.afterSec);
  return { loaded: true, sources, items: timeline.length, newIds, live };
}

/** Stores one held-back live item now (fetched "just now"), analysed like a fetched feed; returns the new ids. */
export function replayLiveItem(db: Db, source: DemoSource, item: DemoItem, now: Date = new Date()): number[] {
  const s = findSourceByUrl(db, demoFeedUrl(source.slug));
  if (!s) return [];
  return storeFeedItems(db, s, toFeed(source, item, now.toISOString()), { fetchedAt: now, language: 'fr' }).newIds;
}
