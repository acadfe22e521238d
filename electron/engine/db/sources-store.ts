/** Sources and their feed health: every SQL statement on table `sources` lives here. */
import { AppError } from '../../../shared/errors';
import { REACH_BY_TYPE, SCHEDULER_DEFAULTS } from '../../../shared/defaults';
import { SOURCE_TYPES, type NewSource, type Source, type SourceType } from '../../../shared/types/domain';
import type { Db } from './open';

/** Raw row of table `sources`. */
interface SourceRow {
  id: number;
  name: string;
  url: string;
  site_url: string | null;
  type: SourceType;
  language: string | null;
  reach_weight: number;
  poll_interval_sec: number;
  priority: number;
  enabled: number;
  created_at: string;
  error_count: number;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: string | null;
  last_success_at: string | null;
  last_check_at: string | null;
  next_check_at: string | null;
  etag: string | null;
  last_modified: string | null;
  paused_reason: string | null;
  ttl_minutes: number | null;
  items_per_day: number | null;
}

/** A source plus the adaptive-scheduling inputs the scheduler reads (not part of the UI model). */
export interface SchedulableSource extends Source {
  /** RSS `ttl` (minutes) seen on the last successful fetch, or null. */
  ttlMinutes: number | null;
  /** Observed publication rate (items per day), or null before the first estimate. */
  itemsPerDay: number | null;
}

/** Fields an analyst may change on an existing source. */
export interface SourcePatch {
  name?: string;
  type?: SourceType;
  enabled?: boolean;
  priority?: boolean;
  language?: string | null;
  reachWeight?: number;
  pollIntervalSec?: number;
  siteUrl?: string | null;
  /** Reason recorded when an analyst pauses by hand (enabled=false); null clears it. */
  pausedReason?: string | null;
}

/** Maps a row to the domain model. */
function toSource(row: SourceRow): SchedulableSource {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    siteUrl: row.site_url,
    type: row.type,
    language: row.language,
    reachWeight: row.reach_weight,
    pollIntervalSec: row.poll_interval_sec,
    priority: row.priority === 1,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    health: {
      errorCount: row.error_count,
      lastErrorCode: row.last_error_code,
      lastErrorMessage: row.last_error_message,
      lastErrorAt: row.last_error_at,
      lastSuccessAt: row.last_success_at,
      lastCheckAt: row.last_check_at,
      nextCheckAt: row.next_check_at,
      etag: row.etag,
      lastModified: row.last_modified,
      pausedReason: row.paused_reason,
    },
    ttlMinutes: row.ttl_minutes,
    itemsPerDay: row.items_per_day,
  };
}

/** Throws `input.invalid` unless `type` is one of SOURCE_TYPES. */
export function assertSourceType(type: string): asserts type is SourceType {
  if (!(SOURCE_TYPES as readonly string[]).includes(type)) {
    throw new AppError('input.invalid', `unknown source type "${type}" (expected one of ${SOURCE_TYPES.join(', ')})`, {
      type,
    });
  }
}

/** Throws `fetch.invalid_url` unless `url` is an absolute http(s) URL. */
export function assertFeedUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('fetch.invalid_url', `not a valid URL: ${url}`, { url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('fetch.invalid_url', `only http(s) feeds are supported: ${url}`, { url });
  }
}

/**
 * Inserts a source. Defaults: reach weight from REACH_BY_TYPE, poll interval from
 * SCHEDULER_DEFAULTS (priority sources use the priority interval), enabled, due immediately.
 * Throws `db.constraint` when the URL is already monitored.
 */
export function addSource(db: Db, input: NewSource, now: Date = new Date()): SchedulableSource {
  assertSourceType(input.type);
  assertFeedUrl(input.url);
  const priority = input.priority ?? false;
  const poll =
    input.pollIntervalSec ?? (priority ? SCHEDULER_DEFAULTS.priorityIntervalSec : SCHEDULER_DEFAULTS.intervalSec);
  const existing = findSourceByUrl(db, input.url);
  if (existing)
    throw new AppError('db.constraint', `source already exists: ${input.url} (#${existing.id})`, {
      url: input.url,
      id: existing.id,
    });
  const info = db
    .prepare(
      `INSERT INTO sources (name, url, site_url, type, language, reach_weight, poll_interval_sec, priority, enabled, created_at, next_check_at)
     VALUES (@name, @url, @siteUrl, @type, @language, @reach, @poll, @priority, @enabled, @createdAt, NULL)`,
    )
    .run({
      name: input.name.trim() || input.url,
      url: input.url,
      siteUrl: input.siteUrl ?? null,
      type: input.type,
      language: input.language ?? null,
      reach: input.reachWeight ?? REACH_BY_TYPE[input.type],
      poll,
      priority: priority ? 1 : 0,
      enabled: input.enabled === false ? 0 : 1,
      createdAt: now.toISOString(),
    });
  return getSource(db, Number(info.lastInsertRowid))!;
}

