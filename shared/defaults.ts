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

/** Budgets of parsing and sanitizing one feed (hostile feeds nest or repeat markup to stall the parser). */
export const PARSE_LIMITS = {
  /**
   * Deepest HTML element nesting in one fragment. htmlparser2 (under sanitize-html) costs time
   * quadratic in depth: 200,000 levels took 54 s. Browsers flatten beyond 512 (Chromium's
   * kMaximumHTMLParserDOMTreeDepth), so no real page needs more.
   */
  maxHtmlDepth: 512,
  /** Elements in one HTML fragment (a real article has a few thousand; 200,000 flat ones sanitize in ~0.7 s). */
  maxHtmlElements: 200_000,
  /**
   * Wall time one feed may take in its parser worker, ms, plus timeBudgetPerMbMs per MB of feed.
   * A flat 10 MB feed (the fetch cap) parses in ~2 s on an idle machine; 10 s + 3 s/MB (40 s at
   * 10 MB) leaves room for a loaded one. Over it, the worker is killed.
   */
  timeBudgetMs: 10_000,
  /** Extra wall time per MB of feed, ms (see timeBudgetMs). */
  timeBudgetPerMbMs: 3_000,
  /** Heap of one parser worker, MB: a memory bomb kills the worker, not the engine. */
  workerHeapMb: 1024,
} as const;

/** Size caps of stored item fields, characters (longer ones are cut with a note; see field-caps.ts). */
export const FIELD_LIMITS = {
  /** A headline: real ones stay under 300; a synthetic title from a post's text is 140. */
  titleChars: 1_000,
  /** A lead or RSS description (a whole article is sometimes put there). */
  summaryChars: 50_000,
  /** The sanitized HTML body: ten times a long-form article. */
  contentChars: 1_000_000,
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
