/**
 * Parses feed files for file ingestion through the parse pool (worker threads with a time
 * budget, see parse-pool.ts): XML parsing is the costliest CPU step of ingestion, and it must
 * never stall the thread that stores, analyses and serves the UI.
 */
import { createParsePool, sharedParsePool, type ParsePool } from './parse-pool';
import { readAndParseFile, type FeedFilePath, type ParsedFile, type ReadOptions } from './read-feed-file';

/** Parses files in workers. */
export interface FileParser {
  /** Reads and parses one file (never rejects: errors come back as data). */
  parse(file: FeedFilePath): Promise<ParsedFile>;
  /** Releases a pool of its own (the shared one stays for the next caller). */
  close(): Promise<void>;
  /** Worker threads in use (0 = in-thread, tests only). */
  readonly workers: number;
}

/** Options of createFileParser. */
export interface FileParserOptions {
  /**
   * Worker threads: default the process's shared pool; N > 0 a pool of its own; 0 parses in the
   * calling thread, without any budget (tests comparing both sides only).
   */
  workers?: number;
  /** Also run prepareItems on each file (see readAndParseFile). Default false. */
  prepare?: boolean;
  /** With `prepare`, also settle each item's language there. Default false. */
  detectLanguage?: boolean;
  /** Time budget per file, ms (own pool only). Default PARSE_LIMITS.timeBudgetMs. */
  budgetMs?: number;
}

/** Creates a file parser (see FileParserOptions.workers). */
export function createFileParser(opts: FileParserOptions = {}): FileParser {
  const options: ReadOptions = { prepare: opts.prepare ?? false, detectLanguage: opts.detectLanguage ?? false };
  if (opts.workers === 0)
    return { parse: (file) => readAndParseFile(file, options), close: async () => undefined, workers: 0 };
  const own: ParsePool | null =
    opts.workers !== undefined || opts.budgetMs !== undefined
      ? createParsePool({ workers: opts.workers, budgetMs: opts.budgetMs })
      : null;
  const pool = own ?? sharedParsePool();
  return {
    workers: pool.workers,
    parse: (file) => pool.parseFile(file, options),
    close: async () => {
      await own?.close();
    },
  };
}
