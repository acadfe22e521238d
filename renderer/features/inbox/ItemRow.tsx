/** One dense row of the Priorité list: star, state, title with highlights, source, time, scores. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummary } from '../../../shared/api/contract';
import type { HighlightTerm } from '../search/query';
import { Highlight } from '../../components/Highlight';
import { scoreBadgeView } from '../../components/ScoreBadge';
import { formatCompactTime } from '../../i18n/format';

/** Props: the row (undefined while its page loads) and the highlight terms. */
export interface ItemRowProps {
  item: ItemSummary | undefined;
  terms: HighlightTerm[];
}

/** Renders the row content (the option wrapper is VirtualList's). */
export const ItemRow = memo(function ItemRow({ item, terms }: ItemRowProps) {
  const { t, i18n } = useTranslation();
  if (!item) return <div className="row row-loading">{t('common.loading')}</div>;
  return (
    <div className={`row triage-${item.triage}`}>
      <span className={`star${item.starred ? ' on' : ''}`} aria-hidden="true">
        {item.starred ? '★' : '☆'}
      </span>
      {item.starred && <span className="sr-only">{t('triage.starred')}</span>}
      <span className={`state state-${item.triage}`}>{t(`triage.${item.triage}`)}</span>
      <span className="row-main">
        <span className="row-title">
          <Highlight text={item.title} terms={terms} />
        </span>
        <span className="row-meta">
          <span className="src">{item.sourceName}</span>
          <span className={`type type-${item.sourceType}`}>{t(`sourceType.${item.sourceType}`)}</span>
          {item.verdict && <span className={`verdict verdict-${item.verdict}`}>{t(`verdict.${item.verdict}`)}</span>}
          {item.tags.slice(0, 3).map((tag) => (
            <span key={tag} className="tag">
              #{tag}
            </span>
          ))}
        </span>
      </span>
      <time className="row-time" dateTime={item.published ?? undefined}>
        {formatCompactTime(item.published ?? item.fetchedAt, i18n.language)}
      </time>
      <span className="row-scores">
        {scoreBadgeView('urgency', item.urgency, false, t)}
        {scoreBadgeView('virality', item.virality, false, t)}
        {scoreBadgeView('controversy', item.controversy, false, t)}
        {scoreBadgeView('infox', item.infox, false, t)}
      </span>
    </div>
  );
});
