/**
 * All SQL of the daily brief: the period's items, counts, stories, tones, verdicts, notes, alerts,
 * source health, and the drafts/files tables of migration 005. Tables of other areas (stories,
 * item_tones, item_verdicts, item_notes, alerts) are read only when present, so the brief still
 * renders on a database that was never analysed.
 */
import type { SourceType, TriageState } from '../../../shared/types/domain';
import type { Db } from './open';

/** True when `name` is a table of the database. */
export function hasTable(db: Db, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?").get(name);
}

/** A setting's JSON value, or undefined. */
export function readSetting<T>(db: Db, key: string): T | undefined {
  const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!r) return undefined;
  try {
    return JSON.parse(r.value) as T;
  } catch {
    return r.value as unknown as T;
  }
}

/** An item of the period, with what the brief needs. */
export interface BriefItemRow {
  id: number;
  sourceName: string;
  sourceType: SourceType;
  title: string;
  summary: string | null;
  link: string | null;
  /** Published date, else fetch date (ISO). */
  at: string;
  storyId: number | null;
  virality: number | null;
  controversy: number | null;
  infox: number | null;
  reasons: string | null;
  starred: number;
  triage: TriageState;
  /** Sources (feeds) that carried the item. */
  carriers: number;
}

/** Items published in [from, to) (fetch date when the item has none), oldest first. */
export function readPeriodItems(db: Db, from: string, to: string): BriefItemRow[] {
  return db
    .prepare(
      `
    SELECT i.id, s.name AS sourceName, s.type AS sourceType, i.title, COALESCE(i.summary, substr(i.content_text, 1, 600)) AS summary,
           i.link, COALESCE(i.published, i.fetched_at) AS at, i.story_id AS storyId, i.virality, i.controversy, i.infox,
           i.reasons, i.starred, i.triage, (SELECT COUNT(*) FROM item_sources x WHERE x.item_id = i.id) AS carriers
    FROM items i JOIN sources s ON s.id = i.source_id
    WHERE COALESCE(i.published, i.fetched_at) >= ? AND COALESCE(i.published, i.fetched_at) < ?
    ORDER BY at, i.id`,
    )
    .all(from, to) as BriefItemRow[];
}

/** Items per source type in [from, to). */
export function countItemsByType(db: Db, from: string, to: string): Map<SourceType, number> {
  const rows = db
    .prepare(
      `
    SELECT s.type AS type, COUNT(*) AS n FROM items i JOIN sources s ON s.id = i.source_id
    WHERE COALESCE(i.published, i.fetched_at) >= ? AND COALESCE(i.published, i.fetched_at) < ? GROUP BY s.type`,
    )
    .all(from, to) as Array<{ type: SourceType; n: number }>;
  return new Map(rows.map((r) => [r.type, r.n]));
}

/** A stored story (migration 002). */
export interface StoryRow {
  id: number;
  title: string;
  firstSeen: string;
  virality: number | null;
  controversy: number | null;
  infox: number | null;
}

/** Stored stories by id (empty when the stories table is absent). */
export function readStories(db: Db, ids: readonly number[]): Map<number, StoryRow> {
  const out = new Map<number, StoryRow>();
  if (!ids.length || !hasTable(db, 'stories')) return out;
  const stmt = db.prepare(
    'SELECT id, title, first_seen AS firstSeen, virality, controversy, infox FROM stories WHERE id = ?',
  );
  for (const id of ids) {
    const r = stmt.get(id) as StoryRow | undefined;
    if (r) out.set(id, r);
  }
  return out;
}

/** One tone of an item toward a watched target. */
export interface ToneRow {
  itemId: number;
  target: string;
  tone: number;
  at: string;
  title: string;
}

/** Tones in [from, to) (empty when item_tones is absent). */
export function readTones(db: Db, from: string, to: string): ToneRow[] {
  if (!hasTable(db, 'item_tones')) return [];
  return db
    .prepare(
      `SELECT t.item_id AS itemId, t.target, t.tone, t.at, i.title FROM item_tones t JOIN items i ON i.id = t.item_id
    WHERE t.at >= ? AND t.at < ? ORDER BY t.at`,
    )
    .all(from, to) as ToneRow[];
}

