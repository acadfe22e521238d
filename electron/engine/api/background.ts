/**
 * Background work of a long-running engine (Electron worker, `vigie serve`, `vigie run`): the
 * refresh scheduler (when the autoRefresh setting is on), the analysis/rules catch-up (at start,
 * after each new batch and every minute: see jobs/catch-up.ts), the sweep of uncorroborated
 * official claims, the re-clustering of the open window (every 10 min), the alert sender and the
 * daily brief (a missed one written at start), all
 * publishing contract events. Every failure is logged to stderr, never thrown.
 */
import { getSetting } from '../db/analyst-store';
import { listDeliveries } from '../db/alerts-outbox-store';
import { startScheduler, type Scheduler, type SchedulerOptions } from '../ingest/scheduler';
import type { RefreshResult } from '../ingest/refresh-feed';
import { evaluatePendingRules, evaluateRulesForItems } from '../alerts/evaluate';
import { catchUpPipeline } from '../jobs/catch-up';
import { AlertSender } from '../alerts/sender';
import type { HandlerContext } from './context';
import { emitRefreshResult } from './sources-handlers';
import { scheduleDailyBrief, type BriefSchedule } from '../brief/schedule';
import { startClaimSweep } from '../analysis/corroboration';
import { startRecluster } from '../analysis/recluster';
import { noteStoryInfox } from '../analysis/pipeline';
import { readCorroborationHours } from '../db/analysis-store';
import type { Settings } from '../../../shared/api/views';

/** Handle on the background work. */
export interface Background {
  /** Looks for due sources now (after adding or resuming one). */
  wake(): void;
  /** Applies changed settings: starts/stops the refresh scheduler and the daily brief. */
  applySettings(s: Pick<Settings, 'autoRefresh' | 'briefSchedule'>): void;
  /** Stops everything, waiting for work in flight. */
  stop(): Promise<void>;
}

const logError = (what: string) => (err: unknown) => {
  process.stderr.write(`vigie: ${what}: ${err instanceof Error ? err.message : String(err)}\n`);
};

/** Period of the analysis/rules catch-up, ms: another process's crash or import is picked up within it. */
const CATCH_UP_MS = 60_000;

/** Options of startBackground. */
export interface BackgroundOptions {
  /** false keeps the fetch scheduler off for this run whatever the settings say. Default true. */
  refresh?: boolean;
  /** Scheduler knobs (`vigie run` options): concurrency, per-host cap, fetch limits, callbacks. */
  scheduler?: Omit<SchedulerOptions, 'onResult' | 'onError'> & { onResult?: (r: RefreshResult) => void };
  /** On stop, fetches still running after this delay are aborted, ms. Default 2000. */
  stopGraceMs?: number;
}

