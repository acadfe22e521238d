/**
 * Every feed is parsed here, in worker threads, never on the thread that commits and serves the
 * UI (scheduler, `vigie serve`, `vigie parse`, ingest-files, the app's engine worker). Each job
 * has a wall-time budget and each worker a heap cap: a hostile feed that still stalls the parser
 * past the nesting limits gets its worker killed and replaced, and comes back as
 * `parse.too_complex`, which the caller records like any parse failure (feed health, backoff).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PARSE_LIMITS } from '../../../shared/defaults';
import { AppError, serializeError, type SerializedError } from '../../../shared/errors';
import type { Feed } from '../../../shared/types/feed';
import { WireDecoder, type WireItem } from './prepared-wire';
import type { PreparedItem } from './process-items';
import type { FeedFilePath, ParsedFile, ReadOptions } from './read-feed-file';

/** A job as posted to a worker. */
export type WorkerJob =
  | { id: number; kind: 'file'; file: FeedFilePath; options: ReadOptions }
  | {
      id: number;
      kind: 'bytes';
      bytes: Uint8Array;
      contentType: string | null;
      baseUrl: string | null;
      contentLocation: string | null;
      contentLanguage: string | null;
      /** ISO fetch time. */
      fetchedAt: string;
      /** Also run prepareItems (with language detection) in the worker. */
      prepare: boolean;
    };

/** A worker's answer: the result, with prepared items wire-encoded when there are some. */
export interface WorkerReply {
  id: number;
  result: ParsedFile;
  items?: WireItem[];
}

/** Options of createParsePool. */
export interface ParsePoolOptions {
  /** Worker threads. Default: CPUs − 1 (at least 1, at most 4). */
  workers?: number;
  /** Wall time per job, ms. Default PARSE_LIMITS.timeBudgetMs plus timeBudgetPerMbMs per MB of input. */
  budgetMs?: number;
  /** Heap cap per worker, MB. Default PARSE_LIMITS.workerHeapMb. */
  heapMb?: number;
}

/** Options of ParsePool.parseBytes. */
export interface ParseBytesOptions {
  contentType?: string | null;
  baseUrl?: string | null;
  /** HTTP Content-Location (a base before `baseUrl`, see parseFeed). */
  contentLocation?: string | null;
  /** HTTP Content-Language (the language when the feed names none). */
  contentLanguage?: string | null;
  fetchedAt: Date;
  /** Jobs with the same key go to the same worker (its item cache then serves the next poll). */
  affinity?: string;
}

/** A fetched feed parsed and prepared off-thread. */
export interface ParsedBody {
  /** The feed, without its items (they are in `prepared`). */
  feed: Feed;
  prepared: PreparedItem[];
}

/** Parser workers with a time budget per job. */
export interface ParsePool {
  /** Parses and prepares a fetched body; rejects with the parse AppError (`parse.too_complex` past the budget). */
  parseBytes(bytes: Uint8Array, opts: ParseBytesOptions): Promise<ParsedBody>;
  /** Parses a body into the full Feed (`vigie parse`); rejects like parseBytes. */
  parseFeed(bytes: Uint8Array, opts: ParseBytesOptions): Promise<Feed>;
  /** Reads and parses a file (see readAndParseFile); never rejects: errors come back as data. */
  parseFile(file: FeedFilePath, options?: ReadOptions): Promise<ParsedFile>;
  /** Stops the workers; jobs still queued fail with `internal`. */
  close(): Promise<void>;
  /** Worker threads. */
  readonly workers: number;
  /** Workers killed for overrunning the budget or their heap since start. */
  readonly killed: number;
}

interface Pending {
  job: WorkerJob;
  /** Wall-time budget of this job, ms (base + per MB of input). */
  budgetMs: number;
  resolve: (r: ParsedFile) => void;
  /** Starts of this job (a worker that died of something else than the job gets one retry). */
  attempts: number;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its modules (posted `ready`). */
  ready: boolean;
  decoder: WireDecoder;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
  queue: Pending[];
}

