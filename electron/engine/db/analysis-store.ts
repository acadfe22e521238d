/** Analysis persistence: stories, item scores, tones toward targets, reliability list, verdicts read. All SQL here. */
import type Database from 'better-sqlite3';
import type { Db } from './open';
import { parseJsonColumn } from './json-column';
import type { Reason } from '../../../shared/types/domain';
import type { Engagement } from '../../../shared/types/feed';
import type { Rating, ReliabilityList } from '../analysis/reliability';
import type { WatchedTarget } from '../analysis/lexicons/targets';

/** An item as the analysis pipeline reads it. */
export interface AnalysisItemRow {
  id: number;
  title: string;
  summary: string | null;
  contentText: string | null;
  link: string | null;
  published: string | null;
  fetchedAt: string;
  engagement: Engagement | null;
  sourceId: number;
  sourceName: string;
  sourceType: string;
  reach: number;
  storyId: number | null;
  /** Address of the source's feed (its site is the outlet). */
  sourceUrl: string;
  /** Sources (feeds) that carried the item when it arrived, comma-separated ids. */
  feedIds: string | null;
}

const STATEMENTS = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepared statement cache per connection (preparing costs more than running on the ingest path). */
export function stmt(db: Db, sql: string): Database.Statement {
  let m = STATEMENTS.get(db);
  if (!m) STATEMENTS.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}

const ITEM_COLUMNS = `i.id, i.title, i.summary, i.content_text AS contentText, i.link, i.published, i.fetched_at AS fetchedAt,
  i.engagement, i.source_id AS sourceId, s.name AS sourceName, s.type AS sourceType, s.reach_weight AS reach, i.story_id AS storyId, s.url AS sourceUrl,
  (SELECT group_concat(x.source_id) FROM item_sources x WHERE x.item_id = i.id AND x.first_seen_at <= i.fetched_at) AS feedIds`;

/** The row with its engagement parsed (in place: the row object is ours, and a copy per item costs on the ingest path). */
function toRow(r: Record<string, unknown>): AnalysisItemRow {
  r.engagement = typeof r.engagement === 'string' ? parseJsonColumn<Engagement | null>(r.engagement, null) : null;
  return r as unknown as AnalysisItemRow;
}

const BY_IDS = `SELECT ${ITEM_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id IN (SELECT value FROM json_each(?))`;
const BY_RANGE = `SELECT ${ITEM_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id BETWEEN ? AND ? ORDER BY i.id`;

/** True when ids are consecutive integers in ascending order (a freshly inserted batch). */
function isRun(ids: readonly number[]): boolean {
  for (let k = 1; k < ids.length; k++) if (ids[k] !== ids[0]! + k) return false;
  return Number.isInteger(ids[0]);
}

/** Reads items by id (any order), with their source's type and reach; rows come in id order. */
export function readItemsForAnalysis(db: Db, ids: readonly number[]): AnalysisItemRow[] {
  const out: AnalysisItemRow[] = [];
  // A new batch is a run of ids: a range read spares the JSON list and its lookup table.
  if (ids.length && isRun(ids)) {
    for (const r of stmt(db, BY_RANGE).all(ids[0], ids[ids.length - 1])) out.push(toRow(r as Record<string, unknown>));
    return out;
  }
  const select = stmt(db, BY_IDS);
  for (let k = 0; k < ids.length; k += 2000)
    for (const r of select.all(JSON.stringify(ids.slice(k, k + 2000)))) out.push(toRow(r as Record<string, unknown>));
  return out;
}

/** Every source's address and title (virality tells front-page feeds from them). */
export function readSourceFeeds(db: Db): Array<{ id: number; url: string; name: string }> {
  return stmt(db, 'SELECT id, url, name FROM sources').all() as Array<{ id: number; url: string; name: string }>;
}

/** Items dated within (fromIso, toIso]: what the virality baselines count (outlet, story, date). */
export function readItemsDatedBetween(
  db: Db,
  fromIso: string,
  toIso: string,
): Array<{ link: string | null; sourceName: string; sourceType: string; storyId: number | null; date: string }> {
  return stmt(
    db,
    `SELECT s.url AS link, s.name AS sourceName, s.type AS sourceType, i.story_id AS storyId, COALESCE(i.published, i.fetched_at) AS date
     FROM items i JOIN sources s ON s.id = i.source_id WHERE COALESCE(i.published, i.fetched_at) > ? AND COALESCE(i.published, i.fetched_at) <= ?`,
  ).all(fromIso, toIso) as Array<{
    link: string | null;
    sourceName: string;
    sourceType: string;
    storyId: number | null;
    date: string;
  }>;
}

