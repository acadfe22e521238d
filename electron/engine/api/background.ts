/**
 * Background work of a long-running engine (Electron worker, `vigie serve`): the refresh
 * scheduler (when the autoRefresh setting is on), rule evaluation on new items, the sweep of
 * uncorroborated official claims, the re-clustering of the open window and the alert sender, all
 * publishing contract events. Every failure is logged to stderr, never thrown.
 */
import { getSetting } from '../db/analyst-store';
import { listDeliveries } from '../db/alerts-outbox-store';
import { startScheduler, type Scheduler } from '../ingest/scheduler';
import { evaluateRulesForItems } from '../alerts/evaluate';
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

/** Starts the background work; `refresh: false` keeps the fetch scheduler off for this run whatever the settings say. */
export function startBackground(ctx: HandlerContext, opts: { refresh?: boolean } = {}): Background {
  let scheduler: Scheduler | null = null;
  const startRefresh = () => {
    if (opts.refresh === false) return;
    if (!scheduler)
      scheduler = startScheduler(ctx.db, {
        onResult: (r) => emitRefreshResult(ctx, r),
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

  // Rules look at each new item once (their watermark guards against a second look).
  const offNew = ctx.events.on('items:new', ({ ids }) => {
    try {
      evaluateRulesForItems(ctx.db, ids, ctx.now());
    } catch (err) {
      logError('rules')(err);
    }
  });

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
      claims.stop();
      recluster.stop();
      brief?.stop();
      const s = scheduler;
      scheduler = null;
      await Promise.allSettled([s?.stop({ graceMs: 2000 }), sender.stop()]);
    },
  };
}
