/** A 0–100 score as a compact coloured badge; the level is spelled out for screen readers. */
import { useTranslation } from 'react-i18next';

/** Which score a badge shows. */
export type ScoreKind = 'urgency' | 'virality' | 'controversy' | 'infox';

/** Level bands: ≥ 70 high, ≥ 40 medium, else low; null = not analysed yet. */
export function scoreLevel(value: number | null | undefined): 'high' | 'medium' | 'low' | 'none' {
  if (value === null || value === undefined) return 'none';
  if (value >= 70) return 'high';
  if (value >= 40) return 'medium';
  return 'low';
}

/** Props: the kind, the value, and whether to show the full label next to the number. */
export interface ScoreBadgeProps {
  kind: ScoreKind;
  value: number | null | undefined;
  long?: boolean;
}

/** Renders "V 72" (or "Viralité 72" when long), coloured by level. */
export function ScoreBadge({ kind, value, long = false }: ScoreBadgeProps) {
  const { t } = useTranslation();
  return scoreBadgeView(kind, value, long, t);
}

/**
 * The badge without hooks, for dense virtualized rows: one translation hook per row instead of
 * one per badge keeps mounting 40 fresh rows per frame cheap while flinging through 100k items.
 */
export function scoreBadgeView(
  kind: ScoreKind,
  value: number | null | undefined,
  long: boolean,
  t: (key: string) => string,
) {
  const level = scoreLevel(value);
  const shown = value === null || value === undefined ? '–' : String(Math.round(value));
  const name = t(`score.${kind}`);
  return (
    <span className={`score score-${kind} score-${level}`} title={`${name} : ${shown}/100`}>
      <span aria-hidden="true" className="score-key">
        {long ? name : t(`score.short.${kind}`)}
      </span>
      <span className="sr-only">{`${name} ${shown} / 100`}</span>
      <span aria-hidden="true" className="score-value">
        {shown}
      </span>
    </span>
  );
}
