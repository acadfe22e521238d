/**
 * Parses feed files off the storing thread: XML parsing is the costliest CPU step of ingestion,
 * and with worker threads it runs on the other cores while the main thread stores and analyses.
 * Falls back to parsing in-thread when workers cannot start (e.g. TypeScript sources without tsx).
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { serializeError } from '../../../shared/errors';
import { WireDecoder, type WireItem } from './prepared-wire';
import { readAndParseFile, type ParseJob, type ParsedFile, type ReadOptions } from './read-feed-file';

/** Parses files, in workers when possible. */
export interface FileParser {
  /** Reads and parses one file (never rejects: errors come back as data). */
  parse(file: string): Promise<ParsedFile>;
  /** Stops the workers. */
  close(): Promise<void>;
  /** Worker threads in use (0 = in-thread). */
  readonly workers: number;
}

/** Options of createFileParser. */
export interface FileParserOptions {
  /** Worker threads. Default: CPUs − 1 (at least 1, at most 4); 0 parses in-thread. */
  workers?: number;
  /** Also run prepareItems on each file (see readAndParseFile). Default false. */
  prepare?: boolean;
  /** With `prepare`, also settle each item's language there. Default false. */
  detectLanguage?: boolean;
}

/** Starts one worker running parse-worker (through tsx's require hook when running from .ts sources). */
function startWorker(): Worker {
  const ext = path.extname(__filename);
  const script = path.join(__dirname, `parse-worker${ext}`);
  if (ext === '.js') return new Worker(script);
  const tsx = require.resolve('tsx/cjs/api'); // throws when tsx is absent: caller falls back
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(script)});`, {
    eval: true,
    execArgv: [],
  });
}

/** A parser that works in the calling thread. */
function inThreadParser(options: ReadOptions): FileParser {
  return { parse: (file) => readAndParseFile(file, options), close: async () => undefined, workers: 0 };
}

/** Creates a file parser; jobs are spread round-robin over the workers. */
export function createFileParser(opts: FileParserOptions = {}): FileParser {
  const count = opts.workers ?? Math.min(4, Math.max(1, os.availableParallelism() - 1));
  const options: ReadOptions = { prepare: opts.prepare ?? false, detectLanguage: opts.detectLanguage ?? false };
  if (count <= 0) return inThreadParser(options);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) workers.push(startWorker());
  } catch {
    for (const w of workers) void w.terminate();
    return inThreadParser(options);
  }
  const waiting = new Map<number, { file: string; worker: Worker; resolve: (r: ParsedFile) => void }>();
  const dead = new Set<Worker>();
  let nextId = 0;
  for (const w of workers) {
    // Decoded on arrival, in the worker's sending order, as the references require.
    const decoder = new WireDecoder();
    w.on('message', (m: { id: number; result: ParsedFile; items?: WireItem[] }) => {
      const job = waiting.get(m.id);
      waiting.delete(m.id);
      let result = m.result;
      if (m.items && result.ok) {
        try {
          result = { ...result, prepared: decoder.decode(m.items, result.fetchedAt) };
        } catch (err) {
          result = { ok: false, error: serializeError(err) };
        }
      }
      job?.resolve(result);
    });
    // A dead worker (error, or exit with work pending) must not hang the run: its pending files
    // are parsed in-thread instead.
    const fallBack = () => {
      dead.add(w);
      for (const [id, job] of waiting) {
        if (job.worker !== w) continue;
        waiting.delete(id);
        void readAndParseFile(job.file, options).then(job.resolve);
      }
    };
    w.on('error', fallBack);
    w.on('exit', fallBack);
  }
  return {
    workers: count,
    parse(file: string): Promise<ParsedFile> {
      const alive = workers.filter((w) => !dead.has(w));
      if (alive.length === 0) return readAndParseFile(file, options);
      const id = nextId++;
      const worker = alive[id % alive.length];
      return new Promise<ParsedFile>((resolve) => {
        waiting.set(id, { file, worker, resolve });
        const job: ParseJob = { id, file, options };
        worker.postMessage(job);
      });
    },
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
