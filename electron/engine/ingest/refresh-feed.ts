/**
 * THE orchestrator for one source (Miniflux `RefreshFeed`): conditional fetch → parse → store →
 * record health and the next check. It never throws: every failure becomes data on the source
 * (code, message, backoff) and in the returned RefreshResult, so one dead feed stops nobody.
 */
import { AppError, serializeError, type SerializedError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { recordFailure, recordNotModified, recordSuccess, type SchedulableSource } from '../db/sources-store';
import { fetchFeed, type FetchFeedOptions } from './fetcher';
import { computeNextCheck, estimateItemsPerDay, type NextCheckPolicy } from './next-check';
import { sharedParsePool, type ParsePool } from './parse-pool';
import { storePreparedItems } from './store-feed';

/** What happened to one source. */
export interface RefreshResult {
  sourceId: number;
  sourceName: string;
  url: string;
  /** `aborted` = cancelled by a stopping scheduler (nothing recorded, still due). */
  status: 'ok' | 'not-modified' | 'error' | 'aborted';
  /** Item occurrences in the feed (0 unless ok). */
  items: number;
  /** Items created. */
  new: number;
  /** Ids of the items created. */
  newIds: number[];
  durationMs: number;
  /** Next check recorded on the source (ISO), null when aborted. */
  nextCheckAt: string | null;
  /** The failure, when status is `error` or `aborted`. */
  error?: SerializedError;
  /** True when this failure paused the source automatically. */
  paused?: boolean;
  /**
   * Where the feed moved for good (301/308 chain). Like Miniflux we keep polling the configured
   * URL (a hijacked redirect must not rewrite the source list) and let the analyst decide.
   */
  movedTo?: string;
}

/** Options of refreshFeed; all optional. */
export interface RefreshOptions {
  /** Fetch limits (timeout, byte cap, redirects, user agent). Defaults: FETCH_DEFAULTS. */
  fetch?: Pick<FetchFeedOptions, 'timeoutMs' | 'maxBytes' | 'maxRedirects' | 'userAgent'>;
  /** Cancels the fetch (scheduler stop). */
  signal?: AbortSignal;
  /** Scheduling policy overrides (tests). Default: SCHEDULER_DEFAULTS. */
  policy?: NextCheckPolicy;
  /** Failures in a row before auto-pause. Default SCHEDULER_DEFAULTS.pauseAfterErrors. */
  pauseAfterErrors?: number;
  /** Ignore stored ETag/Last-Modified (force a full download). Default false. */
  unconditional?: boolean;
  /** Skip analysis of the new items (the caller analyses in one batch). Default false. */
  skipAnalysis?: boolean;
  /** Clock (tests). Default `() => new Date()`. */
  now?: () => Date;
  /** Where feeds are parsed. Default the process's shared parse pool. */
  parsePool?: ParsePool;
}

/** Refreshes one source and records its health; resolves a RefreshResult, never rejects. */
export async function refreshFeed(
  db: Db,
  source: SchedulableSource,
  opts: RefreshOptions = {},
): Promise<RefreshResult> {
  const now = opts.now ?? (() => new Date());
  const t0 = Date.now();
  const base = {
    sourceId: source.id,
    sourceName: source.name,
    url: source.url,
    items: 0,
    new: 0,
    newIds: [] as number[],
  };
  const done = (r: Omit<RefreshResult, keyof typeof base | 'durationMs'> & Partial<typeof base>): RefreshResult => ({
    ...base,
    ...r,
    durationMs: Date.now() - t0,
  });
  try {
    const res = await fetchFeed(source.url, {
      ...opts.fetch,
      etag: opts.unconditional ? null : source.health.etag,
      lastModified: opts.unconditional ? null : source.health.lastModified,
      signal: opts.signal,
    });
    const at = now();
    if (res.status === 'not-modified') {
      // A 304 costs nothing and proves the feed is alive: health stays good, validators kept.
      const next = computeNextCheck(
        source,
        { kind: 'not-modified', maxAgeSec: res.maxAgeSec, expires: res.expires },
        at,
        opts.policy,
      );
      recordNotModified(db, source.id, { nextCheckAt: next, at });
      return done({
        status: 'not-modified',
        nextCheckAt: next.toISOString(),
        ...(res.permanentRedirect ? { movedTo: res.finalUrl } : {}),
      });
    }
    // Parsed and prepared in the parse pool (time budget): never on this thread, which commits.
    const { feed, prepared } = await (opts.parsePool ?? sharedParsePool()).parseBytes(res.body, {
      contentType: res.contentType,
      fetchedAt: at,
      baseUrl: res.finalUrl,
      contentLocation: res.contentLocation,
      contentLanguage: res.contentLanguage,
      affinity: source.url,
    });
    const stored = storePreparedItems(db, source, feed, prepared, {
      fetchedAt: at,
      language: source.language,
      skipAnalysis: opts.skipAnalysis,
    });
    const itemsPerDay = estimateItemsPerDay(
      prepared.map((i) => i.published),
      at,
    );
    const ttlMinutes = feed.ttlMinutes ?? null;
    const next = computeNextCheck(
      { ...source, itemsPerDay: itemsPerDay ?? source.itemsPerDay, ttlMinutes },
      { kind: 'ok', maxAgeSec: res.maxAgeSec, expires: res.expires },
      at,
      opts.policy,
    );
    recordSuccess(db, source.id, {
      etag: res.etag,
      lastModified: res.lastModified,
      nextCheckAt: next,
      ttlMinutes,
      itemsPerDay,
      siteUrl: feed.link,
      at,
    });
    return done({
      status: 'ok',
      items: stored.items,
      new: stored.new,
      newIds: stored.newIds,
      nextCheckAt: next.toISOString(),
      ...(res.permanentRedirect ? { movedTo: res.finalUrl } : {}),
    });
  } catch (err) {
    const error = serializeError(err);
    if (error.code === 'fetch.aborted') return done({ status: 'aborted', nextCheckAt: null, error });
    const at = now();
    const retryAfterSec =
      err instanceof AppError && typeof err.context.retryAfterSec === 'number' ? err.context.retryAfterSec : null;
    const errorCount = source.health.errorCount + 1;
    const next = computeNextCheck(source, { kind: 'error', errorCount, retryAfterSec }, at, opts.policy);
    try {
      const { paused } = recordFailure(db, source.id, {
        code: error.code,
        message: error.message,
        nextCheckAt: next,
        at,
        pauseAfterErrors: opts.pauseAfterErrors,
      });
      return done({ status: 'error', nextCheckAt: next.toISOString(), error, paused });
    } catch (dbErr) {
      // The database itself failed (busy, closed): report both, still without throwing.
      return done({
        status: 'error',
        nextCheckAt: null,
        error: { ...error, context: { ...error.context, recordError: serializeError(dbErr).message } },
      });
    }
  }
}