/** Starts the background work (see the module comment). */
export function startBackground(ctx: HandlerContext, opts: BackgroundOptions = {}): Background {
  let scheduler: Scheduler | null = null;
  const startRefresh = () => {
    if (opts.refresh === false) return;
    if (!scheduler)
      scheduler = startScheduler(ctx.db, {
        ...opts.scheduler,
        onResult: (r) => {
          emitRefreshResult(ctx, r);
          opts.scheduler?.onResult?.(r);
        },
        onError: logError('scheduler'),
      });
  };
  if (getSetting(ctx.db, 'autoRefresh', true)) startRefresh();

  let brief: BriefSchedule | null = null;
  const applyBrief = (cfg: Settings['briefSchedule']) => {
    brief?.stop();
    brief = cfg
      ? scheduleDailyBrief(ctx.db, {
          time: cfg.time,
          outDir: cfg.outDir,
          formats: cfg.formats,
          onError: logError('brief schedule'),
        })
      : null;
  };
  applyBrief(getSetting<Settings['briefSchedule']>(ctx.db, 'briefSchedule', null));
  // The brief of a period the engine was down for is written now.
  (brief as BriefSchedule | null)?.runIfMissed(ctx.now()).catch(logError('brief schedule'));

  // Rules resume from their watermark, never from the event's ids: items analysed but not
  // evaluated before a crash are seen too, and the watermark never passes an unanalysed item.
  const offNew = ctx.events.on('items:new', () => {
    try {
      evaluatePendingRules(ctx.db, ctx.now());
    } catch (err) {
      logError('rules')(err);
    }
  });
  // Committed but never analysed (a crash between commit and analysis): analysed, then the rules.
  let catching: Promise<unknown> | null = null;
  const catchUp = () => {
    catching ??= catchUpPipeline(ctx.db, ctx.now, (ids) => ctx.events.emit('items:changed', { ids }))
      .then((r) => {
        if (r.analysed)
          process.stderr.write(`vigie: caught up ${r.analysed} unanalysed items (${r.alerts.length} alerts)\n`);
      })
      .catch(logError('catch-up'))
      .finally(() => {
        catching = null;
      });
  };
  // Next tick: the caller (serve, the app) finishes starting before a large backlog is worked.
  setImmediate(catchUp);
  const catchUpTimer = setInterval(catchUp, CATCH_UP_MS);
  catchUpTimer.unref?.();

  // Claims of an official document nobody trusted echoed: flagged at their deadline (every 5 min),
  // shown like any rescoring (items:changed) and evaluated by the rules like fresh scores; the age
  // limit counts from the deadline, so a backlog of old claims raises no alert storm.
  const claims = startClaimSweep(ctx.db, {
    now: ctx.now,
    onStory: (id, top) => noteStoryInfox(ctx.db, id, top),
    onError: logError('claim sweep'),
    onChange: (r) => {
      ctx.events.emit('items:changed', { ids: [...r.flagged, ...r.corroborated] });
      if (!r.flagged.length) return;
      try {
        evaluateRulesForItems(ctx.db, r.flagged, ctx.now(), {
          rescored: true,
          maxItemAgeHours: readCorroborationHours(ctx.db) + 24,
        });
      } catch (err) {
        logError('rules')(err);
      }
    },
  });

  // Stories streamed at ingest are grouped again as a rebuild would, every 10 minutes.
  const recluster = startRecluster(ctx.db, {
    onError: logError('recluster'),
    onChange: (r) => ctx.events.emit('items:changed', { ids: r.movedIds }),
  });

  const sender = new AlertSender(ctx.db);
  const status = (kind: 'sent' | 'pending' | 'dead') => (e: { outboxId: number; alertId: number; code?: string }) => {
    try {
      const d = listDeliveries(ctx.db, { alertId: e.alertId, limit: 1000 }).find((x) => x.id === e.outboxId);
      ctx.events.emit('alerts:status', {
        deliveryId: e.outboxId,
        alertId: e.alertId,
        status: d?.status ?? kind,
        severity: d?.severity ?? 'info',
        subject: d?.subject ?? '',
        errorCode: e.code ?? null,
      });
    } catch (err) {
      logError('alerts:status')(err);
    }
  };
  sender.on('delivered', status('sent'));
  sender.on('failed', status('pending'));
  sender.on('dead', status('dead'));
  sender.on('error', logError('sender'));
  // A 'desktop' listener makes the sender handle desktop deliveries: the UI shows them and acknowledges.
  sender.on('desktop', (notice) => ctx.events.emit('alerts:notice', notice));
  sender.start();

  return {
    wake: () => scheduler?.wake(),
    applySettings({ autoRefresh, briefSchedule }) {
      if (autoRefresh) startRefresh();
      else if (scheduler) {
        const s = scheduler;
        scheduler = null;
        void s.stop({ graceMs: 2000 });
      }
      applyBrief(briefSchedule);
    },
    async stop() {
      offNew();
      clearInterval(catchUpTimer);
      await catching;
      claims.stop();
      recluster.stop();
      brief?.stop();
      const s = scheduler;
      scheduler = null;
      await Promise.allSettled([s?.stop({ graceMs: opts.stopGraceMs ?? 2000 }), sender.stop()]);
    },
  };
}
