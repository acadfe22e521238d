/**
 * The analysis → rules chain resumed from the database, not from events: items committed but not
 * analysed (a crash right after a commit, an analysis error, a `--no-analyze` import) are analysed,
 * then the rules look at every analysed item above their watermark. Run by every long-running
 * engine at start and periodically, and by `vigie fetch --once`, so nothing committed escapes
 * analysis, rules or the outbox.
 */
import type { Db } from '../db/open';
import { analyzeBacklog } from '../analysis/catch-up';
import { evaluatePendingRules, type DecidedAlert } from '../alerts/evaluate';

/** What a catch-up did. */
export interface CatchUpResult {
  /** Items analysed now that had missed analysis. */
  analysed: number;
  /** Alerts the rules decided on them (and on any analysed item they had not seen). */
  alerts: DecidedAlert[];
}

/** Analyses the backlog, then evaluates the rules on everything they have not seen. */
export async function catchUpPipeline(
  db: Db,
  now: () => Date,
  onAnalysed?: (ids: number[]) => void,
): Promise<CatchUpResult> {
  const analysed = await analyzeBacklog(db, { onChunk: onAnalysed });
  const alerts = evaluatePendingRules(db, now());
  return { analysed, alerts };
}