/** Analysts' verdicts by item (migration 003's item_verdicts). */
export function readVerdicts(
  db: Db,
  itemIds: readonly number[],
): Map<number, { verdict: 'confirmed' | 'unfounded'; comment: string | null }> {
  const out = new Map<number, { verdict: 'confirmed' | 'unfounded'; comment: string | null }>();
  if (!itemIds.length || !hasTable(db, 'item_verdicts')) return out;
  const stmt = db.prepare('SELECT verdict, comment FROM item_verdicts WHERE item_id = ?');
  for (const id of itemIds) {
    const r = stmt.get(id) as { verdict: 'confirmed' | 'unfounded'; comment: string | null } | undefined;
    if (r) out.set(id, r);
  }
  return out;
}

/** Analysts' notes by item, oldest first (migration 003's item_notes). */
export function readNotes(db: Db, itemIds: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (!itemIds.length || !hasTable(db, 'item_notes')) return out;
  const stmt = db.prepare('SELECT text FROM item_notes WHERE item_id = ? ORDER BY created_at, id');
  for (const id of itemIds) {
    const r = (stmt.all(id) as Array<{ text: string }>).map((x) => x.text);
    if (r.length) out.set(id, r);
  }
  return out;
}

/** Fact-check items (source type 'factcheck') per story among `storyIds`. */
export function readFactChecks(
  db: Db,
  storyIds: readonly number[],
): Map<number, { title: string; link: string | null }> {
  const out = new Map<number, { title: string; link: string | null }>();
  const stmt = db.prepare(`SELECT i.title, i.link FROM items i JOIN sources s ON s.id = i.source_id
    WHERE i.story_id = ? AND s.type = 'factcheck' ORDER BY COALESCE(i.published, i.fetched_at) DESC LIMIT 1`);
  for (const id of storyIds) {
    const r = stmt.get(id) as { title: string; link: string | null } | undefined;
    if (r) out.set(id, r);
  }
  return out;
}

/** Alerts decided in [from, to), or null when the alerts table is absent. */
export function countAlerts(db: Db, from: string, to: string): number | null {
  if (!hasTable(db, 'alerts')) return null;
  return (
    db.prepare('SELECT COUNT(*) AS n FROM alerts WHERE created_at >= ? AND created_at < ?').get(from, to) as {
      n: number;
    }
  ).n;
}

/** A source with its health and its item count in the period. */
export interface SourceHealthDbRow {
  name: string;
  type: SourceType;
  url: string;
  siteUrl: string | null;
  enabled: number;
  errorCount: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  lastSuccessAt: string | null;
  pausedReason: string | null;
  items: number;
}

/** Every source with its health and the items it carried in [from, to). */
export function readSourcesHealth(db: Db, from: string, to: string): SourceHealthDbRow[] {
  return db
    .prepare(
      `
    SELECT s.name, s.type, s.url, s.site_url AS siteUrl, s.enabled, s.error_count AS errorCount, s.last_error_code AS lastErrorCode,
           s.last_error_message AS lastErrorMessage, s.last_success_at AS lastSuccessAt, s.paused_reason AS pausedReason,
           (SELECT COUNT(*) FROM items i WHERE i.source_id = s.id AND COALESCE(i.published, i.fetched_at) >= ? AND COALESCE(i.published, i.fetched_at) < ?) AS items
    FROM sources s ORDER BY s.type, s.name`,
    )
    .all(from, to) as SourceHealthDbRow[];
}

/** A saved brief draft. */
export interface BriefDraft {
  id: number;
  from: string;
  to: string;
  /** Keys ("story:12", "item:34") in the analyst's order. */
  order: string[];
  /** Keys removed from the brief. */
  removed: string[];
  analysis: string | null;
  options: Record<string, unknown>;
  author: string;
  updatedAt: string;
}

interface DraftDbRow {
  id: number;
  period_from: string;
  period_to: string;
  item_order: string;
  removed: string;
  analysis: string | null;
  options: string;
  author: string;
  updated_at: string;
}

function toDraft(r: DraftDbRow): BriefDraft {
  return {
    id: r.id,
    from: r.period_from,
    to: r.period_to,
    order: JSON.parse(r.item_order) as string[],
    removed: JSON.parse(r.removed) as string[],
    analysis: r.analysis,
    options: JSON.parse(r.options) as Record<string, unknown>,
    author: r.author,
    updatedAt: r.updated_at,
  };
}

