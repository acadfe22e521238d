/** Item: sanitized content, source + reliability, scores with reasons, related, triage, notes, tags, verdict, push. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp, useCommands } from '../../app/context';
import { formatRoute } from '../../app/router';
import { ScoreBadge } from '../../components/ScoreBadge';
import { Reasons } from '../../components/Reasons';
import { SafeHtml } from '../../components/SafeHtml';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../i18n/format';
import { setStarred, setTriage, undoLast } from '../inbox/triage-actions';
import { TRIAGE_STATES, type TriageState, type Verdict } from '../../../shared/types/domain';
import type { ItemDetail, ItemSummary } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';
import { AnalystPanel } from './AnalystPanel';
import { stepInbox } from '../inbox/inbox-cursor';
import { PushDialog } from './PushDialog';

/** Props: the item id. */
export interface ItemScreenProps {
  id: number;
}

/** The item screen. */
export function ItemScreen({ id }: ItemScreenProps) {
  const { t, i18n } = useTranslation();
  const { notify, liveTick } = useApp();
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [related, setRelated] = useState<ItemSummary[]>([]);
  const [error, setError] = useState<SerializedError | null>(null);
  const [pushing, setPushing] = useState(false);

  const load = useCallback(() => {
    void call('items:get', { id }).then((r) => {
      if (r.ok) {
        setDetail(r.value);
        setError(null);
      } else setError(r.error);
    });
  }, [id]);
  useEffect(load, [load, liveTick]);
  useEffect(() => {
    void call('items:related', { id, limit: 8 }).then((r) => {
      if (r.ok) setRelated(r.value);
    });
  }, [id]);
  useEffect(() => {
    document.getElementById('item-title')?.focus();
  }, [id, detail === null]);

  const changeState = async (state: TriageState) => {
    if (!detail) return;
    const it = detail.item;
    const label = t('triage.done', { count: 1, state: t(`triage.${state}`) });
    const err = await setTriage([it.id], state, [{ id: it.id, triage: it.triage, starred: it.starred }], label);
    if (err) {
      notify(t('errors.triage'));
      return;
    }
    setDetail({ ...detail, item: { ...it, triage: state } });
    notify(label, { label: t('common.undo'), run: () => void undo() });
  };
  const toggleStar = async () => {
    if (!detail) return;
    const it = detail.item;
    const err = await setStarred(
      [it.id],
      !it.starred,
      [{ id: it.id, triage: it.triage, starred: it.starred }],
      t('triage.action.star'),
    );
    if (!err) setDetail({ ...detail, item: { ...it, starred: !it.starred } });
  };
  const undo = async () => {
    const done = await undoLast();
    if (done) {
      notify(t('triage.undone', { label: done.label }));
      load();
    }
  };
  const setVerdict = async (verdict: Verdict | null, comment?: string) => {
    const r = await call('items:verdict', { id, verdict, ...(comment ? { comment } : {}) });
    if (r.ok) {
      setDetail(r.value);
      notify(t(verdict ? `verdict.set.${verdict}` : 'verdict.cleared'));
    } else notify(t('errors.generic'));
  };

  useCommands((c) => {
    if (c === 'star') {
      void toggleStar();
      return true;
    }
    if (c === 'escalate') {
      void changeState('escalated');
      return true;
    }
    if (c === 'archive') {
      void changeState('archived');
      return true;
    }
    if (c === 'follow') {
      void changeState('follow');
      return true;
    }
    if (c === 'seen') {
      void changeState('seen');
      return true;
    }
    if (c === 'undo') {
      void undo();
      return true;
    }
    if (c === 'back' && pushing) {
      setPushing(false);
      return true;
    }
    if (c === 'push') {
      setPushing(true);
      return true;
    }
    if (c === 'next' || c === 'prev') {
      const next = stepInbox(c === 'next' ? 1 : -1);
      // Replace, not push: "back" returns to the list, not through every item read.
      if (next !== null) window.location.replace(formatRoute({ screen: 'item', id: next }));
      return true;
    }
    return false;
  });

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
  const it = detail.item;
  const main = detail.sources.find((s) => s.sourceId === it.sourceId) ?? detail.sources[0];
  return (
    <article className="screen item" aria-labelledby="item-title">
      <div className="screen-head">
        <button type="button" className="back" onClick={() => window.history.back()}>
          {t('common.back')}
        </button>
        <h1 id="item-title" tabIndex={-1}>
          {it.title}
        </h1>
      </div>
      <p className="meta-line">
        <span className="src">{it.sourceName}</span>
        <span className={`type type-${it.sourceType}`}>{t(`sourceType.${it.sourceType}`)}</span>
        <span className={`reliability rel-${main?.reliability ?? 'unknown'}`}>
          {t(`reliability.${main?.reliability ?? 'unknown'}`)}
        </span>
        <time dateTime={it.published ?? undefined}>{formatDateTime(it.published ?? it.fetchedAt, i18n.language)}</time>
        {it.link && (
          <a href={it.link} target="_blank" rel="noopener noreferrer">
            {t('item.openOriginal')}
          </a>
        )}
        {detail.story && (
          <a href={formatRoute({ screen: 'story', id: detail.story.id })}>
            {t('item.story', { title: detail.story.title })}
          </a>
        )}
      </p>
      <div className="toolbar" role="toolbar" aria-label={t('item.actions')}>
        <fieldset className="states">
          <legend>{t('triage.state')}</legend>
          {TRIAGE_STATES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={it.triage === s}
              className="state-btn"
              onClick={() => void changeState(s)}
            >
              {t(`triage.${s}`)}
            </button>
          ))}
        </fieldset>
        <button type="button" aria-pressed={it.starred} onClick={() => void toggleStar()}>
          {it.starred ? '★ ' : '☆ '}
          {t('triage.action.star')}
        </button>
        <button type="button" className="primary" onClick={() => setPushing(true)}>
          {t('item.push')}
        </button>
      </div>
      <div className="item-grid">
        <div className="item-col">
          {it.summary && <p className="chapo">{it.summary}</p>}
          {it.content ? <SafeHtml sanitizedHtml={it.content} label={t('item.content')} /> : null}
          <section className="panel" aria-labelledby="item-sources">
            <h2 id="item-sources">{t('item.sources', { count: detail.sources.length })}</h2>
            <ul className="plain">
              {detail.sources.map((s) => (
                <li key={s.sourceId}>
                  {s.sourceName} · {t(`sourceType.${s.sourceType}`)} ·{' '}
                  <span className={`reliability rel-${s.reliability ?? 'unknown'}`}>
                    {t(`reliability.${s.reliability ?? 'unknown'}`)}
                  </span>
                  {' · '}
                  {formatDateTime(s.firstSeenAt, i18n.language)}
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="item-related">
            <h2 id="item-related">{t('item.related')}</h2>
            {related.length === 0 ? (
              <p className="muted">{t('item.noRelated')}</p>
            ) : (
              <ul className="plain">
                {related.map((r) => (
                  <li key={r.id}>
                    <a href={formatRoute({ screen: 'item', id: r.id })}>{r.title}</a>{' '}
                    <span className="muted">{r.sourceName}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="item-col side">
          <section className="panel" aria-labelledby="item-scores">
            <h2 id="item-scores">{t('reasons.title')}</h2>
            <p>
              <ScoreBadge kind="urgency" value={it.urgency} long />
            </p>
            <Reasons scores={it} reasons={detail.reasons} />
          </section>
          <AnalystPanel detail={detail} onChange={setDetail} onVerdict={setVerdict} />
        </div>
      </div>
      {pushing && <PushDialog itemId={it.id} title={it.title} onClose={() => setPushing(false)} />}
    </article>
  );
}
