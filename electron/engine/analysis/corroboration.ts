/**
 * Corroboration of claimed official documents ("arrêté préfectoral", "décret"…). A claim is
 * pending while `analysis.corroborationHours` run (lighter reason, row in infox_pending_claims);
 * an echo by an official source or trusted press in the same story withdraws it; otherwise the
 * periodic sweep gives the full "uncorroborated-official-claim" reason at the deadline and
 * rescores the item and its story. The sweep reads only due rows (deadline index).
 */
import type { Db } from '../db/open';
import { parseJsonColumn } from '../db/json-column';
import type { Reason } from '../../../shared/types/domain';
import {
  addPendingClaim,
  dueClaims,
  hasTrustedEcho,
  readItemInfoxReasons,
  readItemStory,
  removePendingClaim,
  topInfoxItem,
  updateItemInfox,
  updateStoryInfox,
} from '../db/analysis-store';
import { TRUSTED_SOURCE_TYPES, UNCORROBORATED_CLAIM_POINTS } from './infox';
import { toScore } from './controversy';

const PENDING = 'official-claim-pending';
const FLAGGED = 'uncorroborated-official-claim';
const H = 3_600_000;
type ItemReasons = { virality: Reason[]; controversy: Reason[]; infox: Reason[] };

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const infoxOf = (reasons: Reason[]) =>
  toScore(
    reasons.reduce((a, r) => a + r.weight, 0),
    35,
  );

/** Deadline (ISO) of a claim made at `time` (ms) given the delay (ms). */
export function claimDeadline(time: number, delayMs: number): string {
  return new Date(time + delayMs).toISOString();
}

/** Records a pending claim so that the sweep finds it at its deadline. */
export function registerPendingClaim(db: Db, itemId: number, document: string, time: number, delayMs: number): void {
  addPendingClaim(db, {
    itemId,
    document,
    claimedAt: new Date(time).toISOString(),
    deadline: claimDeadline(time, delayMs),
  });
}

/**
 * A trusted source joined a story at `trustedAt`: claims made within the delay before it lose
 * their pending/uncorroborated reason and are rescored; later claims stay pending. Returns the
 * claims still waiting.
 */
export function corroborateClaims(
  db: Db,
  pending: ReadonlyArray<{ id: number; time: number }>,
  trustedAt: number,
  delayMs: number,
): Array<{ id: number; time: number }> {
  const keep: Array<{ id: number; time: number }> = [];
  for (const c of pending) {
    if (trustedAt - c.time > delayMs) continue; // too late: the sweep flags it at its deadline
    if (trustedAt < c.time) {
      keep.push(c);
      continue;
    }
    markCorroborated(db, c.id);
  }
  return keep;
}

function markCorroborated(db: Db, itemId: number): void {
  removePendingClaim(db, itemId);
  const reasons = readItemInfoxReasons(db, itemId);
  if (!reasons) return;
  const infox = reasons.infox.filter((x) => x.signal !== PENDING && x.signal !== FLAGGED);
  infox.push({
    signal: 'corroborated-official-claim',
    weight: 0,
    evidence: 'document repris par une source officielle ou la presse de confiance',
  });
  updateItemInfox(db, itemId, infoxOf(infox), { ...reasons, infox });
}

/**
 * The item's reasons; a damaged value (hand-edited or torn database) reads as a claim still
 * pending, so the sweep flags it with fresh evidence instead of failing for every due claim.
 */
function readReasonsOrPending(db: Db, itemId: number): ReturnType<typeof readItemInfoxReasons> {
  try {
    return readItemInfoxReasons(db, itemId);
  } catch {
    return { virality: [], controversy: [], infox: [{ signal: PENDING, weight: 0, evidence: '' }] };
  }
}

/** What a sweep changed. */
export interface SweepResult {
  /** Items that got the full "uncorroborated-official-claim" reason. */
  flagged: number[];
  /** Items found echoed in time when their deadline came (echo stored by another process or before a restart). */
  corroborated: number[];
  /** Stories whose infox score was recomputed. */
  stories: number[];
}

/** Options of sweepExpiredClaims. */
export interface SweepOptions {
  /** Due claims handled per call (the rest waits for the next sweep). Default 500. */
  limit?: number;
  /** Called with the story and its new top item after a story is rescored (keeps in-memory state in step). */
  onStory?: (storyId: number, top: { title: string; infox: number; signals: string[] }) => void;
}

