/**
 * Runs refreshes: `refreshAll` for one pass (`vigie fetch --once`), `startScheduler` for the
 * daemon (`vigie run`, the Electron engine worker). Both read due sources from the database
 * (health is data), run them through the pool (global + per-host caps) and never let one
 * source's failure escape. Stopping drains the refreshes in flight instead of cutting them.
 */
import { FETCH_DEFAULTS } from '../../../shared/defaults';
import type { Db } from '../db/open';
import { dueSources, getSource, listSources, nextDueAt, type SchedulableSource } from '../db/sources-store';
import { createPool, hostKey } from './pool';
import { refreshFeed, type RefreshOptions, type RefreshResult } from './refresh-feed';

/** Progress after each source of a pass. */
export interface RefreshProgress {
  done: number;
  total: number;
  result: RefreshResult;
}

/** Options shared by refreshAll and startScheduler; all optional. */
export interface RefreshRunOptions extends Omit<RefreshOptions, 'signal'> {
  /** Requests at once overall. Default FETCH_DEFAULTS.concurrency (8). */
  concurrency?: number;
  /** Requests at once per host. Default FETCH_DEFAULTS.perHostConcurrency (2). */
  perHost?: number;
  /** Called after each source. */
  onProgress?: (p: RefreshProgress) => void;
  /** Cancels the pass: queued sources are skipped, fetches in flight end as `aborted`. */
  signal?: AbortSignal;
}

/** Options of refreshAll. */
export interface RefreshAllOptions extends RefreshRunOptions {
  /** Every enabled source, due or not. Default false (due only). */
  all?: boolean;
  /** Only these source ids (enabled or not). Default: every due source. */
  sourceIds?: number[];
  /** Called once the list is known, before any fetch. */
  onStart?: (total: number) => void;
}

/** Summary of a pass (the `fetch --once` JSON line). */
export interface RefreshSummary {
  sources: number;
  ok: number;
  notModified: number;
  errors: number;
  aborted: number;
  /** Sources paused automatically during this pass. */
  paused: number;
  items: number;
  new: number;
  durationMs: number;
  results: RefreshResult[];
}

/** Adds a result to a running summary. */
function tally(s: RefreshSummary, r: RefreshResult): void {
  s.results.push(r);
  if (r.status === 'ok') s.ok++;
  else if (r.status === 'not-modified') s.notModified++;
  else if (r.status === 'aborted') s.aborted++;
  else s.errors++;
  if (r.paused) s.paused++;
  s.items += r.items;
  s.new += r.new;
}

/** Refreshes due (or all, or chosen) sources once, concurrently, and returns the summary. */
export async function refreshAll(db: Db, opts: RefreshAllOptions = {}): Promise<RefreshSummary> {
  const t0 = Date.now();
  const now = (opts.now ?? (() => new Date()))();
  let sources: SchedulableSource[];
  if (opts.sourceIds)
    sources = opts.sourceIds.map((id) => getSource(db, id)).filter((s): s is SchedulableSource => !!s);
  else if (opts.all) sources = listSources(db, { enabled: true });
  else sources = dueSources(db, now, 100_000);
  opts.onStart?.(sources.length);
  const summary: RefreshSummary = {
    sources: sources.length,
    ok: 0,
    notModified: 0,
    errors: 0,
    aborted: 0,
    paused: 0,
    items: 0,
    new: 0,
    durationMs: 0,
    results: [],
  };
  const pool = createPool({
    concurrency: opts.concurrency ?? FETCH_DEFAULTS.concurrency,
    perKey: opts.perHost ?? FETCH_DEFAULTS.perHostConcurrency,
  });
  await Promise.all(
    sources.map((source) =>
      pool.run(hostKey(source.url), async () => {
        const result = opts.signal?.aborted
          ? abortedResult(source)
          : await refreshFeed(db, source, { ...opts, signal: opts.signal });
        tally(summary, result);
        opts.onProgress?.({ done: summary.results.length, total: sources.length, result });
      }),
    ),
  );
  summary.durationMs = Date.now() - t0;
  return summary;
}