/** All item ids in arrival order, then publication order (for `vigie analyze`: a window holds everything that had arrived by its items' moments). */
export function allItemIdsByArrival(db: Db): number[] {
  return db
    .prepare('SELECT id FROM items ORDER BY fetched_at, COALESCE(published, fetched_at), id')
    .pluck()
    .all() as number[];
}

/** Reads the items of stories seen since `sinceIso` (to rebuild the in-memory story index). */
export function readRecentStoryItems(db: Db, sinceIso: string, limit = 50_000): AnalysisItemRow[] {
  return (
    db
      .prepare(
        `SELECT ${ITEM_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id
    WHERE i.story_id IN (SELECT id FROM stories WHERE last_seen >= ?) ORDER BY i.id DESC LIMIT ?`,
      )
      .all(sinceIso, limit) as Array<Record<string, unknown>>
  )
    .map(toRow)
    .reverse();
}

/** All item ids in publication order (for `vigie analyze`). */
export function allItemIdsByDate(db: Db): number[] {
  return db.prepare('SELECT id FROM items ORDER BY COALESCE(published, fetched_at), id').pluck().all() as number[];
}

/** Changes when items or stories were added (largest ids, both primary keys): re-clustering skips an unchanged window. */
export function windowMark(db: Db): string {
  const r = stmt(db, 'SELECT (SELECT MAX(id) FROM items) AS i, (SELECT MAX(id) FROM stories) AS s').get() as {
    i: number | null;
    s: number | null;
  };
  return `${r.i ?? 0}|${r.s ?? 0}`;
}

/** Latest item date stored (ISO), or null. */
export function latestStoryDate(db: Db): string | null {
  return (db.prepare('SELECT MAX(last_seen) FROM stories').pluck().get() as string | null) ?? null;
}

/** Story record fields written by the pipeline. */
export interface StoryRecord {
  id: number | null;
  title: string;
  keyTerms: string[];
  firstSeen: string;
  lastSeen: string;
  itemCount: number;
  sourceCount: number;
  sourceTypes: string[];
  /** Items per hour: a Map (the pipeline's own) or a plain record; stored as the same JSON object either way. */
  timeline: Record<string, number> | ReadonlyMap<string, number>;
  virality: number;
  controversy: number;
  infox: number;
  reasons: { virality: Reason[]; controversy: Reason[]; infox: Reason[] };
}

