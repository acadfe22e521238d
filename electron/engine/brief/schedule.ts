/**
 * Daily brief generation at a set local time (e.g. 07:00 Europe/Paris): the period is the 24 h
 * ending at that cut-off; each format is written to the output folder as synthese-YYYY-MM-DD.ext.
 * Timers are re-armed from the wall clock after each run, so DST changes and sleep are absorbed.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../../../shared/defaults';
import type { Db } from '../db/open';
import { generateBrief, type GeneratedBrief } from './brief';
import { hasScheduledBrief } from '../db/brief-store';
import type { BriefFormat, BriefOptions } from './types';

/** Parses "HH:MM" (24 h). */
function parseCutoff(cutoff: string): { hour: number; minute: number } {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(cutoff.trim());
  if (!m) throw new RangeError(`invalid time of day: ${cutoff}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The default period: the 24 h ending at the latest cut-off (local time in `zone`) not after `now`. */
export function defaultPeriod(now: Date, cutoff = '07:00', zone = DEFAULT_TIME_ZONE): { from: string; to: string } {
  const { hour, minute } = parseCutoff(cutoff);
  const local = DateTime.fromJSDate(now, { zone });
  let end = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (end > local) end = end.minus({ days: 1 });
  // minus({days:1}) in local time keeps 07:00 across DST changes (the period is then 23 or 25 h).
  return { from: end.minus({ days: 1 }).toUTC().toISO()!, to: end.toUTC().toISO()! };
}

/** The next time (after `now`) the local clock in `zone` reads `time`. */
export function nextRunAt(now: Date, time = '07:00', zone = DEFAULT_TIME_ZONE): Date {
  const { hour, minute } = parseCutoff(time);
  const local = DateTime.fromJSDate(now, { zone });
  let next = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ days: 1 });
  return next.toJSDate();
}

/** Options of the daily schedule. */
export interface BriefScheduleOptions {
  /** Local time of generation and cut-off of the period, "HH:MM". Default "07:00". */
  time?: string;
  /** Zone of `time`. Default Europe/Paris. */
  timeZone?: string;
  /** Formats written. Default ['pdf', 'docx']. */
  formats?: BriefFormat[];
  /** Folder of the files. */
  outDir: string;
  /** Content options. */
  options?: BriefOptions;
  /** Called after each generated file. */
  onGenerated?: (brief: GeneratedBrief, file: string) => void;
  /** Called when a run fails (the schedule keeps going). Default: one line on stderr. */
  onError?: (err: unknown) => void;
}

/** A running schedule. */
export interface BriefSchedule {
  /** When the next run is due. */
  nextRun(): Date;
  /** Runs now for the default period (what the timer does). */
  runNow(now?: Date): Promise<string[]>;
  /**
   * Runs for the latest period if the schedule has not written it yet (the app or server was
   * down at the set time, or a cron `vigie fetch --once` works the schedule); [] otherwise.
   */
  runIfMissed(now?: Date): Promise<string[]>;
  stop(): void;
}

/** Starts generating the brief every day at `time`. */
export function scheduleDailyBrief(db: Db, opts: BriefScheduleOptions): BriefSchedule {
  const time = opts.time ?? '07:00';
  const zone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  parseCutoff(time);
  let timer: NodeJS.Timeout | null = null;
  let due = nextRunAt(new Date(), time, zone);
  let stopped = false;
  const runNow = async (now = new Date()): Promise<string[]> => {
    const { from, to } = defaultPeriod(now, time, zone);
    const day = DateTime.fromISO(to, { zone }).minus({ milliseconds: 1 }).toFormat('yyyy-LL-dd');
    const files: string[] = [];
    for (const format of opts.formats ?? ['pdf', 'docx']) {
      const out = path.join(opts.outDir, `synthese-${day}.${format}`);
      const brief = await generateBrief(db, {
        from,
        to,
        format,
        out,
        options: { timeZone: zone, ...opts.options },
        trigger: 'schedule',
      });
      files.push(out);
      opts.onGenerated?.(brief, out);
    }
    return files;
  };
  const arm = (): void => {
    if (stopped) return;
    due = nextRunAt(new Date(), time, zone);
    // setTimeout caps at ~24.8 days; a day is well within. Re-arm from the clock after each run.
    timer = setTimeout(
      () => {
        runNow()
          .catch((err) =>
            (opts.onError ?? ((e) => process.stderr.write(`brief schedule: ${(e as Error).message}\n`)))(err),
          )
          .finally(arm);
      },
      Math.max(1000, due.getTime() - Date.now()),
    );
    timer.unref?.();
  };
  arm();
  const runIfMissed = async (now = new Date()): Promise<string[]> => {
    const { to } = defaultPeriod(now, time, zone);
    return hasScheduledBrief(db, to) ? [] : runNow(now);
  };
  return {
    nextRun: () => due,
    runNow,
    runIfMissed,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
