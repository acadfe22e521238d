/** Item queries (inbox lists, search, counts) and database statistics: read-only SQL on items. */
import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { Item, SourceType, TriageState } from '../../../shared/types/domain';
import { toFtsQuery } from './fts-query';
import { ITEM_COLUMNS, toItem, type ItemRow } from './item-row';
import type { Db } from './open';
import { territoryCondition } from './places-store';

/** Orders of an item list. */
export type ItemSort = 'recent' | 'virality' | 'controversy' | 'infox';

/** Filters and paging of listItems / countItems. Every filter is optional (default: none). */
export interface ListItemsOptions {
  /** Boolean search (AND/OR/NOT, -word, "phrase", réfor*, titre:mot), accent-insensitive. */
  query?: string;
  /** ISO lower bound (inclusive) on the publication date (fetch date when none). */
  since?: string;
  /** ISO upper bound (exclusive) on the publication date (fetch date when none). */
  until?: string;
  /** Default 'recent' (newest first); score sorts put unscored items last. */
  sort?: ItemSort;
  /** Default 100. */
  limit?: number;
  /** Default 0. */
  offset?: number;
  /** Items carried by any of these sources. */
  sourceIds?: number[];
  /** Items carried by a source of any of these types. */
  sourceTypes?: SourceType[];
  /** One state or several. */
  triage?: TriageState | TriageState[];
  /** ISO 639-1 code. */
  language?: string;
  /** Score floors (0–100). */
  minVirality?: number;
  minControversy?: number;
  minInfox?: number;
  /** Items of one story. */
  storyId?: number;
  /** Only starred items. */
  starred?: boolean;
  /** Items concerning any of these départements or régions (INSEE codes; either list matches). */
  departements?: string[];
  regions?: string[];
}

/** The date an item is filed under: its publication date, else when it was fetched. */
const ITEM_DATE = 'coalesce(i.published, i.fetched_at)';

/** SQLite sorts NULL below every number, so unscored items come last in DESC without an IS NULL term (which would defeat an index). */
const ORDER_BY: Record<ItemSort, string> = {
  recent: `${ITEM_DATE} DESC, i.id DESC`,
  virality: `i.virality DESC, ${ITEM_DATE} DESC, i.id DESC`,
  controversy: `i.controversy DESC, ${ITEM_DATE} DESC, i.id DESC`,
  infox: `i.infox DESC, ${ITEM_DATE} DESC, i.id DESC`,
};

/** Normalizes a date bound to ISO UTC so it compares with stored dates; a bare day is kept. */
function isoBound(value: string, name: string): string {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new AppError('input.invalid', `--${name}: not an ISO date: ${value}`, { [name]: value });
  return new Date(t).toISOString();
}

