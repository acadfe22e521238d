/**
 * One pass of everything a long-running engine does in the background, for `vigie fetch --once`
 * (cron, a server without a daemon): refresh the due sources, analyse what missed analysis,
 * sweep the official claims, evaluate the rules, work the outbox, and write the daily brief if
 * its time has passed and it is not written yet. The same functions as api/background.ts, so
 * a cron deployment sends the same alerts as the app.
 */
import type { Db } from '../db/open';
import type { Settings } from '../../../shared/api/views';
import { getSetting } from '../db/analyst-store';
import { readCorroborationHours } from '../db/analysis-store';
import { refreshAll, type RefreshAllOptions, type RefreshSummary } from '../ingest/scheduler';
import { sweepExpiredClaims } from '../analysis/corroboration';
import { noteStoryInfox } from '../analysis/pipeline';
import { evaluateRulesForItems } from '../alerts/evaluate';
import { AlertSender, type DrainReport } from '../alerts/sender';
import { scheduleDailyBrief } from '../brief/schedule';
import { catchUpPipeline } from './catch-up';

/** What one pass did. */
export interface RunOnceResult {
  summary: RefreshSummary;
  /** Items analysed by the catch-up (they had missed analysis). */
  analysed: number;
  /** Official claims flagged as uncorroborated at their deadline. */
  claimsFlagged: number;
  /** Alerts decided (rules on new items, on the backlog and on flagged claims). */
  alerts: number;
  /** Deliveries worked by the outbox. */
  delivery: DrainReport;
  /** Brief files written by the daily schedule (empty unless one was due). */
  briefs: string[];
}

/** Options of runJobsOnce: those of refreshAll plus the outbox's time limit. */
export interface RunOnceOptions extends RefreshAllOptions {
  /** Longest time spent working the outbox, ms. Default 60 s (the rest is sent by the next pass). */
  drainMs?: number;
}

/** Runs one pass (see the module comment); failures of one step never stop the next. */
export async function runJobsOnce(db: Db, opts: RunOnceOptions = {}): Promise<RunOnceResult> {
  const now = opts.now ?? (() => new Date());
  const summary = await refreshAll(db, opts);
  const caught = await catchUpPipeline(db, now);
  const sweep = sweepExpiredClaims(db, now(), { onStory: (id, top) => noteStoryInfox(db, id, top) });
  let alerts = caught.alerts.length;
  if (sweep.flagged.length)
    alerts += evaluateRulesForItems(db, sweep.flagged, now(), {
      rescored: true,
      maxItemAgeHours: readCorroborationHours(db) + 24,
    }).length;
  const sender = new AlertSender(db);
  const delivery = await sender.drain(opts.drainMs ?? 60_000);
  await sender.stop();
  const cfg = getSetting<Settings['briefSchedule']>(db, 'briefSchedule', null);
  let briefs: string[] = [];
  if (cfg) {
    const schedule = scheduleDailyBrief(db, { time: cfg.time, outDir: cfg.outDir, formats: cfg.formats });
    try {
      briefs = await schedule.runIfMissed(now());
    } finally {
      schedule.stop();
    }
  }
  return { summary, analysed: caught.analysed, claimsFlagged: sweep.flagged.length, alerts, delivery, briefs };
}
