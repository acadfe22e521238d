/** Defaults in one place; each documents its unit. */
import type { SourceType } from './types/domain';

/** Fetch limits. */
export const FETCH_DEFAULTS = {
  /** Request timeout, ms. */
  timeoutMs: 20_000,
  /** Body cap, bytes (10 MB). */
  maxBytes: 10 * 1024 * 1024,
  /** Redirects followed before `fetch.too_many_redirects`. */
  maxRedirects: 5,
  /** Sent on every request. */
  userAgent: 'Vigie/0.1 (+veille medias; feed reader)',
  /** Simultaneous requests to one host. */
  perHostConcurrency: 2,
  /** Simultaneous requests overall. */
  concurrency: 8,
} as const;

/** Scheduler policy. */
export const SCHEDULER_DEFAULTS = {
  /** Poll interval for ordinary sources, seconds (5 min). */
  intervalSec: 300,
  /** Poll interval for priority sources, seconds (90 s). */
  priorityIntervalSec: 90,
  /** Shortest interval ever used, seconds. */
  minIntervalSec: 60,
  /** Longest interval (adaptive lengthening and backoff cap), seconds (24 h). */
  maxIntervalSec: 86_400,
  /** Consecutive failures before a source is paused automatically. */
  pauseAfterErrors: 10,
} as const;

/** Default reach weight by source type (overridable per source). */
export const REACH_BY_TYPE: Record<SourceType, number> = {
  'press-national': 1,
  'press-regional': 0.6,
  tv: 1,
  radio: 0.8,
  social: 0.4,
  official: 0.7,
  factcheck: 0.7,
  web: 0.3,
};

/** Future dates beyond this skew (ms) are clamped to the fetch time. */
export const FUTURE_DATE_TOLERANCE_MS = 10 * 60 * 1000;

/** Zone assumed for dates that carry none (French press). */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';