/** Builds the WHERE clause and its named parameters from the filters. */
function buildWhere(o: ListItemsOptions): { where: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (o.query && o.query.trim()) {
    const fts = toFtsQuery(o.query);
    if (fts.match) {
      where.push('i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH @match)');
      params.match = fts.match;
    }
    if (fts.exclude) {
      where.push('i.id NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH @exclude)');
      params.exclude = fts.exclude;
    }
  }
  if (o.since) {
    where.push(`${ITEM_DATE} >= @since`);
    params.since = isoBound(o.since, 'since');
  }
  if (o.until) {
    where.push(`${ITEM_DATE} < @until`);
    params.until = isoBound(o.until, 'until');
  }
  if (o.sourceIds?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM item_sources s WHERE s.item_id = i.id AND s.source_id IN (SELECT value FROM json_each(@sourceIds)))`,
    );
    params.sourceIds = JSON.stringify(o.sourceIds);
  }
  if (o.sourceTypes?.length) {
    where.push(`EXISTS (SELECT 1 FROM item_sources s JOIN sources st ON st.id = s.source_id
      WHERE s.item_id = i.id AND st.type IN (SELECT value FROM json_each(@sourceTypes)))`);
    params.sourceTypes = JSON.stringify(o.sourceTypes);
  }
  if (o.triage !== undefined) {
    where.push('i.triage IN (SELECT value FROM json_each(@triage))');
    params.triage = JSON.stringify(Array.isArray(o.triage) ? o.triage : [o.triage]);
  }
  if (o.language) {
    where.push('i.language = @language');
    params.language = o.language;
  }
  if (o.minVirality !== undefined) {
    where.push('i.virality >= @minVirality');
    params.minVirality = o.minVirality;
  }
  if (o.minControversy !== undefined) {
    where.push('i.controversy >= @minControversy');
    params.minControversy = o.minControversy;
  }
  if (o.minInfox !== undefined) {
    where.push('i.infox >= @minInfox');
    params.minInfox = o.minInfox;
  }
  if (o.storyId !== undefined) {
    where.push('i.story_id = @storyId');
    params.storyId = o.storyId;
  }
  if (o.starred !== undefined) {
    where.push('i.starred = @starred');
    params.starred = o.starred ? 1 : 0;
  }
  const territory = territoryCondition(o.departements, o.regions);
  if (territory) {
    where.push(territory.sql);
    Object.assign(params, territory.params);
  }
  return { where: where.length ? 'WHERE ' + where.join(' AND ') : '', params };
}

/** Lists items matching the filters, joined with their first source, in the requested order. */
export function listItems(db: Db, opts: ListItemsOptions = {}): Item[] {
  const { where, params } = buildWhere(opts);
  const sort = ORDER_BY[opts.sort ?? 'recent'] ?? ORDER_BY.recent;
  params.limit = Math.max(0, Math.floor(opts.limit ?? 100));
  params.offset = Math.max(0, Math.floor(opts.offset ?? 0));
  const sql = `SELECT ${ITEM_COLUMNS} FROM items i JOIN sources so ON so.id = i.source_id ${where}
    ORDER BY ${sort} LIMIT @limit OFFSET @offset`;
  return (db.prepare(sql).all(params) as ItemRow[]).map(toItem);
}

/** Counts items matching the filters (paging is ignored). */
export function countItems(db: Db, opts: Omit<ListItemsOptions, 'sort' | 'limit' | 'offset'> = {}): number {
  const { where, params } = buildWhere(opts);
  return db.prepare(`SELECT count(*) FROM items i ${where}`).pluck().get(params) as number;
}

/** Database statistics for `vigie stats` and the dashboard. */
export interface DbStats {
  /** Distinct items stored. */
  items: number;
  /** Item occurrences seen across all fetches and sources. */
  occurrences: number;
  sources: number;
  /** Per source: items it carried (distinct) and occurrences. */
  bySource: { id: number; name: string; type: SourceType; items: number; occurrences: number }[];
  /** Per source type: distinct items carried by at least one source of that type. */
  byType: { type: SourceType; items: number }[];
  /** Items per publication day (UTC, YYYY-MM-DD), oldest first. */
  perDay: { day: string; items: number }[];
  /** Database file size in bytes (main file + WAL), 0 for `:memory:`. */
  dbBytes: number;
}

/** Computes counts by source and type, items per day and the database size. */
export function stats(db: Db): DbStats {
  const items = db.prepare('SELECT count(*) FROM items').pluck().get() as number;
  const occurrences =
    (db.prepare('SELECT coalesce(sum(occurrences), 0) FROM item_sources').pluck().get() as number) ?? 0;
  const sources = db.prepare('SELECT count(*) FROM sources').pluck().get() as number;
  const bySource = db
    .prepare(
      `SELECT so.id, so.name, so.type, count(s.item_id) AS items, coalesce(sum(s.occurrences), 0) AS occurrences
     FROM sources so LEFT JOIN item_sources s ON s.source_id = so.id GROUP BY so.id ORDER BY items DESC, so.name`,
    )
    .all() as DbStats['bySource'];
  const byType = db
    .prepare(
      `SELECT so.type AS type, count(DISTINCT s.item_id) AS items FROM item_sources s JOIN sources so ON so.id = s.source_id
     GROUP BY so.type ORDER BY items DESC`,
    )
    .all() as DbStats['byType'];
  const perDay = db
    .prepare(`SELECT substr(${ITEM_DATE}, 1, 10) AS day, count(*) AS items FROM items i GROUP BY day ORDER BY day`)
    .all() as DbStats['perDay'];
  const file = db.name;
  let dbBytes = 0;
  if (file && file !== ':memory:') {
    for (const f of [file, file + '-wal']) {
      try {
        dbBytes += fs.statSync(f).size;
      } catch {
        /* no WAL yet */
      }
    }
  }
  return { items, occurrences, sources, bySource, byType, perDay, dbBytes };
}
