/**
 * CLI: `fetch --once` (one pass of the background jobs: due sources, analysis catch-up, claims,
 * rules, outbox, a due daily brief) and `run` (the daemon: the same background as the app and
 * `vigie serve`, through the engine).
 */
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { AppError } from '../../../shared/errors';
import type { RefreshResult } from '../../engine/ingest/refresh-feed';
import { runJobsOnce, type RunOnceResult } from '../../engine/jobs/run-once';
import { createEngine } from '../../engine/engine';
import { dbPathFromCommand, log, openDbFromCommand, printJsonLine, protectSecrets } from '../output';
import { useKeyFileCodec } from '../../engine/alerts/key-file';

function parsePositive(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new AppError('input.invalid', `${flag}: expected a positive integer, got ${value}`);
    return n;
  };
}

/** Structured stderr line for one refresh (stable keys, Miniflux-style). */
function logResult(r: RefreshResult): void {
  const err = r.error ? ` code=${r.error.code} message=${JSON.stringify(r.error.message)}` : '';
  log(
    `refresh source_id=${r.sourceId} status=${r.status} items=${r.items} new=${r.new} duration_ms=${r.durationMs}` +
      `${r.paused ? ' paused=true' : ''}${r.movedTo ? ` moved_to=${r.movedTo}` : ''}${err} next=${r.nextCheckAt ?? '-'} name=${JSON.stringify(r.sourceName)}`,
  );
}

/** The `fetch --once` summary line (per-source results stay on stderr); the fetch keys first, as before. */
function summaryLine(r: RunOnceResult, durationMs: number) {
  const s = r.summary;
  return {
    sources: s.sources,
    ok: s.ok,
    notModified: s.notModified,
    errors: s.errors,
    paused: s.paused,
    items: s.items,
    new: s.new,
    durationMs,
    analysed: r.analysed,
    claimsFlagged: r.claimsFlagged,
    alerts: r.alerts,
    sent: r.delivery.sent,
    failed: r.delivery.failed + r.delivery.dead,
    briefs: r.briefs.length,
  };
}

interface RunOptions {
  concurrency?: number;
  perHost?: number;
  timeout?: number;
  verbose?: boolean;
}

/** Registers `vigie fetch` and `vigie run`. */
export function registerFetchCommands(program: Command): void {
  program
    .command('fetch')
    .description(
      'one pass: fetch due sources, analyse, rules, send alerts, due brief; prints {"sources","ok","notModified","errors","paused","items","new","durationMs","analysed","claimsFlagged","alerts","sent","failed","briefs"}',
    )
    .option('--once', 'one pass then exit (the default; `vigie run` polls continuously)')
    .option('--all', 'every enabled source, due or not')
    .option('--source <id...>', 'only these source ids')
    .option('--concurrency <n>', 'requests at once (default 8)', parsePositive('--concurrency'))
    .option('--per-host <n>', 'requests at once per host (default 2)', parsePositive('--per-host'))
    .option('--timeout <ms>', 'per-request timeout in ms (default 20000)', parsePositive('--timeout'))
    .option('--verbose', 'one line per source on stderr')
    .action(async (opts: RunOptions & { all?: boolean; source?: string[] }, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      const ctl = new AbortController();
      const onSignal = () => {
        log('vigie: interrupted, finishing requests in flight…');
        ctl.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let bar: cliProgress.SingleBar | null = null;
      const t0 = Date.now();
      try {
        const result = await runJobsOnce(db, {
          all: opts.all,
          sourceIds: opts.source?.map(Number),
          concurrency: opts.concurrency,
          perHost: opts.perHost,
          fetch: opts.timeout ? { timeoutMs: opts.timeout } : undefined,
          signal: ctl.signal,
          onStart: (total) => {
            if (process.stderr.isTTY && total > 1 && !opts.verbose) {
              bar = new cliProgress.SingleBar(
                {
                  stream: process.stderr,
                  format: 'fetch [{bar}] {value}/{total} sources | {new} new | {errors} errors | {name}',
                },
                cliProgress.Presets.shades_classic,
              );
              bar.start(total, 0, { new: 0, errors: 0, name: '' });
            }
          },
          onProgress: ({ done, result }) => {
            if (opts.verbose || (!bar && result.status === 'error')) logResult(result);
            (bar as cliProgress.SingleBar | null)?.update(done, { name: result.sourceName.slice(0, 30) });
          },
        });
        (bar as cliProgress.SingleBar | null)?.stop();
        printJsonLine(summaryLine(result, Date.now() - t0));
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        db.close();
      }
    });

  program
    .command('run')
    .description('poll sources continuously until SIGINT/SIGTERM, then drain requests in flight; logs on stderr')
    .option('--concurrency <n>', 'requests at once (default 8)', parsePositive('--concurrency'))
    .option('--per-host <n>', 'requests at once per host (default 2)', parsePositive('--per-host'))
    .option('--timeout <ms>', 'per-request timeout in ms (default 20000)', parsePositive('--timeout'))
    .option(
      '--grace <ms>',
      'on stop, abort requests still running after this delay (default 15000)',
      parsePositive('--grace'),
    )
    .option('--quiet', 'log only errors')
    .action(async (opts: RunOptions & { grace?: number; quiet?: boolean }, cmd: Command) => {
      const totals = { refreshed: 0, ok: 0, notModified: 0, errors: 0, new: 0 };
      const t0 = Date.now();
      // Signals are handled from the start: a stop during start-up waits for it, then drains.
      const stopped = new Promise<void>((resolve) => {
        const stop = (sig: string) => {
          log(`vigie run: ${sig}, draining work in flight…`);
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      // The engine's own background, as in the app and `vigie serve`: scheduler, analysis/rules
      // catch-up, claim sweep, alert sender, daily brief.
      // Secrets sealed with the key file before the sender can read one.
      useKeyFileCodec();
      const engine = createEngine({
        dbPath: dbPathFromCommand(cmd),
        background: true,
        stopGraceMs: opts.grace ?? 15_000,
        scheduler: {
          concurrency: opts.concurrency,
          perHost: opts.perHost,
          fetch: opts.timeout ? { timeoutMs: opts.timeout } : undefined,
          onResult: (r) => {
            if (r.status === 'aborted') return;
            totals.refreshed++;
            if (r.status === 'ok') totals.ok++;
            else if (r.status === 'not-modified') totals.notModified++;
            else totals.errors++;
            totals.new += r.new;
            if (!opts.quiet || r.status === 'error') logResult(r);
          },
        },
      });
      protectSecrets(engine.db);
      const offAlerts = engine.on('alerts:status', (e) => {
        if (!opts.quiet || e.status === 'dead')
          log(`alert delivery=${e.deliveryId} status=${e.status}${e.errorCode ? ` code=${e.errorCode}` : ''}`);
      });
      log(`vigie run: polling (concurrency ${opts.concurrency ?? 8}); Ctrl-C to stop`);
      await stopped;
      offAlerts();
      await engine.close();
      printJsonLine({ ...totals, durationMs: Date.now() - t0 });
    });
}
