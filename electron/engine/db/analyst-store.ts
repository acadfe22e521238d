/** The analyst's layer on items (notes, tags, verdicts), saved searches, triage undo history and settings: all SQL here. */
import { AppError } from '../../../shared/errors';
import type { TriageState, Verdict } from '../../../shared/types/domain';
import type { Note, SavedSearch } from '../../../shared/api/views';
import type { Db } from './open';

const nowIso = (): string => new Date().toISOString();

/** Adds a note to an item. Throws `db.not_found` when the item does not exist. */
export function addNote(db: Db, itemId: number, author: string, text: string, at = nowIso()): Note {
  if (!db.prepare('SELECT 1 FROM items WHERE id = ?').get(itemId))
    throw new AppError('db.not_found', `item ${itemId} not found`, { itemId });
  const r = db
    .prepare('INSERT INTO item_notes (item_id, author, text, created_at) VALUES (?, ?, ?, ?)')
    .run(itemId, author, text, at);
  return { id: Number(r.lastInsertRowid), itemId, author, text, createdAt: at };
}

/** Removes a note of an item; returns it. Throws `db.not_found` when absent. */
export function removeNote(db: Db, itemId: number, noteId: number): Note {
  const note = db
    .prepare(
      'SELECT id, item_id AS itemId, author, text, created_at AS createdAt FROM item_notes WHERE id = ? AND item_id = ?',
    )
    .get(noteId, itemId) as Note | undefined;
  if (!note) throw new AppError('db.not_found', `note ${noteId} not found`, { noteId, itemId });
  db.prepare('DELETE FROM item_notes WHERE id = ?').run(noteId);
  return note;
}

/** An item's notes, oldest first. */
export function listNotes(db: Db, itemId: number): Note[] {
  return db
    .prepare(
      'SELECT id, item_id AS itemId, author, text, created_at AS createdAt FROM item_notes WHERE item_id = ? ORDER BY id',
    )
    .all(itemId) as Note[];
}

/** The analyst layer of several items at once (tags, verdict, note count), keyed by item id. */
export interface AnalystLayer {
  tags: string[];
  verdict: Verdict | null;
  noteCount: number;
}

/** Loads tags, verdicts and note counts for the given items in three queries. */
export function loadAnalystLayer(db: Db, ids: number[]): Map<number, AnalystLayer> {
  const out = new Map<number, AnalystLayer>();
  for (const id of ids) out.set(id, { tags: [], verdict: null, noteCount: 0 });
  if (!ids.length) return out;
  const list = JSON.stringify(ids);
  for (const r of db
    .prepare('SELECT item_id AS id, tag FROM item_tags WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY tag')
    .all(list) as Array<{ id: number; tag: string }>)
    out.get(r.id)?.tags.push(r.tag);
  for (const r of db
    .prepare('SELECT item_id AS id, verdict FROM item_verdicts WHERE item_id IN (SELECT value FROM json_each(?))')
    .all(list) as Array<{ id: number; verdict: Verdict }>) {
    const layer = out.get(r.id);
    if (layer) layer.verdict = r.verdict;
  }
  for (const r of db
    .prepare(
      'SELECT item_id AS id, count(*) AS n FROM item_notes WHERE item_id IN (SELECT value FROM json_each(?)) GROUP BY item_id',
    )
    .all(list) as Array<{ id: number; n: number }>) {
    const layer = out.get(r.id);
    if (layer) layer.noteCount = r.n;
  }
  return out;
}

/** Adds and removes tags on items (tags are trimmed, case kept); returns how many item rows changed. */
export function tagItems(db: Db, ids: number[], add: string[], remove: string[], at = nowIso()): number {
  const ins = db.prepare(
    'INSERT OR IGNORE INTO item_tags (item_id, tag, created_at) SELECT id, ?, ? FROM items WHERE id = ?',
  );
  const del = db.prepare('DELETE FROM item_tags WHERE item_id = ? AND tag = ?');
  return db.transaction(() => {
    let changed = 0;
    for (const id of ids) {
      for (const t of add) changed += ins.run(t.trim(), at, id).changes;
      for (const t of remove) changed += del.run(id, t.trim()).changes;
    }
    return changed;
  })();
}

/** Ids of the items carrying a tag. */
export function itemIdsWithTag(db: Db, tag: string): number[] {
  return (db.prepare('SELECT item_id AS id FROM item_tags WHERE tag = ?').all(tag) as Array<{ id: number }>).map(
    (r) => r.id,
  );
}

/** Every tag in use with its count (for autocompletion). */
export function listTags(db: Db): Array<{ tag: string; count: number }> {
  return db
    .prepare('SELECT tag, count(*) AS count FROM item_tags GROUP BY tag ORDER BY count DESC, tag')
    .all() as Array<{ tag: string; count: number }>;
}

/** A stored verdict. */
export interface VerdictRecord {
  verdict: Verdict;
  author: string;
  comment: string | null;
  at: string;
}