/** Returns the source with this id, or undefined. */
export function getSource(db: Db, id: number): SchedulableSource | undefined {
  const row = db.prepare('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
  return row ? toSource(row) : undefined;
}

/** Returns the source whose feed URL is exactly `url`, or undefined. */
export function findSourceByUrl(db: Db, url: string): SchedulableSource | undefined {
  const row = db.prepare('SELECT * FROM sources WHERE url = ?').get(url) as SourceRow | undefined;
  return row ? toSource(row) : undefined;
}

/** Options for listSources. */
export interface ListSourcesOptions {
  /** Only enabled (true) or only disabled/paused (false) sources. Default: all. */
  enabled?: boolean;
  /** Only sources of this type. Default: all. */
  type?: SourceType;
}

/** Lists sources ordered by name (case-insensitive), then id. */
export function listSources(db: Db, opts: ListSourcesOptions = {}): SchedulableSource[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (opts.enabled !== undefined) {
    where.push('enabled = @enabled');
    params.enabled = opts.enabled ? 1 : 0;
  }
  if (opts.type) {
    where.push('type = @type');
    params.type = opts.type;
  }
  const sql = `SELECT * FROM sources ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY name COLLATE NOCASE, id`;
  return (db.prepare(sql).all(params) as SourceRow[]).map(toSource);
}

/** Deletes a source (its items go with it through ON DELETE CASCADE). Returns true if it existed. */
export function removeSource(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM sources WHERE id = ?').run(id).changes > 0;
}

/** Applies a patch; throws `db.not_found` for an unknown id. Re-enabling clears the pause reason. */
export function updateSource(db: Db, id: number, patch: SourcePatch): SchedulableSource {
  const current = getSource(db, id);
  if (!current) throw new AppError('db.not_found', `no source #${id}`, { id });
  if (patch.type !== undefined) assertSourceType(patch.type);
  const sets: string[] = [];
  const params: Record<string, unknown> = { id };
  const set = (col: string, key: string, value: unknown) => {
    sets.push(`${col} = @${key}`);
    params[key] = value;
  };
  if (patch.name !== undefined) set('name', 'name', patch.name);
  if (patch.type !== undefined) set('type', 'type', patch.type);
  if (patch.language !== undefined) set('language', 'language', patch.language);
  if (patch.reachWeight !== undefined) set('reach_weight', 'reach', patch.reachWeight);
  if (patch.pollIntervalSec !== undefined) set('poll_interval_sec', 'poll', patch.pollIntervalSec);
  if (patch.siteUrl !== undefined) set('site_url', 'siteUrl', patch.siteUrl);
  if (patch.priority !== undefined) set('priority', 'priority', patch.priority ? 1 : 0);
  if (patch.enabled !== undefined) {
    set('enabled', 'enabled', patch.enabled ? 1 : 0);
    // Enabling by hand is a resume: forget the automatic pause and the failure streak.
    if (patch.enabled) {
      sets.push('paused_reason = NULL', 'error_count = 0', 'next_check_at = NULL');
    } else if (patch.pausedReason !== undefined) set('paused_reason', 'paused', patch.pausedReason);
  } else if (patch.pausedReason !== undefined) set('paused_reason', 'paused', patch.pausedReason);
  if (sets.length) db.prepare(`UPDATE sources SET ${sets.join(', ')} WHERE id = @id`).run(params);
  return getSource(db, id)!;
}

/**
 * Enabled sources whose next check is due at `now` (never-checked first, then the most overdue),
 * at most `limit`.
 */
export function dueSources(db: Db, now: Date, limit = 1000): SchedulableSource[] {
  const rows = db
    .prepare(
      `SELECT * FROM sources WHERE enabled = 1 AND (next_check_at IS NULL OR next_check_at <= ?)
     ORDER BY next_check_at IS NOT NULL, next_check_at, priority DESC, id LIMIT ?`,
    )
    .all(now.toISOString(), limit) as SourceRow[];
  return rows.map(toSource);
}

/** The earliest next check among enabled sources (ISO), or null when none is scheduled. */
export function nextDueAt(db: Db): string | null {
  const row = db
    .prepare(
      `SELECT CASE WHEN SUM(next_check_at IS NULL) > 0 THEN '' ELSE MIN(next_check_at) END AS t FROM sources WHERE enabled = 1`,
    )
    .get() as { t: string | null };
  if (row.t === null) return null;
  return row.t === '' ? new Date(0).toISOString() : row.t;
}

/** Health fields written after a successful fetch (200). */
export interface SuccessRecord {
  etag: string | null;
  lastModified: string | null;
  nextCheckAt: Date;
  ttlMinutes?: number | null;
  itemsPerDay?: number | null;
  /** Site home page learned from the feed, stored only when the source has none. */
  siteUrl?: string | null;
  /** Time of the check. Default: now. */
  at?: Date;
}

/** Records a successful fetch: resets the failure streak and stores validators and scheduling hints. */
export function recordSuccess(db: Db, id: number, rec: SuccessRecord): void {
  const at = (rec.at ?? new Date()).toISOString();
  db.prepare(
    `UPDATE sources SET error_count = 0, last_error_code = NULL, last_error_message = NULL,
       last_success_at = @at, last_check_at = @at, next_check_at = @next, etag = @etag, last_modified = @lastModified,
       ttl_minutes = COALESCE(@ttl, ttl_minutes), items_per_day = COALESCE(@ipd, items_per_day),
       site_url = COALESCE(site_url, @siteUrl)
     WHERE id = @id`,
  ).run({
    id,
    at,
    next: rec.nextCheckAt.toISOString(),
    etag: rec.etag,
    lastModified: rec.lastModified,
    ttl: rec.ttlMinutes ?? null,
    ipd: rec.itemsPerDay ?? null,
    siteUrl: rec.siteUrl ?? null,
  });
}

/** Records a 304 Not Modified: the feed is healthy, validators are kept. */
export function recordNotModified(db: Db, id: number, rec: { nextCheckAt: Date; at?: Date }): void {
  const at = (rec.at ?? new Date()).toISOString();
  db.prepare(
    `UPDATE sources SET error_count = 0, last_error_code = NULL, last_error_message = NULL,
       last_success_at = @at, last_check_at = @at, next_check_at = @next WHERE id = @id`,
  ).run({ id, at, next: rec.nextCheckAt.toISOString() });
}

/** Health fields written after a failed fetch or parse. */
export interface FailureRecord {
  code: string;
  message: string;
  nextCheckAt: Date;
  /** Time of the check. Default: now. */
  at?: Date;
  /** Failures in a row before pausing. Default SCHEDULER_DEFAULTS.pauseAfterErrors. */
  pauseAfterErrors?: number;
}

/**
 * Records a failure: increments the streak and, once it reaches `pauseAfterErrors`, pauses the
 * source (enabled=0 with a reason) so a dead feed stops costing requests. Returns the new state.
 */
export function recordFailure(db: Db, id: number, rec: FailureRecord): { errorCount: number; paused: boolean } {
  const at = (rec.at ?? new Date()).toISOString();
  const limit = rec.pauseAfterErrors ?? SCHEDULER_DEFAULTS.pauseAfterErrors;
  return db.transaction(() => {
    db.prepare(
      `UPDATE sources SET error_count = error_count + 1, last_error_code = @code, last_error_message = @message,
         last_error_at = @at, last_check_at = @at, next_check_at = @next WHERE id = @id`,
    ).run({ id, code: rec.code, message: rec.message.slice(0, 500), at, next: rec.nextCheckAt.toISOString() });
    const row = db.prepare('SELECT error_count FROM sources WHERE id = ?').get(id) as
      { error_count: number } | undefined;
    const errorCount = row?.error_count ?? 0;
    const paused = errorCount >= limit;
    if (paused) {
      db.prepare('UPDATE sources SET enabled = 0, paused_reason = ? WHERE id = ?').run(
        `auto: ${errorCount} consecutive errors (last: ${rec.code})`,
        id,
      );
    }
    return { errorCount, paused };
  })();
}

/** Resumes a paused source: enables it, clears the reason and the failure streak, makes it due now. */
export function resumeSource(db: Db, id: number): SchedulableSource {
  return updateSource(db, id, { enabled: true });
}