/** The draft with this id, or null. */
export function getDraft(db: Db, id: number): BriefDraft | null {
  const r = db.prepare('SELECT * FROM brief_drafts WHERE id = ?').get(id) as DraftDbRow | undefined;
  return r ? toDraft(r) : null;
}

/** The draft saved for exactly this period, or null. */
export function findDraft(db: Db, from: string, to: string): BriefDraft | null {
  const r = db.prepare('SELECT * FROM brief_drafts WHERE period_from = ? AND period_to = ?').get(from, to) as
    DraftDbRow | undefined;
  return r ? toDraft(r) : null;
}

/** Fields of a draft the analyst edits. */
export interface DraftInput {
  from: string;
  to: string;
  order?: string[];
  removed?: string[];
  analysis?: string | null;
  options?: Record<string, unknown>;
  author?: string;
}

/** Creates or updates the draft of a period (one per period); returns it. */
export function saveDraft(db: Db, d: DraftInput, now = new Date().toISOString()): BriefDraft {
  const prev = findDraft(db, d.from, d.to);
  const order = JSON.stringify(d.order ?? prev?.order ?? []);
  const removed = JSON.stringify(d.removed ?? prev?.removed ?? []);
  const analysis = d.analysis !== undefined ? d.analysis : (prev?.analysis ?? null);
  const options = JSON.stringify(d.options ?? prev?.options ?? {});
  const author = d.author ?? prev?.author ?? 'analyste';
  if (prev) {
    db.prepare(
      'UPDATE brief_drafts SET item_order=?, removed=?, analysis=?, options=?, author=?, updated_at=? WHERE id=?',
    ).run(order, removed, analysis, options, author, now, prev.id);
    return getDraft(db, prev.id)!;
  }
  const id = Number(
    db
      .prepare(
        'INSERT INTO brief_drafts (period_from, period_to, item_order, removed, analysis, options, author, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)',
      )
      .run(d.from, d.to, order, removed, analysis, options, author, now, now).lastInsertRowid,
  );
  return getDraft(db, id)!;
}

/** A generated file as logged. */
export interface BriefFileLog {
  draftId: number | null;
  from: string;
  to: string;
  format: string;
  path: string | null;
  bytes: number;
  durationMs: number;
  trigger: 'manual' | 'cli' | 'schedule';
}

/** Records a generated file. */
export function logBriefFile(db: Db, f: BriefFileLog, now = new Date().toISOString()): number {
  return Number(
    db
      .prepare(
        'INSERT INTO brief_files (draft_id, period_from, period_to, format, path, bytes, duration_ms, trigger, created_at) VALUES (?,?,?,?,?,?,?,?,?)',
      )
      .run(f.draftId, f.from, f.to, f.format, f.path, f.bytes, f.durationMs, f.trigger, now).lastInsertRowid,
  );
}

/** True when the daily schedule already wrote a brief for the period ending at `periodTo` (ISO). */
export function hasScheduledBrief(db: Db, periodTo: string): boolean {
  return !!db.prepare("SELECT 1 FROM brief_files WHERE trigger = 'schedule' AND period_to = ? LIMIT 1").get(periodTo);
}

/** The latest generated files, newest first. */
export function listBriefFiles(db: Db, limit = 50): Array<BriefFileLog & { id: number; createdAt: string }> {
  return db
    .prepare(
      `SELECT id, draft_id AS draftId, period_from AS "from", period_to AS "to", format, path, bytes, duration_ms AS durationMs, trigger, created_at AS createdAt
    FROM brief_files ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as Array<BriefFileLog & { id: number; createdAt: string }>;
}

/** Titles of brief entry keys (story:N → the story, group:N and item:N → the item), for removed entries the brief no longer shows. */
export function readKeyTitles(db: Db, keys: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const item = db.prepare('SELECT title FROM items WHERE id = ?');
  const story = hasTable(db, 'stories') ? db.prepare('SELECT title FROM stories WHERE id = ?') : null;
  for (const key of keys) {
    const [kind, n] = key.split(':');
    const r = (kind === 'story' ? story?.get(Number(n)) : item.get(Number(n))) as { title: string } | undefined;
    if (r) out.set(key, r.title);
  }
  return out;
}