/** Inserts or updates a story; returns its id. */
export function saveStory(db: Db, s: StoryRecord, now: string): number {
  const values = [
    s.title,
    JSON.stringify(s.keyTerms),
    s.firstSeen,
    s.lastSeen,
    s.itemCount,
    s.sourceCount,
    JSON.stringify(s.sourceTypes),
    timelineJson(s.timeline),
    s.virality,
    s.controversy,
    s.infox,
    JSON.stringify(s.reasons),
    now,
  ];
  if (s.id == null) {
    return Number(
      stmt(
        db,
        `INSERT INTO stories (title, key_terms, first_seen, last_seen, item_count, source_count, source_types, timeline, virality, controversy, infox, reasons, updated_at)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      ).run(...values).lastInsertRowid,
    );
  }
  stmt(
    db,
    `UPDATE stories SET title=?, key_terms=?, first_seen=?, last_seen=?, item_count=?, source_count=?, source_types=?, timeline=?, virality=?, controversy=?, infox=?, reasons=?, updated_at=? WHERE id=?`,
  ).run(...values, s.id);
  return s.id;
}

const PLAIN_KEY = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
/** Each key's JSON prefix ('"key":'), or null for a key that takes the object route; hour keys recur in every batch. */
const KEY_JSON = new Map<string, string | null>();

function keyJson(k: string): string | null {
  let j = KEY_JSON.get(k);
  if (j !== undefined) return j;
  j = PLAIN_KEY.test(k) && !INDEX_KEY.test(k) ? `"${k}":` : null;
  if (KEY_JSON.size >= 50_000) KEY_JSON.clear();
  KEY_JSON.set(k, j);
  return j;
}

/**
 * JSON.stringify(Object.fromEntries(timeline)) without the intermediate object, three times
 * faster for the hour keys written on every batch; any key that JSON would escape, or that an
 * object would reorder (array indices), takes the object route.
 */
function timelineJson(timeline: Record<string, number> | ReadonlyMap<string, number>): string {
  if (!(timeline instanceof Map)) return JSON.stringify(timeline);
  let json = '{';
  for (const [k, v] of timeline) {
    const key = keyJson(k);
    if (key === null) return JSON.stringify(Object.fromEntries(timeline));
    json += (json.length > 1 ? ',' : '') + key + (Number.isFinite(v) ? String(v) : 'null');
  }
  return json + '}';
}

/** Item scores written by the pipeline. */
export interface ItemScores {
  id: number;
  storyId: number;
  virality: number;
  controversy: number;
  infox: number;
  reasons: { virality: Reason[]; controversy: Reason[]; infox: Reason[] };
  tones: Array<{ target: string; tone: number }>;
  at: string;
}

/** Writes item scores, story links and tones toward targets. */
export function saveItemScores(db: Db, rows: readonly ItemScores[], analysedAt: string): void {
  const upd = stmt(
    db,
    'UPDATE items SET story_id=?, virality=?, controversy=?, infox=?, reasons=?, analysed_at=? WHERE id=?',
  );
  const tone = stmt(db, 'INSERT OR REPLACE INTO item_tones (item_id, target, tone, at) VALUES (?,?,?,?)');
  for (const r of rows) {
    upd.run(r.storyId, r.virality, r.controversy, r.infox, JSON.stringify(r.reasons), analysedAt, r.id);
    for (const t of r.tones) tone.run(r.id, t.target, t.tone, r.at);
  }
}

/** Deletes every story and score (before a full `vigie analyze`). */
export function resetAnalysis(db: Db): void {
  db.exec(
    'UPDATE items SET story_id = NULL, virality = NULL, controversy = NULL, infox = NULL, reasons = NULL, analysed_at = NULL; DELETE FROM stories; DELETE FROM topics; DELETE FROM item_tones; DELETE FROM infox_pending_claims;',
  );
}

/** Moves items to a story (analyst merge/split); removes stories left empty. */
export function moveItems(db: Db, itemIds: readonly number[], storyId: number): void {
  db.prepare('UPDATE items SET story_id = ? WHERE id IN (SELECT value FROM json_each(?))').run(
    storyId,
    JSON.stringify(itemIds),
  );
  db.exec('DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM items WHERE story_id IS NOT NULL)');
}

/** Item ids of a story. */
export function storyItemIds(db: Db, storyId: number): number[] {
  return db.prepare('SELECT id FROM items WHERE story_id = ? ORDER BY id').pluck().all(storyId) as number[];
}

/** A story's stored row id, or undefined. */
export function storyExists(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM stories WHERE id = ?').get(id) !== undefined;
}

/**
 * Creates an empty story and returns its id: `id` when given (a rebuild keeping a story's id),
 * else the next id of the story counter, so an id is never handed to a second story.
 */
export function createEmptyStory(db: Db, title: string, at: string, id?: number): number {
  const storyId = id ?? nextStoryId(db);
  stmt(db, 'INSERT INTO stories (id, title, first_seen, last_seen, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    storyId,
    title,
    at,
    at,
    at,
  );
  return storyId;
}

/** Takes the next story id (migration 010's counter, kept above every id ever used). */
function nextStoryId(db: Db): number {
  const r = stmt(
    db,
    `UPDATE id_counters SET next = MAX(next, (SELECT COALESCE(MAX(id), 0) + 1 FROM stories)) + 1 WHERE name = 'stories' RETURNING next - 1 AS id`,
  ).get() as { id: number } | undefined;
  return r?.id ?? (stmt(db, 'SELECT COALESCE(MAX(id), 0) + 1 AS id FROM stories').get() as { id: number }).id;
}

/** Each item's story before a rebuild (item id → story id), so that the rebuild can keep the ids. */
export function readItemStories(db: Db): Map<number, number> {
  const rows = stmt(db, 'SELECT id, story_id AS storyId FROM items WHERE story_id IS NOT NULL').all() as Array<{
    id: number;
    storyId: number;
  }>;
  return new Map(rows.map((r) => [r.id, r.storyId]));
}

/** Replaces the reliability list. */
export function importReliability(db: Db, list: ReliabilityList): void {
  db.transaction(() => {
    db.exec('DELETE FROM reliability');
    const ins = db.prepare('INSERT INTO reliability (domain, rating) VALUES (?, ?)');
    for (const [d, r] of list) ins.run(d, r);
  })();
}

/** Reads the reliability list. */
export function readReliability(db: Db): ReliabilityList {
  return new Map(
    (db.prepare('SELECT domain, rating FROM reliability').all() as Array<{ domain: string; rating: Rating }>).map(
      (r) => [r.domain, r.rating],
    ),
  );
}

/** Analyst verdicts with the item text (for the learned model). */
export function readVerdicts(
  db: Db,
): Array<{ title: string; text: string | null; link: string | null; sourceType: string; confirmed: boolean }> {
  return (
    db
      .prepare(
        `SELECT i.title, COALESCE(i.summary, i.content_text) AS text, i.link, s.type AS sourceType, v.verdict FROM item_verdicts v
    JOIN items i ON i.id = v.item_id JOIN sources s ON s.id = i.source_id`,
      )
      .all() as Array<{ title: string; text: string | null; link: string | null; sourceType: string; verdict: string }>
  ).map((r) => ({
    title: r.title,
    text: r.text,
    link: r.link,
    sourceType: r.sourceType,
    confirmed: r.verdict === 'confirmed',
  }));
}

/** Number of verdicts (cheap change detector for the learned model). */
export function countVerdicts(db: Db): number {
  const has = stmt(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='item_verdicts'").get();
  return has ? (stmt(db, 'SELECT COUNT(*) FROM item_verdicts').pluck().get() as number) : 0;
}

/** Watched targets configured in settings (key `analysis.targets`), or null for defaults. */
export function readWatchedTargets(db: Db): WatchedTarget[] | null {
  const r = db.prepare("SELECT value FROM settings WHERE key = 'analysis.targets'").get() as
    { value: string } | undefined;
  return r ? parseJsonColumn<WatchedTarget[] | null>(r.value, null) : null;
}

/** One point of a tone trend. */
export interface TonePoint {
  bucket: string;
  tone: number;
  items: number;
}

/** Mean tone toward a target per hour or day between two ISO instants. */
export function toneTrend(
  db: Db,
  q: { target: string; from: string; to: string; bucket: 'hour' | 'day' },
): TonePoint[] {
  const len = q.bucket === 'hour' ? 13 : 10;
  return db
    .prepare(
      `SELECT substr(at, 1, ${len}) AS bucket, AVG(tone) AS tone, COUNT(*) AS items FROM item_tones
    WHERE target = ? AND at >= ? AND at < ? GROUP BY bucket ORDER BY bucket`,
    )
    .all(q.target, q.from, q.to) as TonePoint[];
}

/** Delay (hours) for an official source or trusted press to corroborate a claimed official document; setting `analysis.corroborationHours`, default 24. */
export function readCorroborationHours(db: Db): number {
  const r = stmt(db, "SELECT value FROM settings WHERE key = 'analysis.corroborationHours'").get() as
    { value: string } | undefined;
  const h = r ? Number(JSON.parse(r.value)) : NaN;
  return Number.isFinite(h) && h > 0 ? h : 24;
}

/** An item's stored reasons, or null. */
export function readItemInfoxReasons(
  db: Db,
  id: number,
): { virality: Reason[]; controversy: Reason[]; infox: Reason[] } | null {
  const r = stmt(db, 'SELECT reasons FROM items WHERE id = ?').get(id) as { reasons: string | null } | undefined;
  return r?.reasons ? (JSON.parse(r.reasons) as { virality: Reason[]; controversy: Reason[]; infox: Reason[] }) : null;
}

/** Rewrites an item's infox score and reasons (after a later corroboration). */
export function updateItemInfox(
  db: Db,
  id: number,
  infox: number,
  reasons: { virality: Reason[]; controversy: Reason[]; infox: Reason[] },
): void {
  stmt(db, 'UPDATE items SET infox = ?, reasons = ? WHERE id = ?').run(infox, JSON.stringify(reasons), id);
}

/** A claim of an official document awaiting corroboration (infox_pending_claims row). */
export interface PendingClaim {
  itemId: number;
  document: string;
  claimedAt: string;
  deadline: string;
}

/** Registers (or re-registers) a pending claim. */
export function addPendingClaim(db: Db, c: PendingClaim): void {
  stmt(
    db,
    'INSERT OR REPLACE INTO infox_pending_claims (item_id, document, claimed_at, deadline) VALUES (?,?,?,?)',
  ).run(c.itemId, c.document, c.claimedAt, c.deadline);
}

/** Forgets a pending claim (corroborated or flagged). */
export function removePendingClaim(db: Db, itemId: number): void {
  stmt(db, 'DELETE FROM infox_pending_claims WHERE item_id = ?').run(itemId);
}

/** Claims whose deadline is at or before `nowIso`, oldest deadline first (reads the deadline index only). */
export function dueClaims(db: Db, nowIso: string, limit: number): PendingClaim[] {
  return stmt(
    db,
    `SELECT item_id AS itemId, document, claimed_at AS claimedAt, deadline FROM infox_pending_claims
    WHERE deadline <= ? ORDER BY deadline LIMIT ?`,
  ).all(nowIso, limit) as PendingClaim[];
}

/** True when another item of the claim's story, from one of `sourceTypes`, is dated at or before `untilIso`. */
export function hasTrustedEcho(db: Db, itemId: number, untilIso: string, sourceTypes: readonly string[]): boolean {
  return (
    stmt(
      db,
      `SELECT 1 FROM items c JOIN items e ON e.story_id = c.story_id AND e.id <> c.id JOIN sources s ON s.id = e.source_id
    WHERE c.id = ? AND s.type IN (SELECT value FROM json_each(?)) AND COALESCE(e.published, e.fetched_at) <= ? LIMIT 1`,
    ).get(itemId, JSON.stringify(sourceTypes), untilIso) !== undefined
  );
}

/** An item's story id and title, or null when the item is gone. */
export function readItemStory(db: Db, id: number): { storyId: number | null; title: string } | null {
  return (
    (stmt(db, 'SELECT story_id AS storyId, title FROM items WHERE id = ?').get(id) as
      { storyId: number | null; title: string } | undefined) ?? null
  );
}

/** The story's most suspicious item (highest infox), with its reasons, or null. */
export function topInfoxItem(db: Db, storyId: number): { title: string; infox: number; reasons: string | null } | null {
  return (
    (stmt(
      db,
      'SELECT title, infox, reasons FROM items WHERE story_id = ? AND infox IS NOT NULL ORDER BY infox DESC, id LIMIT 1',
    ).get(storyId) as { title: string; infox: number; reasons: string | null } | undefined) ?? null
  );
}

/** Rewrites a story's infox score and infox reasons, keeping its other reasons. */
export function updateStoryInfox(db: Db, storyId: number, infox: number, reasons: Reason[], now: string): void {
  const r = stmt(db, 'SELECT reasons FROM stories WHERE id = ?').get(storyId) as { reasons: string | null } | undefined;
  if (!r) return;
  const all = parseJsonColumn<Record<string, unknown>>(r.reasons, {});
  stmt(db, 'UPDATE stories SET infox = ?, reasons = ?, updated_at = ? WHERE id = ?').run(
    infox,
    JSON.stringify({ ...all, infox: reasons }),
    now,
    storyId,
  );
}

/** Ids above `afterId` of stored items not analysed yet (a crash between commit and analysis, `--no-analyze`), oldest first. */
export function readUnanalysedIds(db: Db, limit: number, afterId = 0): number[] {
  return (
    stmt(db, 'SELECT id FROM items WHERE analysed_at IS NULL AND id > ? ORDER BY id LIMIT ?').all(
      afterId,
      limit,
    ) as Array<{ id: number }>
  ).map((r) => r.id);
}

/** How many stored items are not analysed yet. */
export function countUnanalysed(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM items WHERE analysed_at IS NULL').get() as { n: number }).n;
}
