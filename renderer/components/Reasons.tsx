/** The reasons behind scores: signal, points and evidence, strongest first, per score. */
import { useTranslation } from 'react-i18next';
import type { Scores } from '../../shared/types/domain';
import { ScoreBadge } from './ScoreBadge';

/** Props: the three scores and their reasons. */
export interface ReasonsProps {
  scores: { virality: number | null; controversy: number | null; infox: number | null };
  reasons: Scores['reasons'];
}

/** Renders one block per score. */
export function Reasons({ scores, reasons }: ReasonsProps) {
  const { t } = useTranslation();
  return (
    <div className="reasons">
      {(['virality', 'controversy', 'infox'] as const).map((k) => (
        <section key={k} className="reason-block" aria-labelledby={`reasons-${k}`}>
          <h3 id={`reasons-${k}`}>
            <ScoreBadge kind={k} value={scores[k]} long />
          </h3>
          {reasons[k].length === 0 ? (
            <p className="muted">{t('reasons.none')}</p>
          ) : (
            <ul>
              {[...reasons[k]]
                .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
                .slice(0, 8)
                .map((r, i) => (
                  <li key={i}>
                    <span className="reason-signal">{t(`signal.${r.signal}`, { defaultValue: r.signal })}</span>
                    <span className="reason-weight">
                      {r.weight > 0 ? '+' : ''}
                      {Math.round(r.weight)}
                    </span>
                    <span className="reason-evidence">{r.evidence}</span>
                  </li>
                ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
