/** Combined urgency (Priorité): what needs attention now. Pure. */

/** Hours after which recency weighs half (a day-old item is half as urgent as a fresh one). */
export const URGENCY_HALF_LIFE_H = 12;

/** Scores and date an urgency is computed from. */
export interface UrgencyInput {
  virality: number | null;
  controversy: number | null;
  infox: number | null;
  published: string | null;
  fetchedAt: string;
}

/**
 * Urgency 0–100: the strongest score dominates (one alarming signal is enough) and the mean of
 * the three adds weight when several agree; recency decays with a half-life, down to a floor so
 * a strong old story still outranks fresh noise. Unscored items get a small recency-only value.
 */
export function computeUrgency(it: UrgencyInput, nowMs: number): number {
  const v = it.virality ?? 0,
    c = it.controversy ?? 0,
    x = it.infox ?? 0;
  const base = 0.6 * Math.max(v, c, x) + 0.4 * ((v + c + x) / 3);
  const at = Date.parse(it.published ?? it.fetchedAt);
  const ageH = Number.isNaN(at) ? 48 : Math.max(0, (nowMs - at) / 3_600_000);
  const recency = Math.pow(0.5, ageH / URGENCY_HALF_LIFE_H);
  const scored = it.virality !== null || it.controversy !== null || it.infox !== null;
  const value = scored ? base * (0.3 + 0.7 * recency) : 10 * recency;
  return Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
}