/**
 * Handles every claim whose deadline is past at `now`: echoed in time → corroborated; otherwise
 * the item gets the full reason with its evidence (document, since when, delay), its infox score
 * and its story's are recomputed and saved. One transaction.
 */
export function sweepExpiredClaims(db: Db, now: Date = new Date(), opts: SweepOptions = {}): SweepResult {
  const out: SweepResult = { flagged: [], corroborated: [], stories: [] };
  const nowIso = now.toISOString();
  db.transaction(() => {
    const stories = new Set<number>();
    for (const c of dueClaims(db, nowIso, opts.limit ?? 500)) {
      const item = readItemStory(db, c.itemId);
      const reasons = item && readReasonsOrPending(db, c.itemId);
      if (!item || !reasons) {
        removePendingClaim(db, c.itemId);
        continue;
      }
      if (hasTrustedEcho(db, c.itemId, c.deadline, [...TRUSTED_SOURCE_TYPES])) {
        markCorroborated(db, c.itemId);
        out.corroborated.push(c.itemId);
        continue;
      }
      removePendingClaim(db, c.itemId);
      if (!reasons.infox.some((x) => x.signal === PENDING)) continue; // withdrawn or already flagged meanwhile
      const hours = Math.round(((Date.parse(c.deadline) - Date.parse(c.claimedAt)) / H) * 10) / 10;
      const infox = reasons.infox.filter((x) => x.signal !== PENDING);
      infox.push({
        signal: FLAGGED,
        weight: UNCORROBORATED_CLAIM_POINTS,
        evidence: `« ${c.document} » invoqué le ${minute(c.claimedAt)} ; aucune source officielle ni presse de confiance (officielle, presse nationale, TV, radio) ne l’a repris dans les ${hours} h`,
      });
      updateItemInfox(db, c.itemId, infoxOf(infox), { ...reasons, infox });
      out.flagged.push(c.itemId);
      if (item.storyId != null) stories.add(item.storyId);
    }
    for (const id of stories) {
      const top = topInfoxItem(db, id);
      if (!top) continue;
      // A damaged reasons value loses only the signal names of the evidence line, not the sweep.
      const signals = (parseJsonColumn<Partial<ItemReasons>>(top.reasons, {}).infox ?? [])
        .filter((x) => x.weight > 0)
        .map((x) => x.signal);
      updateStoryInfox(
        db,
        id,
        top.infox,
        top.infox > 0
          ? [{ signal: 'most-suspicious-item', weight: top.infox, evidence: `${top.title} (${signals.join(', ')})` }]
          : [],
        nowIso,
      );
      opts.onStory?.(id, { title: top.title, infox: top.infox, signals });
      out.stories.push(id);
    }
  })();
  return out;
}

/** Handle on a periodic sweep. */
export interface ClaimSweep {
  /** Sweeps now (also runs on the timer). */
  runNow(): SweepResult | null;
  /** Stops the timer. */
  stop(): void;
}

/** Options of startClaimSweep. */
export interface ClaimSweepOptions extends SweepOptions {
  /** Period, ms. Default 5 minutes: a flag appears at most that long after its deadline. */
  intervalMs?: number;
  /** Clock (tests, the engine's injected clock). */
  now?: () => Date;
  /** Called after a sweep that changed something (events, alert evaluation). */
  onChange?: (r: SweepResult) => void;
  /** Failures are reported here, never thrown from the timer. */
  onError?: (err: unknown) => void;
}

/**
 * Sweeps due claims right after start (next tick, so that the caller can subscribe first: a
 * stopped app catches up at once) and then every `intervalMs`. Timers are unref'd: they never
 * keep a process alive.
 */
export function startClaimSweep(db: Db, opts: ClaimSweepOptions = {}): ClaimSweep {
  const runNow = (): SweepResult | null => {
    try {
      const r = sweepExpiredClaims(db, opts.now?.() ?? new Date(), opts);
      if (r.flagged.length || r.corroborated.length) opts.onChange?.(r);
      return r;
    } catch (err) {
      opts.onError?.(err);
      return null;
    }
  };
  const timer = setInterval(runNow, opts.intervalMs ?? 5 * 60_000);
  const first = setTimeout(runNow, 0);
  timer.unref?.();
  first.unref?.();
  return {
    runNow,
    stop: () => {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}
