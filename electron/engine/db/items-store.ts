/**
 * Items and their dedup bookkeeping: every SQL statement on items, item_sources and item_keys
 * lives here (queries and statistics in items-query-store.ts, re-exported below).
 * The FTS index follows through the triggers of migration 001.
 */
import type { Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { TRIAGE_STATES, type Item, type TriageState } from '../../../shared/types/domain';
import type { ProcessedItem } from '../ingest/process-items';
import type { Db } from './open';
import { ITEM_COLUMNS, toItem, type ItemRow } from './item-row';

export { listItems, countItems, stats, type ListItemsOptions, type ItemSort, type DbStats } from './items-query-store';

/** Result of upsertItems. */
export interface UpsertResult {
  /** Item occurrences seen (one per processed item). */
  items: number;
  /** Items created. */
  new: number;
  /** Ids of the items created, in feed order (the analysis pipeline starts from these). */
  newIds: number[];
  /** Ids of existing items whose title or text the feed rewrote. */
  updatedIds: number[];
}

/** One source that carried an item. */
export interface ItemSourceRecord {
  sourceId: number;
  sourceName: string;
  sourceType: string;
  firstSeenAt: string;
  lastSeenAt: string;
  occurrences: number;
}

/** Prepared statements, compiled once per connection (the hot path runs ~5 per item). */
interface UpsertStatements {
  byKey: Statement;
  sameHash: Statement;
  byHash: Statement;
  insertItem: Statement;
  insertKey: Statement;
  touchSource: Statement;
  lastSeen: Statement;
  updateText: Statement;
}

const STATEMENTS = new WeakMap<Db, UpsertStatements>();

/** Returns the connection's compiled upsert statements. */
function statements(db: Db): UpsertStatements {
  let s = STATEMENTS.get(db);
  if (s) return s;
  s = {
    byKey: db.prepare('SELECT item_id FROM item_keys WHERE key = ?').pluck(),
    // Answered from the narrow items_hash index (content_hash, rowid): reading the wide item row
    // just to compare its hash costs more than the whole lookup.
    sameHash: db.prepare('SELECT 1 FROM items INDEXED BY items_hash WHERE content_hash = ? AND id = ?').pluck(),
    byHash: db
      .prepare(
        `SELECT i.id FROM items i INDEXED BY items_hash JOIN item_sources s ON s.item_id = i.id
       WHERE i.content_hash = ? AND s.source_id = ? LIMIT 1`,
      )
      .pluck(),
    insertItem: db.prepare(
      `INSERT INTO items (source_id, guid, link, title, summary, content, content_text, authors, categories, enclosures,
         engagement, language, published, updated, fetched_at, content_hash)
       VALUES (@sourceId, @guid, @link, @title, @summary, @content, @contentText, @authors, @categories, @enclosures,
         @engagement, @language, @published, @updated, @fetchedAt, @contentHash)`,
    ),
    insertKey: db.prepare('INSERT OR IGNORE INTO item_keys (key, item_id) VALUES (?, ?)'),
    touchSource: db.prepare(
      `INSERT INTO item_sources (item_id, source_id, first_seen_at, last_seen_at, occurrences) VALUES (@id, @sourceId, @at, @at, 1)
       ON CONFLICT (item_id, source_id) DO UPDATE SET occurrences = occurrences + 1,
         first_seen_at = min(first_seen_at, excluded.first_seen_at), last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
    ),
    lastSeen: db.prepare('SELECT max(last_seen_at) AS t FROM item_sources WHERE item_id = ?').pluck(),
    updateText: db.prepare(
      `UPDATE items SET title = @title, summary = @summary, content = coalesce(@content, content),
         content_text = coalesce(@contentText, content_text), content_hash = @contentHash,
         updated = coalesce(@updated, updated), published = coalesce(published, @published)
       WHERE id = @id`,
    ),
  };
  STATEMENTS.set(db, s);
  return s;
}

/** Finds the stored item a processed item duplicates: guid → link → same source + same text. */
function findExisting(
  s: UpsertStatements,
  p: ProcessedItem,
  sourceId: number,
): { id: number; changed: boolean; keyIndex: number } | undefined {
  for (let keyIndex = 0; keyIndex < p.keys.length; keyIndex++) {
    const id = s.byKey.get(p.keys[keyIndex]) as number | undefined;
    if (id !== undefined) return { id, changed: s.sameHash.get(p.contentHash, id) === undefined, keyIndex };
  }
  // The hash link of the chain catches a feed that changed its guid scheme; short texts
  // ("Le journal de 8h") would wrongly merge distinct episodes, so they are excluded.
  if (p.keys.length === 0 || p.hashIsDistinctive) {
    const id = s.byHash.get(p.contentHash, sourceId) as number | undefined;
    return id !== undefined ? { id, changed: false, keyIndex: -1 } : undefined;
  }
  return undefined;
}

/**
 * Stores one feed's processed items for `sourceId`: new items are inserted with their keys,
 * known ones gain this source in item_sources (occurrences, last_seen_at) and, when the feed
 * rewrote them and this occurrence is the latest seen, their new title and text.
 * Call inside a transaction (storeFeedItems and ingestFiles do); it runs statements only.
 */
export function upsertItems(db: Db, sourceId: number, processed: ProcessedItem[], fetchedAt: Date): UpsertResult {
  const s = statements(db);
  const at = fetchedAt.toISOString();
  const newIds: number[] = [];
  const updatedIds: number[] = [];
  for (const p of processed) {
    const existing = findExisting(s, p, sourceId);
    let id: number;
    if (!existing) {
      id = Number(
        s.insertItem.run({
          sourceId,
          guid: p.guid,
          link: p.link,
          title: p.title,
          summary: p.summary,
          content: p.content,
          contentText: p.contentText,
          authors: JSON.stringify(p.authors),
          categories: JSON.stringify(p.categories),
          enclosures: JSON.stringify(p.enclosures),
          engagement: p.engagement ? JSON.stringify(p.engagement) : null,
          language: p.language,
          published: p.published,
          updated: p.updated,
          fetchedAt: p.fetchedAt,
          contentHash: p.contentHash,
        }).lastInsertRowid,
      );
      newIds.push(id);
    } else {
      id = existing.id;
      if (existing.changed) {
        // Replaying old snapshots must not overwrite a newer headline with an older one.
        const last = s.lastSeen.get(id) as string | null;
        if (!last || at >= last) {
          s.updateText.run({
            id,
            title: p.title,
            summary: p.summary,
            content: p.content,
            contentText: p.contentText,
            contentHash: p.contentHash,
            updated: p.updated,
            published: p.published,
          });
          updatedIds.push(id);
        }
      }
    }
    // Keys before the one that matched were looked up and missed: record them (a new guid or a
    // new link for a known article). The matched key is already there; later ones may be new too.
    const skip = existing ? existing.keyIndex : -1;
    for (let k = 0; k < p.keys.length; k++) if (k !== skip) s.insertKey.run(p.keys[k], id);
    s.touchSource.run({ id, sourceId, at });
  }
  return { items: processed.length, new: newIds.length, newIds, updatedIds };
}

/** Returns one item, or undefined. */
export function getItem(db: Db, id: number): Item | undefined {
  const row = db
    .prepare(`SELECT ${ITEM_COLUMNS} FROM items i JOIN sources so ON so.id = i.source_id WHERE i.id = ?`)
    .get(id) as ItemRow | undefined;
  return row ? toItem(row) : undefined;
}

/** Every source that carried the item, earliest first. */
export function itemSources(db: Db, id: number): ItemSourceRecord[] {
  return db
    .prepare(
      `SELECT s.source_id AS sourceId, so.name AS sourceName, so.type AS sourceType, s.first_seen_at AS firstSeenAt,
       s.last_seen_at AS lastSeenAt, s.occurrences AS occurrences
     FROM item_sources s JOIN sources so ON so.id = s.source_id WHERE s.item_id = ? ORDER BY s.first_seen_at, s.source_id`,
    )
    .all(id) as ItemSourceRecord[];
}

/** Sets the triage state of the given items; returns how many changed. Throws `input.invalid` for an unknown state. */
export function setTriage(db: Db, ids: number[], state: TriageState): number {
  if (!(TRIAGE_STATES as readonly string[]).includes(state))
    throw new AppError('input.invalid', `unknown triage state "${state}"`, { state });
  const stmt = db.prepare('UPDATE items SET triage = ? WHERE id = ?');
  return db.transaction(() => ids.reduce((n, id) => n + stmt.run(state, id).changes, 0))();
}

/** Stars or unstars the given items; returns how many changed. */
export function setStarred(db: Db, ids: number[], starred: boolean): number {
  const stmt = db.prepare('UPDATE items SET starred = ? WHERE id = ?');
  return db.transaction(() => ids.reduce((n, id) => n + stmt.run(starred ? 1 : 0, id).changes, 0))();
}