/** Starts one worker running parse-worker (through tsx's require hook when running from .ts sources). */
function startWorker(heapMb: number): Worker {
  const ext = path.extname(__filename);
  const script = path.join(__dirname, `parse-worker${ext}`);
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (ext === '.js') return new Worker(script, { resourceLimits });
  const tsx = require.resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(script)});`, {
    eval: true,
    execArgv: [],
    resourceLimits,
  });
}

const failure = (error: SerializedError): ParsedFile => ({ ok: false, error });

/** Creates a pool; workers start now and are replaced when killed. */
export function createParsePool(opts: ParsePoolOptions = {}): ParsePool {
  const count = Math.max(1, opts.workers ?? Math.min(4, Math.max(1, os.availableParallelism() - 1)));
  const budgetMs = opts.budgetMs ?? PARSE_LIMITS.timeBudgetMs;
  const perMbMs = PARSE_LIMITS.timeBudgetPerMbMs;
  const heapMb = opts.heapMb ?? PARSE_LIMITS.workerHeapMb;
  let nextId = 0;
  let killed = 0;
  let closed = false;
  const slots: Slot[] = [];

  const finish = (slot: Slot, result: ParsedFile) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const done = slot.current;
    slot.current = null;
    done?.resolve(result);
    pump(slot);
  };

  // A worker is replaced with a fresh decoder: the wire references it sent die with it.
  const replace = (slot: Slot) => {
    const old = slot.worker;
    old.removeAllListeners();
    void old.terminate();
    if (closed) return;
    slot.worker = startWorker(heapMb);
    slot.ready = false;
    slot.decoder = new WireDecoder();
    listen(slot);
  };

  const overrun = (slot: Slot, limit: 'time' | 'heap', jobBudgetMs = budgetMs) => {
    killed++;
    const message =
      limit === 'time'
        ? `feed still parsing after ${jobBudgetMs} ms (time budget)`
        : `feed parsing exceeded the ${heapMb} MB heap of its worker`;
    replace(slot);
    finish(slot, failure({ code: 'parse.too_complex', message, context: { limit, budgetMs: jobBudgetMs, heapMb } }));
  };

  const listen = (slot: Slot) => {
    const w = slot.worker;
    w.on('message', (m: WorkerReply | { ready: true }) => {
      if ('ready' in m) {
        slot.ready = true;
        pump(slot);
        return;
      }
      if (!slot.current || slot.current.job.id !== m.id) return;
      let result = m.result;
      if (m.items && result.ok) {
        try {
          result = { ...result, prepared: slot.decoder.decode(m.items, result.fetchedAt) };
        } catch (err) {
          result = failure(serializeError(err));
        }
      }
      finish(slot, result);
    });
    const died = (err: unknown) => {
      if (closed || slot.worker !== w) return;
      if ((err as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return overrun(slot, 'heap');
      const job = slot.current;
      replace(slot);
      if (!job) return;
      slot.current = null;
      if (slot.timer) clearTimeout(slot.timer);
      if (job.attempts < 2) slot.queue.unshift(job);
      else job.resolve(failure({ code: 'internal', message: `parser worker died: ${serializeError(err).message}` }));
      pump(slot);
    };
    w.on('error', died);
    w.on('exit', (code) => died(new Error(`exit ${code}`)));
    holdOpen(slot);
  };

  // A worker with work holds the process open; an idle pool must not keep a CLI process alive.
  const holdOpen = (slot: Slot) => {
    if (slot.current || slot.queue.length) slot.worker.ref();
    else slot.worker.unref();
  };

  function pump(slot: Slot): void {
    if (closed) return;
    holdOpen(slot);
    if (slot.current || !slot.ready) return;
    const next = slot.queue.shift();
    if (!next) {
      holdOpen(slot);
      return;
    }
    slot.current = next;
    next.attempts++;
    const jobBudget = next.budgetMs;
    slot.timer = setTimeout(() => overrun(slot, 'time', jobBudget), jobBudget);
    slot.worker.postMessage(next.job);
  }

  for (let i = 0; i < count; i++) {
    const slot: Slot = {
      worker: startWorker(heapMb),
      ready: false,
      decoder: new WireDecoder(),
      current: null,
      timer: null,
      queue: [],
    };
    listen(slot);
    slots.push(slot);
  }

  /** The slot for a job: by affinity key, else the least loaded. */
  const pick = (affinity?: string): Slot => {
    if (affinity) {
      let h = 0;
      for (let i = 0; i < affinity.length; i++) h = (h * 31 + affinity.charCodeAt(i)) | 0;
      return slots[Math.abs(h) % slots.length];
    }
    let best = slots[0];
    const load = (s: Slot) => s.queue.length + (s.current ? 1 : 0);
    for (const s of slots) if (load(s) < load(best)) best = s;
    return best;
  };

  const bytesJob = (bytes: Uint8Array, o: ParseBytesOptions, prepare: boolean): WorkerJob => ({
    id: nextId++,
    kind: 'bytes',
    bytes,
    contentType: o.contentType ?? null,
    baseUrl: o.baseUrl ?? null,
    contentLocation: o.contentLocation ?? null,
    contentLanguage: o.contentLanguage ?? null,
    fetchedAt: o.fetchedAt.toISOString(),
    prepare,
  });

  /** The budget of a job of `bytes` bytes: the base, plus the per-MB allowance (none when the pool's budget was set explicitly). */
  const budgetFor = (bytes: number) => budgetMs + (opts.budgetMs === undefined ? (bytes / 1_048_576) * perMbMs : 0);

  const submit = (job: WorkerJob, affinity?: string): Promise<ParsedFile> => {
    if (closed) return Promise.resolve(failure({ code: 'internal', message: 'parse pool closed' }));
    let size = 0;
    try {
      size =
        job.kind === 'bytes'
          ? job.bytes.byteLength
          : fs.statSync(typeof job.file === 'string' ? job.file : Buffer.from(job.file)).size;
    } catch {
      /* unreadable: the worker reports it */
    }
    return new Promise<ParsedFile>((resolve) => {
      const slot = pick(affinity);
      slot.queue.push({ job, resolve, attempts: 0, budgetMs: budgetFor(size) });
      pump(slot);
    });
  };

  return {
    workers: count,
    get killed() {
      return killed;
    },
    async parseBytes(bytes, o) {
      const r = await submit(bytesJob(bytes, o, true), o.affinity);
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.context ?? {});
      return { feed: r.feed, prepared: r.prepared ?? [] };
    },
    async parseFeed(bytes, o) {
      const r = await submit(bytesJob(bytes, o, false), o.affinity);
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.context ?? {});
      return r.feed;
    },
    parseFile(file, options = {}) {
      return submit({ id: nextId++, kind: 'file', file, options });
    },
    async close() {
      closed = true;
      for (const s of slots) {
        if (s.timer) clearTimeout(s.timer);
        const pending = [...(s.current ? [s.current] : []), ...s.queue.splice(0)];
        s.current = null;
        for (const p of pending) p.resolve(failure({ code: 'internal', message: 'parse pool closed' }));
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

let shared: ParsePool | null = null;

/** The process's pool, started on first use and kept (workers idle unref'd: they hold no process open). */
export function sharedParsePool(): ParsePool {
  if (!shared) shared = createParsePool();
  return shared;
}

/** Stops the process's pool (engine shutdown, tests). */
export async function closeSharedParsePool(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.close();
}