function abortedResult(source: SchedulableSource): RefreshResult {
  return {
    sourceId: source.id,
    sourceName: source.name,
    url: source.url,
    status: 'aborted',
    items: 0,
    new: 0,
    newIds: [],
    durationMs: 0,
    nextCheckAt: null,
    error: { code: 'fetch.aborted', message: 'scheduler stopping' },
  };
}

/** Options of startScheduler. */
export interface SchedulerOptions extends RefreshRunOptions {
  /** Longest sleep between two looks at the database, ms (new sources, resumed ones). Default 30 s. */
  maxSleepMs?: number;
  /** Shortest sleep between two looks, ms. Default 250. */
  minSleepMs?: number;
  /** Called when a source starts refreshing. */
  onStart?: (source: SchedulableSource) => void;
  /** Called after each refresh (same as onProgress, with running counters). */
  onResult?: (result: RefreshResult) => void;
  /** Called with unexpected internal errors of the loop itself (the loop keeps going). */
  onError?: (err: unknown) => void;
}

/** A running scheduler. */
export interface Scheduler {
  /** Looks at the database now (after adding or resuming a source) instead of at the next tick. */
  wake(): void;
  /**
   * Stops polling, drops queued sources, and waits for the refreshes in flight to finish.
   * With `graceMs`, fetches still running after that delay are aborted (recorded as nothing).
   */
  stop(opts?: { graceMs?: number }): Promise<void>;
  /** Refreshes running now. */
  readonly inFlight: number;
  /** Refreshes completed since start. */
  readonly completed: number;
}

/** Starts the polling loop: refreshes each source when its next check comes due. */
export function startScheduler(db: Db, opts: SchedulerOptions = {}): Scheduler {
  const now = opts.now ?? (() => new Date());
  const maxSleep = opts.maxSleepMs ?? 30_000;
  const minSleep = opts.minSleepMs ?? 250;
  const pool = createPool({
    concurrency: opts.concurrency ?? FETCH_DEFAULTS.concurrency,
    perKey: opts.perHost ?? FETCH_DEFAULTS.perHostConcurrency,
  });
  const abort = new AbortController();
  if (opts.signal) opts.signal.addEventListener('abort', () => abort.abort(), { once: true });
  const inFlight = new Set<number>();
  let completed = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, Math.max(minSleep, Math.min(maxSleep, ms)));
  };

  const runOne = (source: SchedulableSource) => {
    inFlight.add(source.id);
    opts.onStart?.(source);
    pool
      .run(hostKey(source.url), () => refreshFeed(db, source, { ...opts, signal: abort.signal }))
      .then(
        (result) => {
          completed++;
          opts.onResult?.(result);
          opts.onProgress?.({ done: completed, total: completed + inFlight.size - 1 + pool.queued, result });
        },
        (err) => {
          if (!stopped) opts.onError?.(err);
        },
      )
      .finally(() => {
        inFlight.delete(source.id);
        // A slot freed: maybe more sources are due than the pool took last time.
        if (!stopped) schedule(0);
      });
  };

  function tick() {
    timer = null;
    if (stopped) return;
    try {
      const at = now();
      // Take only what the pool can start soon, so a stop has little queued work to drop.
      const room = Math.max(0, (opts.concurrency ?? FETCH_DEFAULTS.concurrency) * 2 - inFlight.size);
      if (room > 0) {
        const due = dueSources(db, at, room + inFlight.size)
          .filter((s) => !inFlight.has(s.id))
          .slice(0, room);
        for (const s of due) runOne(s);
      }
      const next = nextDueAt(db);
      schedule(next === null ? maxSleep : Date.parse(next) - at.getTime());
    } catch (err) {
      opts.onError?.(err);
      schedule(maxSleep);
    }
  }

  schedule(0);
  return {
    wake: () => schedule(0),
    async stop(stopOpts = {}) {
      if (stopped) return pool.onIdle();
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pool.clear(new Error('scheduler stopped'));
      let grace: NodeJS.Timeout | null = null;
      if (stopOpts.graceMs !== undefined) grace = setTimeout(() => abort.abort(), stopOpts.graceMs);
      await pool.onIdle();
      if (grace) clearTimeout(grace);
    },
    get inFlight() {
      return inFlight.size;
    },
    get completed() {
      return completed;
    },
  };
}
