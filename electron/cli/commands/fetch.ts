/** CLI: `fetch --once` (one pass over due sources) and `run` (the polling daemon). */
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { AppError } from '../../../shared/errors';
import { refreshAll, startScheduler, type RefreshSummary } from '../../engine/ingest/scheduler';
import type { RefreshResult } from '../../engine/ingest/refresh-feed';
import { log, openDbFromCommand, printJsonLine } from '../output';
import { startClaimSweep } from '../../engine/analysis/corroboration';
import { startRecluster } from '../../engine/analysis/recluster';
import { noteStoryInfox } from '../../engine/analysis/pipeline';

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

/** The `fetch --once` summary line (per-source results stay on stderr). */
function summaryLine(s: RefreshSummary) {
  return {
    sources: s.sources,
    ok: s.ok,
    notModified: s.notModified,
    errors: s.errors,
    paused: s.paused,
    items: s.items,
    new: s.new,
    durationMs: s.durationMs,
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
      'fetch due sources once and exit; prints {"sources","ok","notModified","errors","paused","items","new","durationMs"}',
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
      try {
        const summary = await refreshAll(db, {
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
        printJsonLine(summaryLine(summary));
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
      const db = openDbFromCommand(cmd);
      const totals = { refreshed: 0, ok: 0, notModified: 0, errors: 0, new: 0 };
      const t0 = Date.now();
      const scheduler = startScheduler(db, {
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
        onError: (err) => log(`vigie: scheduler error: ${err instanceof Error ? err.message : String(err)}`),
      });
      // Claims of an official document still uncorroborated at their deadline get flagged (every 5 min).
      const claims = startClaimSweep(db, {
        onStory: (id, top) => noteStoryInfox(db, id, top),
        onChange: (r) => {
          if (!opts.quiet) log(`claims flagged=${r.flagged.length} corroborated=${r.corroborated.length}`);
        },
        onError: (err) => log(`vigie: claim sweep error: ${err instanceof Error ? err.message : String(err)}`),
      });
      // Streamed stories grouped again as a rebuild would (every 10 min).
      const recluster = startRecluster(db, {
        onChange: (r) => {
          if (!opts.quiet) log(`stories re-clustered: moved=${r.moved} topics=${r.topics}`);
        },
        onError: (err) => log(`vigie: recluster error: ${err instanceof Error ? err.message : String(err)}`),
      });
      log(`vigie run: polling (concurrency ${opts.concurrency ?? 8}); Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        const stop = (sig: string) => {
          log(`vigie run: ${sig}, draining ${scheduler.inFlight} refresh(es) in flight…`);
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      await scheduler.stop({ graceMs: opts.grace ?? 15_000 });
      claims.stop();
      recluster.stop();
      db.close();
      printJsonLine({ ...totals, durationMs: Date.now() - t0 });
    });
}
