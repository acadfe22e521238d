/**
 * Read-only aggregates for the UI (story lists, timelines, dashboard volumes, score reasons).
 * Stories are aggregated from items.story_id so they work whatever the analysis stores beside it;
 * a `stories` table, when present, only supplies titles and key terms.
 */
import type { Reason, Scores, SourceType, Story } from '../../../shared/types/domain';
import { toFtsQuery } from './fts-query';
import type { Db } from './open';

const ITEM_DATE = 'coalesce(i.published, i.fetched_at)';
const EMPTY_REASONS = (): Scores['reasons'] => ({ virality: [], controversy: [], infox: [] });

/** The score reasons stored on an item (empty lists until analysed). */
export function itemReasons(db: Db, itemId: number): Scores['reasons'] {
  const r = db.prepare('SELECT reasons FROM items WHERE id = ?').get(itemId) as { reasons: string | null } | undefined;
  if (!r?.reasons) return EMPTY_REASONS();
  try {
    const parsed = JSON.parse(r.reasons) as Partial<Scores['reasons']>;
    return { virality: parsed.virality ?? [], controversy: parsed.controversy ?? [], infox: parsed.infox ?? [] };
  } catch {
    return EMPTY_REASONS();
  }
}

/** Merges reasons of several items: same signal summed, strongest first, 8 per score. */
export function mergeReasons(list: Array<Scores['reasons']>): Scores['reasons'] {
  const out = EMPTY_REASONS();
  for (const key of ['virality', 'controversy', 'infox'] as const) {
    const by = new Map<string, Reason>();
    for (const r of list.flatMap((x) => x[key])) {
      const prev = by.get(r.signal);
      if (!prev) by.set(r.signal, { ...r });
      else if (r.weight > prev.weight) by.set(r.signal, { ...r });
    }
    out[key] = [...by.values()].sort((a, b) => b.weight - a.weight).slice(0, 8);
  }
  return out;
}

let storiesTableCache: WeakMap<Db, boolean> = new WeakMap();
/** Whether the analysis created a `stories` table with a title column. */
function hasStoriesTable(db: Db): boolean {
  if (!storiesTableCache.has(db)) {
    const cols = db.prepare("SELECT name FROM pragma_table_info('stories')").all() as Array<{ name: string }>;
    storiesTableCache.set(
      db,
      cols.some((c) => c.name === 'title'),
    );
  }
  return storiesTableCache.get(db)!;
}
/** Forgets cached schema facts (after a migration in tests). */
export function resetViewsCache(): void {
  storiesTableCache = new WeakMap();
}

/** Stories having at least one item matching a boolean search (same syntax as the item search). */
export function storyIdsMatching(db: Db, query: string): number[] {
  const fts = toFtsQuery(query);
  const where: string[] = ['i.story_id IS NOT NULL'];
  const p: Record<string, unknown> = {};
  if (fts.match) {
    where.push('i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH @match)');
    p.match = fts.match;
  }
  if (fts.exclude) {
    where.push('i.id NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH @exclude)');
    p.exclude = fts.exclude;
  }
  return (
    db.prepare(`SELECT DISTINCT i.story_id AS id FROM items i WHERE ${where.join(' AND ')}`).all(p) as Array<{
      id: number;
    }>
  ).map((r) => r.id);
}

/** Filters of storyAggregates. */
export interface StoryFilter {
  since?: string;
  until?: string;
  sourceTypes?: SourceType[];
  ids?: number[];
  minItems?: number;
  /** Stories with at least one item matching these FTS item ids. */
  itemIds?: number[];
}

interface AggRow {
  id: number;
  item_count: number;
  source_count: number;
  first_seen: string;
  last_seen: string;
  virality: number | null;
  controversy: number | null;
  infox: number | null;
  source_types: string;
  title: string;
  key_terms?: string | null;
}

/** Stories (aggregated from their items), unsorted. */
export function storyAggregates(db: Db, f: StoryFilter = {}): Story[] {
  const where: string[] = ['i.story_id IS NOT NULL'];
  const p: Record<string, unknown> = {};
  if (f.ids) {
    where.push('i.story_id IN (SELECT value FROM json_each(@ids))');
    p.ids = JSON.stringify(f.ids);
  }
  if (f.itemIds) {
    where.push('i.story_id IN (SELECT story_id FROM items WHERE id IN (SELECT value FROM json_each(@itemIds)))');
    p.itemIds = JSON.stringify(f.itemIds);
  }
  const having: string[] = [];
  if (f.since) {
    having.push(`max(${ITEM_DATE}) >= @since`);
    p.since = new Date(f.since).toISOString();
  }
  if (f.until) {
    having.push(`min(${ITEM_DATE}) < @until`);
    p.until = new Date(f.until).toISOString();
  }
  if (f.minItems) {
    having.push('count(*) >= @minItems');
    p.minItems = f.minItems;
  }
  const titleSql = hasStoriesTable(db)
    ? `coalesce((SELECT st.title FROM stories st WHERE st.id = i.story_id), '') AS title,
       (SELECT st.key_terms FROM stories st WHERE st.id = i.story_id) AS key_terms`
    : `'' AS title, NULL AS key_terms`;
  const rows = db
    .prepare(
      `
    SELECT i.story_id AS id, count(*) AS item_count, count(DISTINCT i.source_id) AS source_count,
      min(${ITEM_DATE}) AS first_seen, max(${ITEM_DATE}) AS last_seen,
      max(i.virality) AS virality, max(i.controversy) AS controversy, max(i.infox) AS infox,
      (SELECT json_group_array(DISTINCT so.type) FROM items i2 JOIN sources so ON so.id = i2.source_id WHERE i2.story_id = i.story_id) AS source_types,
      ${titleSql}
    FROM items i WHERE ${where.join(' AND ')}
    GROUP BY i.story_id ${having.length ? 'HAVING ' + having.join(' AND ') : ''}`,
    )
    .all(p) as AggRow[];
  const types = f.sourceTypes?.length ? new Set(f.sourceTypes) : null;
  const missingTitle = rows.filter((r) => !r.title).map((r) => r.id);
  const titles = headlineTitles(db, missingTitle);
  return rows
    .map((r) => ({
      id: r.id,
      title: r.title || titles.get(r.id) || '',
      keyTerms: parseTerms(r.key_terms),
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      itemCount: r.item_count,
      sourceCount: r.source_count,
      sourceTypes: JSON.parse(r.source_types) as SourceType[],
      virality: r.virality,
      controversy: r.controversy,
      infox: r.infox,
    }))
    .filter((s) => !types || s.sourceTypes.some((t) => types.has(t)));
}

