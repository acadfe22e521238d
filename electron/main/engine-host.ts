/**
 * Hosts the engine in a worker thread: calls by id with one Result each, events fanned out to
 * subscribers, and restart with exponential backoff when the worker dies (calls in flight then
 * resolve to an `internal` failure instead of hanging).
 */
import { Worker } from 'node:worker_threads';
import type { EventName, EventPayloads } from '../../shared/api/contract';
import { fail, type Result } from '../../shared/result';
import { isEngineMessage, type EngineRequest, type EngineWorkerData } from '../engine/protocol';

/** What the host needs from a worker (node:worker_threads' Worker; a fake in tests). */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  on(event: 'message', listener: (m: unknown) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

/** Options of EngineHost. */
export interface EngineHostOptions {
  /** Creates a worker (called on start and on every restart). */
  createWorker: () => WorkerLike;
  /** First restart delay, ms (doubles each time). Default 500. */
  backoffBaseMs?: number;
  /** Longest restart delay, ms. Default 30 000. */
  backoffMaxMs?: number;
  /** A worker alive this long resets the backoff, ms. Default 60 000. */
  stableAfterMs?: number;
  /** Diagnostics (stderr by default). */
  log?: (message: string) => void;
}

type Listener = (payload: unknown) => void;

/** The engine as main sees it. */
export class EngineHost {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private failures = 0;
  private startedAt = 0;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  /** Restarts since start (diagnostics, tests). */
  restarts = 0;
  private readonly o: Required<Omit<EngineHostOptions, 'createWorker'>> & Pick<EngineHostOptions, 'createWorker'>;

  constructor(options: EngineHostOptions) {
    this.o = {
      backoffBaseMs: 500,
      backoffMaxMs: 30_000,
      stableAfterMs: 60_000,
      log: (m) => process.stderr.write(`vigie: ${m}\n`),
      ...options,
    };
  }

  /** Starts the worker. */
  start(): this {
    this.stopping = false;
    this.spawn();
    return this;
  }

  /** Sends a call; resolves to the engine's Result (or an `internal` failure if the worker dies). */
  call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (this.stopping) return Promise.resolve(fail({ code: 'internal', message: 'engine stopped' }));
    const id = this.nextId++;
    return new Promise((resolve) => {
      // Between a crash and the restart: fail fast, the UI shows the error and may retry.
      if (!this.worker) {
        resolve(fail({ code: 'internal', message: 'engine restarting' }));
        return;
      }
      this.pending.set(id, resolve);
      try {
        this.worker.postMessage({ type: 'call', id, channel, input });
      } catch (err) {
        this.pending.delete(id);
        resolve(
          fail({
            code: 'internal',
            message: `engine unreachable: ${err instanceof Error ? err.message : String(err)}`,
          }),
        );
      }
    });
  }

  /** Subscribes to an engine event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    set.add(listener as Listener);
    return () => {
      set.delete(listener as Listener);
    };
  }

  /** Asks the worker to close the database, then terminates it. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const w = this.worker;
    this.worker = null;
    this.failPending('engine stopped');
    if (!w) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, graceMs);
      w.on('message', (m) => {
        if (isEngineMessage(m) && m.type === 'closed') {
          clearTimeout(t);
          resolve();
        }
      });
      w.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
      try {
        w.postMessage({ type: 'shutdown' });
      } catch {
        clearTimeout(t);
        resolve();
      }
    });
    await w.terminate().catch(() => 0);
  }

  private spawn(): void {
    const w = this.o.createWorker();
    this.worker = w;
    this.startedAt = Date.now();
    w.on('message', (m) => this.onMessage(m));
    w.on('error', (err) => this.o.log(`engine worker error: ${err.message}`));
    w.on('exit', (code) => this.onExit(w, code));
  }

  private onMessage(m: unknown): void {
    if (!isEngineMessage(m)) return;
    if (m.type === 'result') {
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m.result);
    } else if (m.type === 'event') {
      for (const l of this.listeners.get(m.event) ?? []) {
        try {
          l(m.payload);
        } catch (err) {
          this.o.log(`event listener failed: ${String(err)}`);
        }
      }
    } else if (m.type === 'fatal') {
      this.o.log(`engine failed to start: ${m.error.code}: ${m.error.message}`);
    }
  }

  private failPending(message: string): void {
    for (const resolve of this.pending.values()) resolve(fail({ code: 'internal', message }));
    this.pending.clear();
  }

  private onExit(w: WorkerLike, code: number): void {
    if (w !== this.worker) return; // an old worker after stop() or a restart
    this.worker = null;
    this.failPending(`engine exited (code ${code}); restarting`);
    if (this.stopping) return;
    if (Date.now() - this.startedAt >= this.o.stableAfterMs) this.failures = 0;
    const delay = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** this.failures);
    this.failures++;
    this.o.log(`engine worker exited with code ${code}; restart in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.restarts++;
      this.spawn();
    }, delay);
  }
}

/** Creates the real worker running dist/electron/engine/worker.js. */
export function createEngineWorker(workerFile: string, data: EngineWorkerData): WorkerLike {
  return new Worker(workerFile, { workerData: data });
}
