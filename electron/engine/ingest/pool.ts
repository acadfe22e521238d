/**
 * A small promise pool: a global concurrency limit and a per-key (per-host) cap, so a slow or
 * rate-limiting outlet hosting many feeds never gets more than a couple of our requests at once.
 * Written by hand because p-queue is ESM-only and this project is CommonJS; it is ~80 lines.
 */
import { FETCH_DEFAULTS } from '../../../shared/defaults';

/** Options for createPool. */
export interface PoolOptions {
  /** Tasks running at once overall. Default FETCH_DEFAULTS.concurrency (8). */
  concurrency?: number;
  /** Tasks running at once per key. Default FETCH_DEFAULTS.perHostConcurrency (2). */
  perKey?: number;
}

/** A running pool. */
export interface Pool {
  /** Queues `task` under `key` (usually a host name); resolves or rejects with the task. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when nothing is queued or running. */
  onIdle(): Promise<void>;
  /** Drops queued (not started) tasks, rejecting them with `reason`; running ones continue. */
  clear(reason?: unknown): number;
  /** Tasks running now. */
  readonly running: number;
  /** Tasks waiting for a slot. */
  readonly queued: number;
}

interface Job {
  key: string;
  start: () => void;
  reject: (err: unknown) => void;
}

/** The host of a URL, used as the pool key (falls back to the raw string). */
export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/** Creates a pool with a global and a per-key concurrency limit. */
export function createPool(opts: PoolOptions = {}): Pool {
  const concurrency = Math.max(1, opts.concurrency ?? FETCH_DEFAULTS.concurrency);
  const perKey = Math.max(1, opts.perKey ?? FETCH_DEFAULTS.perHostConcurrency);
  const queue: Job[] = [];
  const perKeyRunning = new Map<string, number>();
  let running = 0;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (running === 0 && queue.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  // Starts as many queued jobs as the limits allow, oldest first, skipping saturated keys.
  const pump = () => {
    for (let i = 0; i < queue.length && running < concurrency;) {
      const job = queue[i];
      if ((perKeyRunning.get(job.key) ?? 0) >= perKey) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      running++;
      perKeyRunning.set(job.key, (perKeyRunning.get(job.key) ?? 0) + 1);
      job.start();
    }
    settleIdle();
  };

  const release = (key: string) => {
    running--;
    const n = (perKeyRunning.get(key) ?? 1) - 1;
    if (n <= 0) perKeyRunning.delete(key);
    else perKeyRunning.set(key, n);
    pump();
  };

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          // Promise.resolve().then() also catches a task that throws synchronously.
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => release(key));
        };
        queue.push({ key, start, reject });
        pump();
      });
    },
    onIdle() {
      if (running === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    clear(reason: unknown = new Error('pool cleared')) {
      const dropped = queue.splice(0, queue.length);
      for (const job of dropped) job.reject(reason);
      settleIdle();
      return dropped.length;
    },
    get running() {
      return running;
    },
    get queued() {
      return queue.length;
    },
  };
}
