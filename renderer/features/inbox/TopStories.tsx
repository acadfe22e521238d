/** The Priorité side column: the stories with the highest urgency now. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp } from '../../app/context';
import { formatRoute } from '../../app/router';
import { ScoreBadge } from '../../components/ScoreBadge';
import { Sparkline } from '../../components/Sparkline';
import type { StorySummary } from '../../../shared/api/contract';

/** Renders up to 8 stories by urgency, once `ready` (after the list's first page). */
export function TopStories({ ready = true }: { ready?: boolean }) {
  const { t } = useTranslation();
  const { liveTick } = useApp();
  const [stories, setStories] = useState<StorySummary[]>([]);
  useEffect(() => {
    if (!ready) return;
    void call('stories:list', { sort: 'urgency', limit: 8, minItems: 2 }).then((r) => {
      if (r.ok) setStories(r.value.stories);
    });
  }, [liveTick, ready]);
  return (
    <aside className="topstories" aria-labelledby="topstories-title">
      <h2 id="topstories-title">{t('inbox.topStories')}</h2>
      {stories.length === 0 ? (
        <p className="muted">{t('stories.none')}</p>
      ) : (
        <ol>
          {stories.map((s) => (
            <li key={s.id}>
              <a href={formatRoute({ screen: 'story', id: s.id })}>{s.title}</a>
              <div className="ts-meta">
                <ScoreBadge kind="urgency" value={s.urgency} />
                <span>{t('stories.size', { count: s.itemCount })}</span>
                <Sparkline
                  values={s.sparkline}
                  width={64}
                  height={18}
                  label={t('stories.sparkLabel', { count: s.sparkline.reduce((a, b) => a + b, 0) })}
                />
              </div>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
