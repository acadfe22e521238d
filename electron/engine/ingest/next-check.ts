/**
 * When to check a feed next (pure). Follows Miniflux's "entry frequency" policy: the interval
 * follows the observed publication rate, never below the configured interval, lengthened by the
 * publisher's own hints (RSS ttl, Cache-Control max-age, Expires), clamped to [min, max];
 * failures back off exponentially with jitter, and a Retry-After is always honoured.
 */
import { SCHEDULER_DEFAULTS } from '../../../shared/defaults';

/** Scheduling inputs of a source. */
export interface ScheduleSource {
  priority: boolean;
  pollIntervalSec: number;
  /** RSS ttl (minutes), or null. */
  ttlMinutes?: number | null;
  /** Observed items per day, or null when unknown. */
  itemsPerDay?: number | null;
}

/** What just happened to the source. */
export interface CheckOutcome {
  kind: 'ok' | 'not-modified' | 'error';
  /** Consecutive failures including this one (errors only). */
  errorCount?: number;
  /** Retry-After of a 429/503, seconds. */
  retryAfterSec?: number | null;
  /** Cache-Control max-age, seconds. */
  maxAgeSec?: number | null;
  /** Expires header, ISO. */
  expires?: string | null;
}

/** Policy knobs; defaults come from SCHEDULER_DEFAULTS. */
export interface NextCheckPolicy {
  /** Interval of priority sources, s. Default SCHEDULER_DEFAULTS.priorityIntervalSec (90). */
  priorityIntervalSec?: number;
  /** Shortest interval, s. Default SCHEDULER_DEFAULTS.minIntervalSec (60). */
  minIntervalSec?: number;
  /** Longest interval (and backoff cap), s. Default SCHEDULER_DEFAULTS.maxIntervalSec (24 h). */
  maxIntervalSec?: number;
  /**
   * Longest interval the publication rate alone may reach, s. Default 6 h: a feed quiet for a
   * week is still checked a few times a day, since news outlets wake up with events.
   */
  maxAdaptiveSec?: number;
  /** Cap on publisher hints for priority sources, s. Default 15 min: we watch those closely. */
  priorityHintCapSec?: number;
  /** ± fraction of random jitter on backoff. Default 0.2. */
  jitter?: number;
  /** Random source in [0,1) (tests pass a constant). Default Math.random. */
  random?: () => number;
}

/** Seconds until the next check (before clamping and jitter details, see computeNextCheck). */
export function computeIntervalSec(
  source: ScheduleSource,
  outcome: CheckOutcome,
  now: Date,
  policy: NextCheckPolicy = {},
): number {
  const min = policy.minIntervalSec ?? SCHEDULER_DEFAULTS.minIntervalSec;
  const max = policy.maxIntervalSec ?? SCHEDULER_DEFAULTS.maxIntervalSec;
  const clamp = (s: number) => Math.min(max, Math.max(min, Math.round(s)));
  const base = source.priority
    ? (policy.priorityIntervalSec ?? SCHEDULER_DEFAULTS.priorityIntervalSec)
    : source.pollIntervalSec;

  if (outcome.kind === 'error') {
    const n = Math.max(1, outcome.errorCount ?? 1);
    // 2^(n-1) × base, capped before multiplying to avoid Infinity on long streaks.
    const backoff = base * Math.pow(2, Math.min(n - 1, 20));
    const spread = policy.jitter ?? 0.2;
    const r = (policy.random ?? Math.random)();
    let interval = clamp(backoff * (1 - spread + 2 * spread * r));
    if (outcome.retryAfterSec != null) interval = Math.max(interval, Math.min(max, outcome.retryAfterSec));
    return interval;
  }

  let interval = base;
  if (!source.priority && source.itemsPerDay != null) {
    const maxAdaptive = policy.maxAdaptiveSec ?? 6 * 3600;
    // Average gap between two items; check about twice per gap so new items wait half a gap on average.
    const gap = source.itemsPerDay > 0 ? 86_400 / source.itemsPerDay / 2 : maxAdaptive;
    interval = Math.max(interval, Math.min(gap, maxAdaptive));
  }
  const hintsSec = [
    source.ttlMinutes != null ? source.ttlMinutes * 60 : 0,
    outcome.maxAgeSec ?? 0,
    outcome.expires ? (Date.parse(outcome.expires) - now.getTime()) / 1000 : 0,
  ];
  let hint = Math.max(0, ...hintsSec.filter((h) => Number.isFinite(h)));
  if (source.priority) hint = Math.min(hint, policy.priorityHintCapSec ?? 900);
  interval = Math.max(interval, hint);
  return clamp(interval);
}

/** The date of the next check after `outcome` at `now`. */
export function computeNextCheck(
  source: ScheduleSource,
  outcome: CheckOutcome,
  now: Date,
  policy: NextCheckPolicy = {},
): Date {
  return new Date(now.getTime() + computeIntervalSec(source, outcome, now, policy) * 1000);
}

/**
 * Estimates the publication rate (items/day) from item dates: items of the last 7 days divided
 * by the time since the oldest of them (so a feed that went quiet shows a falling rate).
 * Null when no item carries a usable date.
 */
export function estimateItemsPerDay(published: Array<string | null | undefined>, now: Date): number | null {
  const nowMs = now.getTime();
  const week = 7 * 86_400_000;
  const times = published
    .map((p) => (p ? Date.parse(p) : NaN))
    .filter((t) => Number.isFinite(t) && t <= nowMs + 600_000);
  if (times.length === 0) return null;
  const recent = times.filter((t) => t >= nowMs - week);
  if (recent.length === 0) return 0;
  const spanDays = Math.max((nowMs - Math.min(...recent)) / 86_400_000, 1 / 24);
  return Math.round((recent.length / spanDays) * 100) / 100;
}