/** Key terms stored as a JSON array (empty when absent or damaged). */
function parseTerms(s: string | null | undefined): string[] {
  if (!s) return [];
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** A story's headline when the analysis gave it none: its earliest item's title. */
function headlineTitles(db: Db, storyIds: number[]): Map<number, string> {
  if (!storyIds.length) return new Map();
  const rows = db
    .prepare(
      `SELECT story_id AS id, title FROM items i WHERE story_id IN (SELECT value FROM json_each(?))
    AND i.id = (SELECT i3.id FROM items i3 WHERE i3.story_id = i.story_id ORDER BY coalesce(i3.published, i3.fetched_at), i3.id LIMIT 1)`,
    )
    .all(JSON.stringify(storyIds)) as Array<{ id: number; title: string }>;
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Items per hour for each story over the 24 hours before `nowMs` (oldest hour first). */
export function storySparklines(db: Db, storyIds: number[], nowMs: number): Map<number, number[]> {
  const out = new Map<number, number[]>(storyIds.map((id) => [id, new Array<number>(24).fill(0)]));
  if (!storyIds.length) return out;
  const from = nowMs - 24 * 3_600_000;
  const rows = db
    .prepare(
      `SELECT story_id AS id, ${ITEM_DATE} AS at FROM items i WHERE story_id IN (SELECT value FROM json_each(?)) AND ${ITEM_DATE} >= ?`,
    )
    .all(JSON.stringify(storyIds), new Date(from).toISOString()) as Array<{ id: number; at: string }>;
  for (const r of rows) {
    const h = Math.floor((Date.parse(r.at) - from) / 3_600_000);
    const line = out.get(r.id);
    if (line && h >= 0 && h < 24) line[h]!++;
  }
  return out;
}

/** Dates and source types of items in a period (for volume and timelines). */
export function itemDatesByType(
  db: Db,
  fromIso: string,
  toIso: string,
  storyId?: number,
): Array<{ at: string; type: SourceType }> {
  return db
    .prepare(
      `SELECT ${ITEM_DATE} AS at, so.type AS type FROM items i JOIN sources so ON so.id = i.source_id
    WHERE ${ITEM_DATE} >= @from AND ${ITEM_DATE} < @to ${storyId !== undefined ? 'AND i.story_id = @storyId' : ''}`,
    )
    .all({ from: fromIso, to: toIso, storyId }) as Array<{ at: string; type: SourceType }>;
}

/** Ids of items with a high infox score and no verdict, most suspicious first. */
export function infoxUnderReviewIds(db: Db, minInfox: number, limit: number): number[] {
  return (
    db
      .prepare(
        `SELECT i.id FROM items i LEFT JOIN item_verdicts v ON v.item_id = i.id
    WHERE i.infox >= ? AND v.item_id IS NULL ORDER BY i.infox DESC, ${ITEM_DATE} DESC LIMIT ?`,
      )
      .all(minInfox, limit) as Array<{ id: number }>
  ).map((r) => r.id);
}

/** Counts for the dashboard header and app:info. */
export function countAll(db: Db): { items: number; sources: number; stories: number } {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM sources) AS sources,
    (SELECT count(DISTINCT story_id) FROM items WHERE story_id IS NOT NULL) AS stories`,
    )
    .get() as { items: number; sources: number; stories: number };
}

/** Item count and latest item date per source. */
export function sourceItemStats(db: Db): Map<number, { itemCount: number; lastItemAt: string | null }> {
  const rows = db
    .prepare(
      `SELECT s.source_id AS id, count(*) AS n, max(coalesce(i.published, i.fetched_at)) AS last
    FROM item_sources s JOIN items i ON i.id = s.item_id GROUP BY s.source_id`,
    )
    .all() as Array<{ id: number; n: number; last: string | null }>;
  return new Map(rows.map((r) => [r.id, { itemCount: r.n, lastItemAt: r.last }]));
}

/** Mean tone (−1..1) toward the watched State targets (item_tones, all targets) per UTC hour or day. */
export function toneBuckets(
  db: Db,
  fromIso: string,
  toIso: string,
  bucket: 'hour' | 'day',
): Array<{ bucket: string; tone: number; items: number }> {
  const len = bucket === 'hour' ? 13 : 10;
  return db
    .prepare(
      `SELECT substr(at, 1, ${len}) AS bucket, avg(tone) AS tone, count(DISTINCT item_id) AS items FROM item_tones
    WHERE at >= ? AND at < ? GROUP BY bucket ORDER BY bucket`,
    )
    .all(fromIso, toIso) as Array<{ bucket: string; tone: number; items: number }>;
}