/** Sets (or clears with null) an item's verdict. Throws `db.not_found` for an unknown item. */
export function setVerdict(
  db: Db,
  itemId: number,
  verdict: Verdict | null,
  author: string,
  comment: string | null,
  at = nowIso(),
): void {
  if (!db.prepare('SELECT 1 FROM items WHERE id = ?').get(itemId))
    throw new AppError('db.not_found', `item ${itemId} not found`, { itemId });
  if (verdict === null) db.prepare('DELETE FROM item_verdicts WHERE item_id = ?').run(itemId);
  else
    db.prepare(
      `INSERT INTO item_verdicts (item_id, verdict, author, comment, at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(item_id) DO UPDATE SET verdict = excluded.verdict, author = excluded.author, comment = excluded.comment, at = excluded.at`,
    ).run(itemId, verdict, author, comment, at);
}

/** An item's verdict, or undefined. */
export function getVerdict(db: Db, itemId: number): VerdictRecord | undefined {
  return db.prepare('SELECT verdict, author, comment, at FROM item_verdicts WHERE item_id = ?').get(itemId) as
    VerdictRecord | undefined;
}

/**
 * Records the current triage state of the items before a change, so it can be undone.
 * Call inside the same transaction as the change. Returns the undo id.
 */
export function recordTriageHistory(db: Db, ids: number[], state: TriageState, at = nowIso()): number {
  const previous = db
    .prepare('SELECT id, triage FROM items WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as Array<{ id: number; triage: TriageState }>;
  const r = db
    .prepare('INSERT INTO triage_history (state, previous, at) VALUES (?, ?, ?)')
    .run(state, JSON.stringify(previous), at);
  // Keep the history bounded: undo is for the last few actions, not an audit log.
  db.prepare('DELETE FROM triage_history WHERE id <= ? - 200').run(Number(r.lastInsertRowid));
  return Number(r.lastInsertRowid);
}

/** Restores the states saved by a triage change (the latest not yet undone when undoId is omitted). */
export function undoTriage(
  db: Db,
  undoId?: number,
): { restored: number; undoneState: TriageState | null; ids: number[] } {
  return db.transaction(() => {
    const row = (
      undoId === undefined
        ? db.prepare('SELECT id, state, previous FROM triage_history WHERE undone = 0 ORDER BY id DESC LIMIT 1').get()
        : db.prepare('SELECT id, state, previous FROM triage_history WHERE id = ? AND undone = 0').get(undoId)
    ) as { id: number; state: TriageState; previous: string } | undefined;
    if (!row) return { restored: 0, undoneState: null, ids: [] };
    const previous = JSON.parse(row.previous) as Array<{ id: number; triage: TriageState }>;
    const upd = db.prepare('UPDATE items SET triage = ? WHERE id = ?');
    let restored = 0;
    for (const p of previous) restored += upd.run(p.triage, p.id).changes;
    db.prepare('UPDATE triage_history SET undone = 1 WHERE id = ?').run(row.id);
    return { restored, undoneState: row.state, ids: previous.map((p) => p.id) };
  })();
}

interface SavedRow {
  id: number;
  name: string;
  query: string;
  filters: string;
  watch: number;
  created_at: string;
}
const toSaved = (r: SavedRow): Omit<SavedSearch, 'matchCount'> => ({
  id: r.id,
  name: r.name,
  query: r.query,
  filters: JSON.parse(r.filters) as Record<string, unknown>,
  watch: r.watch === 1,
  createdAt: r.created_at,
});

/** Saved searches, watch topics first, then by name. */
export function listSavedSearches(db: Db): Array<Omit<SavedSearch, 'matchCount'>> {
  return (db.prepare('SELECT * FROM saved_searches ORDER BY watch DESC, name COLLATE NOCASE').all() as SavedRow[]).map(
    toSaved,
  );
}

/** One saved search. Throws `db.not_found`. */
export function getSavedSearch(db: Db, id: number): Omit<SavedSearch, 'matchCount'> {
  const r = db.prepare('SELECT * FROM saved_searches WHERE id = ?').get(id) as SavedRow | undefined;
  if (!r) throw new AppError('db.not_found', `saved search ${id} not found`, { id });
  return toSaved(r);
}

/** Creates (no id) or replaces a saved search. */
export function saveSavedSearch(
  db: Db,
  s: { id?: number; name: string; query: string; filters: Record<string, unknown>; watch: boolean },
  at = nowIso(),
): Omit<SavedSearch, 'matchCount'> {
  if (s.id === undefined) {
    const r = db
      .prepare('INSERT INTO saved_searches (name, query, filters, watch, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(s.name, s.query, JSON.stringify(s.filters), s.watch ? 1 : 0, at);
    return getSavedSearch(db, Number(r.lastInsertRowid));
  }
  const r = db
    .prepare('UPDATE saved_searches SET name = ?, query = ?, filters = ?, watch = ? WHERE id = ?')
    .run(s.name, s.query, JSON.stringify(s.filters), s.watch ? 1 : 0, s.id);
  if (!r.changes) throw new AppError('db.not_found', `saved search ${s.id} not found`, { id: s.id });
  return getSavedSearch(db, s.id);
}

/** Deletes a saved search; true when it existed. */
export function removeSavedSearch(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0;
}

/** Reads a JSON setting, or the fallback when unset or damaged. */
export function getSetting<T>(db: Db, key: string, fallback: T): T {
  const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!r) return fallback;
  try {
    return JSON.parse(r.value) as T;
  } catch {
    return fallback;
  }
}

/** Writes a JSON setting. */
export function setSetting(db: Db, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}
