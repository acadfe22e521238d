/**
 * Récits: story list with size, sources, types, sparkline of items per hour, scores; or, "par
 * dossier", the topics with their stories (events) under each.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp, useCommands } from '../../app/context';
import { moveCursor } from '../../app/keymap';
import { VirtualList } from '../../components/VirtualList';
import { ScoreBadge } from '../../components/ScoreBadge';
import { Sparkline } from '../../components/Sparkline';
import { ErrorNote } from '../../components/ErrorNote';
import { formatCompactTime } from '../../i18n/format';
import type { StorySummary, TopicView } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';
import { SOURCE_TYPES, type SourceType } from '../../../shared/types/domain';

type StorySort = 'urgency' | 'recent' | 'size';

/** One row of the topics view: a topic, or one of its stories. */
type TopicRow = { kind: 'topic'; topic: TopicView } | { kind: 'story'; story: TopicView['stories'][number] };

/** Topics and their stories as one list of rows, each topic followed by its stories. */
function topicRows(topics: TopicView[]): TopicRow[] {
  return topics.flatMap((topic) => [
    { kind: 'topic' as const, topic },
    ...topic.stories.map((story) => ({ kind: 'story' as const, story })),
  ]);
}

/** The stories screen. */
export function StoriesScreen() {
  const { t, i18n } = useTranslation();
  const { navigate, liveTick } = useApp();
  const [stories, setStories] = useState<StorySummary[]>([]);
  const [sort, setSort] = useState<StorySort>('urgency');
  const [cursor, setCursor] = useState(0);
  const [error, setError] = useState<SerializedError | null>(null);
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const [type, setType] = useState<SourceType | ''>('');
  const [view, setView] = useState<'stories' | 'topics'>('stories');
  const [rows, setRows] = useState<TopicRow[]>([]);

  useEffect(() => {
    if (view !== 'topics') return;
    let stale = false;
    void call('topics:list', { limit: 200 }).then((r) => {
      if (stale) return;
      if (r.ok) {
        setRows(topicRows(r.value.topics));
        setError(null);
        setCursor(0);
      } else setError(r.error);
    });
    return () => {
      stale = true;
    };
  }, [view, liveTick]);

  useEffect(() => {
    void call('stories:list', {
      sort,
      limit: 2000,
      ...(applied.trim() ? { query: applied.trim() } : {}),
      ...(type ? { sourceTypes: [type] } : {}),
    }).then((r) => {
      if (r.ok) {
        setStories(r.value.stories);
        setError(null);
        setCursor(0);
      } else setError(r.error);
    });
  }, [sort, liveTick, applied, type]);

  const count = view === 'topics' ? rows.length : stories.length;
  const open = useCallback(
    (i: number) => {
      if (view === 'topics') {
        const r = rows[i];
        const id = r?.kind === 'story' ? r.story.id : r?.topic.stories[0]?.id;
        if (id !== undefined) navigate({ screen: 'story', id });
        return;
      }
      const s = stories[i];
      if (s) navigate({ screen: 'story', id: s.id });
    },
    [stories, rows, view, navigate],
  );
  useCommands((c) => {
    if (c === 'next') {
      setCursor((x) => moveCursor(x, 1, count));
      return true;
    }
    if (c === 'prev') {
      setCursor((x) => moveCursor(x, -1, count));
      return true;
    }
    if (c === 'open') {
      open(cursor);
      return true;
    }
    return false;
  });

  const renderRow = useCallback(
    (i: number) => {
      const s = stories[i];
      return (
        <div className="row story-row">
          <span className="row-main">
            <span className="row-title">{s.title}</span>
            <span className="row-meta">
              <span>{t('stories.size', { count: s.itemCount })}</span>
              <span>{t('stories.sources', { count: s.sourceCount })}</span>
              {s.sourceTypes.slice(0, 4).map((ty) => (
                <span key={ty} className={`type type-${ty}`}>
                  {t(`sourceType.${ty}`)}
                </span>
              ))}
            </span>
          </span>
          <Sparkline
            values={s.sparkline}
            label={t('stories.sparkLabel', { count: s.sparkline.reduce((a, b) => a + b, 0) })}
          />
          <time className="row-time" dateTime={s.lastSeen}>
            {formatCompactTime(s.lastSeen, i18n.language)}
          </time>
          <span className="row-scores">
            <ScoreBadge kind="urgency" value={s.urgency} />
            <ScoreBadge kind="virality" value={s.virality} />
            <ScoreBadge kind="controversy" value={s.controversy} />
            <ScoreBadge kind="infox" value={s.infox} />
          </span>
        </div>
      );
    },
    [stories, t, i18n.language],
  );

  const renderTopicRow = useCallback(
    (i: number) => {
      const r = rows[i]!;
      if (r.kind === 'topic')
        return (
          <div className="row topic-row">
            <span className="row-main">
              <span className="row-title">{r.topic.title}</span>
              <span className="row-meta">
                <span>{t('stories.topicStories', { count: r.topic.storyCount })}</span>
                <span>{t('stories.size', { count: r.topic.itemCount })}</span>
                <span>{t('stories.topicTerms', { terms: r.topic.keyTerms.join(', ') })}</span>
              </span>
            </span>
            <time className="row-time" dateTime={r.topic.lastSeen}>
              {formatCompactTime(r.topic.lastSeen, i18n.language)}
            </time>
          </div>
        );
      return (
        <div className="row story-row topic-story">
          <span className="row-main">
            <span className="row-title">{r.story.title}</span>
            <span className="row-meta">
              <span>{t('stories.size', { count: r.story.itemCount })}</span>
              <span>{t('stories.sources', { count: r.story.sourceCount })}</span>
            </span>
          </span>
          <time className="row-time" dateTime={r.story.lastSeen}>
            {formatCompactTime(r.story.lastSeen, i18n.language)}
          </time>
        </div>
      );
    },
    [rows, t, i18n.language],
  );

  return (
    <section className="screen stories" aria-labelledby="stories-title">
      <div className="screen-head">
        <h1 id="stories-title">{t('nav.stories')}</h1>
        <p className="count">{t('stories.count', { count: stories.length })}</p>
        <label className="f">
          <span>{t('stories.view')}</span>
          <select value={view} onChange={(e) => setView(e.target.value as 'stories' | 'topics')}>
            <option value="stories">{t('stories.viewStories')}</option>
            <option value="topics">{t('stories.viewTopics')}</option>
          </select>
        </label>
        <form
          className="inline-form"
          role="search"
          aria-label={t('stories.filter')}
          onSubmit={(e) => {
            e.preventDefault();
            setApplied(query);
          }}
        >
          <label className="f">
            <span>{t('stories.filter')}</span>
            <input
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder={t('stories.filterPlaceholder')}
            />
          </label>
          <button type="submit">{t('search.submit')}</button>
        </form>
        <label className="f">
          <span>{t('filters.sourceType')}</span>
          <select value={type} onChange={(e) => setType(e.target.value as SourceType | '')}>
            <option value="">{t('filters.any')}</option>
            {SOURCE_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`sourceType.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="f">
          <span>{t('filters.sort')}</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as StorySort)}>
            <option value="urgency">{t('sort.urgency')}</option>
            <option value="recent">{t('sort.recent')}</option>
            <option value="size">{t('sort.size')}</option>
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      <div className="list-host">
        {view === 'topics' ? (
          rows.length === 0 ? (
            <p className="empty">{t('stories.topicsNone')}</p>
          ) : (
            <VirtualList
              id="topics"
              count={rows.length}
              rowHeight={52}
              cursor={cursor}
              label={t('stories.topicsLabel')}
              renderRow={renderTopicRow}
              onRowClick={(i) => setCursor(i)}
              onRowActivate={open}
            />
          )
        ) : stories.length === 0 ? (
          <p className="empty">{t('stories.none')}</p>
        ) : (
          <VirtualList
            id="stories"
            count={stories.length}
            rowHeight={52}
            cursor={cursor}
            label={t('stories.listLabel')}
            renderRow={renderRow}
            onRowClick={(i) => setCursor(i)}
            onRowActivate={open}
          />
        )}
      </div>
    </section>
  );
}
