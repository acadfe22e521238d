/** A story: scores with reasons, timeline of items per hour, sources by type, all items in time order. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp, useCommands } from '../../app/context';
import { moveCursor } from '../../app/keymap';
import { formatRoute } from '../../app/router';
import { ScoreBadge } from '../../components/ScoreBadge';
import { Reasons } from '../../components/Reasons';
import { EChart } from '../../components/EChart';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { setTriage } from '../inbox/triage-actions';
import type { StoryDetail } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';
import type { TriageState } from '../../../shared/types/domain';

/** Props: the story id. */
export interface StoryScreenProps {
  id: number;
}

/** The story screen. */
export function StoryScreen({ id }: StoryScreenProps) {
  const { t, i18n } = useTranslation();
  const { navigate, notify, liveTick } = useApp();
  const [detail, setDetail] = useState<StoryDetail | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  const [cursor, setCursor] = useState(0);

  useEffect(() => {
    void call('stories:get', { id }).then((r) => {
      if (r.ok) {
        setDetail(r.value);
        setError(null);
      } else setError(r.error);
    });
  }, [id, liveTick]);

  /** Triage the whole story (every item) from the keyboard: e/a/f/v. */
  const triageStory = async (state: TriageState) => {
    if (!detail) return;
    const priors = detail.items.map((it) => ({ id: it.id, triage: it.triage, starred: it.starred }));
    const label = t('triage.storyDone', { count: priors.length, state: t(`triage.${state}`) });
    const err = await setTriage(
      priors.map((p) => p.id),
      state,
      priors,
      label,
    );
    if (err) {
      notify(t('errors.triage'));
      return;
    }
    setDetail({ ...detail, items: detail.items.map((it) => ({ ...it, triage: state })) });
    notify(label);
  };

  useCommands((c) => {
    const n = detail?.items.length ?? 0;
    if (c === 'next') {
      setCursor((x) => moveCursor(x, 1, n));
      return true;
    }
    if (c === 'prev') {
      setCursor((x) => moveCursor(x, -1, n));
      return true;
    }
    if (c === 'open' && detail?.items[cursor]) {
      navigate({ screen: 'item', id: detail.items[cursor].id });
      return true;
    }
    if (c === 'escalate') {
      void triageStory('escalated');
      return true;
    }
    if (c === 'archive') {
      void triageStory('archived');
      return true;
    }
    if (c === 'follow') {
      void triageStory('follow');
      return true;
    }
    if (c === 'seen') {
      void triageStory('seen');
      return true;
    }
    return false;
  });

  const timelineOption = useMemo(
    () =>
      detail && {
        grid: { left: 36, right: 12, top: 12, bottom: 28 },
        xAxis: {
          type: 'category' as const,
          data: detail.timeline.map((p) => formatDateTime(p.at, i18n.language)),
          axisLabel: {
            color: '#333',
            hideOverlap: true,
            formatter: (v: string) => v.slice(0, 16).replace(/^(\d\d\/\d\d)\/\d{4}/, '$1'),
          },
        },
        yAxis: { type: 'value' as const, minInterval: 1, axisLabel: { color: '#333' } },
        series: [{ type: 'bar' as const, data: detail.timeline.map((p) => p.count), itemStyle: { color: '#1f4e8c' } }],
        tooltip: { trigger: 'axis' as const },
      },
    [detail, i18n.language],
  );

  if (error)
    return (
      <section className="screen">
        <ErrorNote error={error} />
      </section>
    );
  if (!detail)
    return (
      <section className="screen">
        <p>{t('common.loading')}</p>
      </section>
    );
  const s = detail.story;
  const typeEntries = Object.entries(detail.bySourceType).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const maxType = Math.max(1, ...typeEntries.map(([, n]) => n ?? 0));
  return (
    <section className="screen story" aria-labelledby="story-title">
      <div className="screen-head">
        <button type="button" className="back" onClick={() => window.history.back()}>
          {t('common.back')}
        </button>
        <h1 id="story-title">{s.title}</h1>
      </div>
      <p className="meta-line">
        <ScoreBadge kind="urgency" value={s.urgency} long />
        <span>{t('stories.size', { count: s.itemCount })}</span>
        <span>{t('stories.sources', { count: s.sourceCount })}</span>
        <span>
          {t('stories.span', {
            from: formatDateTime(s.firstSeen, i18n.language),
            to: formatDateTime(s.lastSeen, i18n.language),
          })}
        </span>
        {s.keyTerms.length > 0 && <span className="muted">{s.keyTerms.slice(0, 6).join(' · ')}</span>}
      </p>
      <div className="toolbar" role="toolbar" aria-label={t('stories.actions')}>
        {(['seen', 'follow', 'escalated', 'archived'] as TriageState[]).map((st) => (
          <button key={st} type="button" onClick={() => void triageStory(st)}>
            {t(`triage.action.${st}`)}
          </button>
        ))}
      </div>
      <div className="grid-2">
        <section aria-labelledby="timeline-title" className="panel">
          <h2 id="timeline-title">{t('stories.timeline')}</h2>
          {timelineOption && (
            <EChart option={timelineOption} label={t('stories.timelineLabel', { count: s.itemCount })} height={180} />
          )}
        </section>
        <section aria-labelledby="bytype-title" className="panel">
          <h2 id="bytype-title">{t('stories.byType')}</h2>
          <ul className="bars">
            {typeEntries.map(([ty, n]) => (
              <li key={ty}>
                <span className="bar-label">{t(`sourceType.${ty}`)}</span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${((n ?? 0) / maxType) * 100}%` }} />
                </span>
                <span className="bar-value">{formatNumber(n ?? 0, i18n.language)}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="story-reasons" className="panel">
        <h2 id="story-reasons">{t('reasons.title')}</h2>
        <Reasons scores={s} reasons={detail.reasons} />
      </section>
      <section aria-labelledby="story-items" className="panel">
        <h2 id="story-items">{t('stories.items', { count: detail.items.length })}</h2>
        <ol className="timeline">
          {detail.items.map((it, i) => (
            <li key={it.id} className={i === cursor ? 'is-cursor' : undefined}>
              <time dateTime={it.published ?? undefined}>
                {formatDateTime(it.published ?? it.fetchedAt, i18n.language)}
              </time>
              <a href={formatRoute({ screen: 'item', id: it.id })}>{it.title}</a>
              <span className="muted">{it.sourceName}</span>
              <span className={`state state-${it.triage}`}>{t(`triage.${it.triage}`)}</span>
              <ScoreBadge kind="infox" value={it.infox} />
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}
