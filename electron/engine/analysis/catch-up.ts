/**
 * Analysis of stored items that missed it: a crash between an ingest commit and its analysis,
 * an analysis error, or a `--no-analyze` import. Every long-running engine (app, `vigie serve`,
 * `vigie run`) and every `vigie fetch --once` runs it, so nothing committed escapes analysis and,
 * after it, the rules (whose cursor stops at the first unanalysed item, see evaluate.ts).
 */
import type { Db } from '../db/open';
import { readUnanalysedIds } from '../db/analysis-store';
import { analyzeNewItems } from './pipeline';

/** Items per analysis call: big enough to amortise the call's fixed cost, small enough to yield between chunks. */
const CHUNK = 2000;

/** Options of analyzeBacklog. */
export interface BacklogOptions {
  /** Stop after this many items (the rest waits for the next run). Default: no limit. */
  max?: number;
  /** Called after each analysed chunk with its ids (rules, UI events). */
  onChunk?: (ids: number[]) => void;
}

/** Analyses every stored item that has no analysis yet, oldest first; returns how many. */
export async function analyzeBacklog(db: Db, opts: BacklogOptions = {}): Promise<number> {
  const max = opts.max ?? Number.POSITIVE_INFINITY;
  let done = 0;
  // A cursor, not "whatever is still unanalysed": an item the pipeline cannot score is not retried forever in one run.
  let after = 0;
  while (done < max) {
    const ids = readUnanalysedIds(db, Math.min(CHUNK, max - done), after);
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    analyzeNewItems(db, ids);
    done += ids.length;
    opts.onChunk?.(ids);
    // Let requests and timers run between chunks: a large backlog must not freeze the UI thread.
    await new Promise((r) => setImmediate(r));
  }
  return done;
}
