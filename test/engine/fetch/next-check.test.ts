import { computeIntervalSec, computeNextCheck, estimateItemsPerDay } from '../../../electron/engine/ingest/next-check';
import { SCHEDULER_DEFAULTS } from '../../../shared/defaults';

const now = new Date('2024-05-01T12:00:00Z');
const plain = { priority: false, pollIntervalSec: 300 };
const mid = () => 0.5; // no jitter

describe('computeIntervalSec', () => {
  it('uses the poll interval, or the priority interval', () => {
    expect(computeIntervalSec(plain, { kind: 'ok' }, now)).toBe(300);
    expect(computeIntervalSec({ ...plain, priority: true }, { kind: 'ok' }, now)).toBe(
      SCHEDULER_DEFAULTS.priorityIntervalSec,
    );
    expect(computeNextCheck(plain, { kind: 'not-modified' }, now).toISOString()).toBe('2024-05-01T12:05:00.000Z');
  });

  it('lengthens slow feeds from their publication rate, never shortens below the interval', () => {
    expect(computeIntervalSec({ ...plain, itemsPerDay: 500 }, { kind: 'ok' }, now)).toBe(300);
    expect(computeIntervalSec({ ...plain, itemsPerDay: 24 }, { kind: 'ok' }, now)).toBe(1800); // gap 1 h, checked twice
    expect(computeIntervalSec({ ...plain, itemsPerDay: 0.5 }, { kind: 'ok' }, now)).toBe(6 * 3600); // capped
    expect(computeIntervalSec({ ...plain, itemsPerDay: 0 }, { kind: 'ok' }, now)).toBe(6 * 3600);
    // Priority sources ignore the rate.
    expect(computeIntervalSec({ ...plain, priority: true, itemsPerDay: 1 }, { kind: 'ok' }, now)).toBe(90);
  });

  it('honours ttl, max-age and Expires, clamped to the max', () => {
    expect(computeIntervalSec({ ...plain, ttlMinutes: 60 }, { kind: 'ok' }, now)).toBe(3600);
    expect(computeIntervalSec(plain, { kind: 'ok', maxAgeSec: 1200 }, now)).toBe(1200);
    expect(computeIntervalSec(plain, { kind: 'ok', expires: '2024-05-01T12:40:00Z' }, now)).toBe(2400);
    expect(computeIntervalSec(plain, { kind: 'ok', expires: '2024-05-01T11:00:00Z' }, now)).toBe(300); // past
    expect(computeIntervalSec({ ...plain, ttlMinutes: 60 * 24 * 30 }, { kind: 'ok' }, now)).toBe(
      SCHEDULER_DEFAULTS.maxIntervalSec,
    );
    // Priority: hints are capped at 15 min.
    expect(computeIntervalSec({ ...plain, priority: true, ttlMinutes: 120 }, { kind: 'ok' }, now)).toBe(900);
  });

  it('clamps to the minimum', () => {
    expect(computeIntervalSec({ priority: false, pollIntervalSec: 5 }, { kind: 'ok' }, now)).toBe(
      SCHEDULER_DEFAULTS.minIntervalSec,
    );
  });

  it('backs off exponentially on errors, with bounded jitter, up to the max', () => {
    const at = (n: number, random = mid) =>
      computeIntervalSec(plain, { kind: 'error', errorCount: n }, now, { random });
    expect([1, 2, 3, 4].map((n) => at(n))).toEqual([300, 600, 1200, 2400]);
    expect(at(40)).toBe(SCHEDULER_DEFAULTS.maxIntervalSec);
    expect(at(3, () => 0)).toBe(960);
    expect(at(3, () => 0.999999)).toBe(1440);
    const samples = new Set(
      Array.from({ length: 50 }, () => computeIntervalSec(plain, { kind: 'error', errorCount: 3 }, now)),
    );
    expect(samples.size).toBeGreaterThan(5); // real jitter spreads retries
  });

  it('respects Retry-After even when longer than the backoff', () => {
    expect(computeIntervalSec(plain, { kind: 'error', errorCount: 1, retryAfterSec: 7200 }, now, { random: mid })).toBe(
      7200,
    );
    expect(computeIntervalSec(plain, { kind: 'error', errorCount: 1, retryAfterSec: 10 }, now, { random: mid })).toBe(
      300,
    );
  });
});

describe('estimateItemsPerDay', () => {
  it('counts recent items over the time since the oldest', () => {
    const hourly = Array.from({ length: 24 }, (_, i) => new Date(now.getTime() - (i + 1) * 3_600_000).toISOString());
    expect(estimateItemsPerDay(hourly, now)).toBe(24);
    // A feed quiet for 10 days.
    expect(estimateItemsPerDay(['2024-04-20T00:00:00Z', '2024-04-19T00:00:00Z'], now)).toBe(0);
    expect(estimateItemsPerDay([null, undefined, 'garbage'], now)).toBeNull();
    expect(estimateItemsPerDay(['2024-04-28T12:00:00Z', '2024-04-30T12:00:00Z'], now)).toBeCloseTo(2 / 3, 2);
  });
});
