/** The Priorité filter bar: compact labelled controls, one per filter; saving the search as a watch topic. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp } from '../../app/context';
import { SOURCE_TYPES, TRIAGE_STATES } from '../../../shared/types/domain';
import type { SavedSearch, SourceView } from '../../../shared/api/contract';
import { DEFAULT_FILTERS, PERIODS, countActiveFilters, type InboxFilters, type TriageView } from './filters';

/** Props: the filters and the change callback. */
export interface FilterBarProps {
  filters: InboxFilters;
  onChange: (f: InboxFilters) => void;
  /** False until the list's first page arrived: the list goes first on a single-threaded engine. */
  ready?: boolean;
}

/** Renders the filter controls. */
export function FilterBar({ filters, onChange, ready = true }: FilterBarProps) {
  const { t } = useTranslation();
  const { notify, liveTick } = useApp();
  const [sources, setSources] = useState<SourceView[]>([]);
  const [topics, setTopics] = useState<SavedSearch[]>([]);
  const set = <K extends keyof InboxFilters>(k: K, v: InboxFilters[K]) => onChange({ ...filters, [k]: v });

  useEffect(() => {
    if (!ready) return;
    void call('sources:list').then((r) => {
      if (r.ok) setSources(r.value);
    });
    void call('search:saved:list').then((r) => {
      if (r.ok) setTopics(r.value);
    });
  }, [liveTick, ready]);

  const saveSearch = async () => {
    const name = filters.query.trim() || t('search.untitled');
    const r = await call('search:saved:save', { name, query: filters.query, watch: true });
    if (r.ok) {
      setTopics((ts) => [...ts.filter((x) => x.id !== r.value.id), r.value]);
      notify(t('search.saved', { name }));
    } else notify(t('errors.generic'));
  };

  const score = (k: 'minVirality' | 'minControversy' | 'minInfox', label: string) => (
    <label className="f f-num">
      <span>{label} ≥</span>
      <input
        type="number"
        min={0}
        max={100}
        step={10}
        value={filters[k] || ''}
        placeholder="0"
        onChange={(e) => set(k, Math.max(0, Math.min(100, Number(e.target.value) || 0)))}
      />
    </label>
  );
  const active = countActiveFilters(filters);

  return (
    <form className="filterbar" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <label className="f">
        <span>{t('filters.triage')}</span>
        <select value={filters.triage} onChange={(e) => set('triage', e.target.value as TriageView)}>
          <option value="open">{t('filters.open')}</option>
          <option value="all">{t('filters.all')}</option>
          <option value="starred">{t('triage.starred')}</option>
          {TRIAGE_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`triage.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="f">
        <span>{t('filters.sourceType')}</span>
        <select
          value={filters.sourceType}
          onChange={(e) => set('sourceType', e.target.value as InboxFilters['sourceType'])}
        >
          <option value="">{t('filters.any')}</option>
          {SOURCE_TYPES.map((s) => (
            <option key={s} value={s}>
              {t(`sourceType.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="f">
        <span>{t('filters.source')}</span>
        <select value={filters.sourceId} onChange={(e) => set('sourceId', Number(e.target.value))}>
          <option value={0}>{t('filters.any')}</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="f">
        <span>{t('filters.period')}</span>
        <select value={filters.periodHours} onChange={(e) => set('periodHours', Number(e.target.value))}>
          {PERIODS.map((h) => (
            <option key={h} value={h}>
              {t(`filters.periods.${h}`)}
            </option>
          ))}
        </select>
      </label>
      {score('minVirality', t('score.short.virality'))}
      {score('minControversy', t('score.short.controversy'))}
      {score('minInfox', t('score.short.infox'))}
      <label className="f">
        <span>{t('filters.language')}</span>
        <select value={filters.language} onChange={(e) => set('language', e.target.value)}>
          <option value="">{t('filters.any')}</option>
          <option value="fr">{t('lang.fr')}</option>
          <option value="en">{t('lang.en')}</option>
        </select>
      </label>
      <label className="f">
        <span>{t('filters.topic')}</span>
        <select value={filters.watchTopicId} onChange={(e) => set('watchTopicId', Number(e.target.value))}>
          <option value={0}>{t('filters.any')}</option>
          {topics
            .filter((x) => x.watch)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name} ({x.matchCount})
              </option>
            ))}
        </select>
      </label>
      <label className="f">
        <span>{t('filters.sort')}</span>
        <select value={filters.sort} onChange={(e) => set('sort', e.target.value as InboxFilters['sort'])}>
          {(['urgency', 'recent', 'virality', 'controversy', 'infox'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="f-actions">
        <button
          type="button"
          onClick={() => onChange({ ...DEFAULT_FILTERS, query: filters.query })}
          disabled={active === 0}
        >
          {t('filters.reset', { count: active })}
        </button>
        <button type="button" onClick={() => void saveSearch()} disabled={!filters.query.trim()}>
          {t('search.saveAsTopic')}
        </button>
      </div>
    </form>
  );
}
