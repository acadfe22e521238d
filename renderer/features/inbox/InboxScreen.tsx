/** Priorité: items ranked by urgency, filters, keyboard triage with undo, bulk actions, live updates. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useCommands } from '../../app/context';
import { moveCursor, type KeyCommand } from '../../app/keymap';
import { VirtualList } from '../../components/VirtualList';
import { ErrorNote } from '../../components/ErrorNote';
import { formatNumber } from '../../i18n/format';
import { parseQuery, describeQuery } from '../search/query';
import { FilterBar } from './FilterBar';
import { TopStories } from './TopStories';
import { ItemRow } from './ItemRow';
import { DEFAULT_FILTERS, toListInput, type InboxFilters } from './filters';
import { useItemPages } from './use-item-pages';
import { markOwn, setStarred, setTriage, undoLast } from './triage-actions';
import type { TriagePrior } from './triage-undo';
import type { TriageState } from '../../../shared/types/domain';
import type { ItemSummary } from '../../../shared/api/contract';
import { call } from '../../api';
import { registerInboxStepper } from './inbox-cursor';

const ROW_HEIGHT = 52;
const COMMAND_STATE: Partial<Record<KeyCommand, TriageState>> = {
  escalate: 'escalated',
  archive: 'archived',
  follow: 'follow',
  seen: 'seen',
};

/** Props: whether the screen is shown (it stays mounted to keep the analyst's place) and the search query. */
export interface InboxScreenProps {
  active: boolean;
  query?: string;
}

/** The Priorité screen. */
export function InboxScreen({ active, query = '' }: InboxScreenProps) {
  const { t, i18n } = useTranslation();
  const { navigate, notify, liveTick } = useApp();
  const [filters, setFilters] = useState<InboxFilters>({ ...DEFAULT_FILTERS, query });
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [fresh, setFresh] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const cursorId = useRef<number | null>(null);

  useEffect(() => {
    setFilters((f) => (f.query === query ? f : { ...f, query }));
  }, [query]);

  // "now" is frozen per filter change so the period filter does not re-query on every render.
  const input = useMemo(() => toListInput(filters), [filters]);
  const key = JSON.stringify(input);
  const pages = useItemPages(input, key);
  const parsed = useMemo(() => parseQuery(filters.query), [filters.query]);

  // The cursor is remembered by index AND item id, updated synchronously, so a live re-query that
  // lands at any moment puts it back on the same item (the analyst never loses their place).
  const cursorRef = useRef(0);
  const go = useCallback(
    (index: number) => {
      cursorRef.current = index;
      cursorId.current = pages.getRow(index)?.id ?? null;
      setCursor(index);
    },
    [pages],
  );
  const step = useCallback((delta: number) => go(moveCursor(cursorRef.current, delta, pages.total)), [go, pages.total]);
  useEffect(() => {
    go(0);
    setSelected(new Set());
  }, [key]);
  const current = pages.getRow(cursor);
  // User Timing mark for bench/ui.ts: the moment the first rows are on screen.
  useEffect(() => {
    if (
      current &&
      typeof performance.getEntriesByName === 'function' &&
      performance.getEntriesByName('vigie:first-rows').length === 0
    )
      performance.mark('vigie:first-rows');
  }, [current]);
  useEffect(() => {
    if (current && cursorId.current === null) cursorId.current = current.id;
  }, [current]);

  // Live update: re-query loaded pages, then put the cursor back on the same item.
  const firstTick = useRef(liveTick);
  useEffect(() => {
    if (liveTick === firstTick.current) return;
    const before = pages.total;
    void pages.refresh().then((total) => {
      if (cursorId.current !== null) {
        const idx = pages.indexOf(cursorId.current);
        if (idx >= 0 && idx !== cursorRef.current) {
          cursorRef.current = idx;
          setCursor(idx);
        }
      }
      if (total !== null && total > before) setFresh((n) => n + total - before);
    });
  }, [liveTick]);

  /** Items a command applies to: the bulk selection, else the cursor row. */
  const targets = useCallback((): ItemSummary[] => {
    if (selected.size > 0) return pages.loadedRows().filter((r) => selected.has(r.id));
    const row = pages.getRow(cursorRef.current);
    return row ? [row] : [];
  }, [selected, pages]);

  const applyState = useCallback(
    async (state: TriageState) => {
      const rows = targets();
      if (rows.length === 0) return;
      const ids = new Set(rows.map((r) => r.id));
      const priors: TriagePrior[] = rows.map((r) => ({ id: r.id, triage: r.triage, starred: r.starred }));
      pages.patchRows(ids, (r) => ({ ...r, triage: state }));
      const label = t('triage.done', { count: rows.length, state: t(`triage.${state}`) });
      const err = await setTriage([...ids], state, priors, label);
      if (err) {
        pages.patchRows(ids, (r) => {
          const p = priors.find((x) => x.id === r.id);
          return p ? { ...r, triage: p.triage } : r;
        });
        notify(t('errors.triage'));
        return;
      }
      if (selected.size > 0) setSelected(new Set());
      else step(1);
      notify(label, { label: t('common.undo'), run: () => void undo() });
    },
    [targets, pages, selected, t, notify, step],
  );

  const toggleStar = useCallback(async () => {
    const rows = targets();
    if (rows.length === 0) return;
    const starred = !rows.every((r) => r.starred);
    const ids = new Set(rows.map((r) => r.id));
    const priors = rows.map((r) => ({ id: r.id, triage: r.triage, starred: r.starred }));
    pages.patchRows(ids, (r) => ({ ...r, starred }));
    const label = t(starred ? 'triage.starredDone' : 'triage.unstarredDone', { count: rows.length });
    const err = await setStarred([...ids], starred, priors, label);
    if (err) {
      pages.patchRows(ids, (r) => ({ ...r, starred: !starred }));
      notify(t('errors.triage'));
      return;
    }
    notify(label, { label: t('common.undo'), run: () => void undo() });
  }, [targets, pages, t, notify]);

  const undo = useCallback(async () => {
    const done = await undoLast();
    if (!done) {
      notify(t('triage.nothingToUndo'));
      return;
    }
    const byId = new Map(done.priors.map((p) => [p.id, p]));
    pages.patchRows(new Set(byId.keys()), (r) => ({
      ...r,
      triage: byId.get(r.id)!.triage,
      starred: byId.get(r.id)!.starred,
    }));
    const idx = pages.indexOf(done.priors[0].id);
    if (idx >= 0) go(idx);
    notify(t('triage.undone', { label: done.label }));
  }, [pages, notify, t]);

  const open = useCallback(
    (index: number) => {
      const row = pages.getRow(index);
      if (!row) return;
      go(index);
      if (row.triage === 'new') {
        // Opening counts as "vu"; not an undoable analyst decision.
        pages.patchRows(new Set([row.id]), (r) => ({ ...r, triage: 'seen' }));
        markOwn([row.id]);
        void call('items:setTriage', { ids: [row.id], state: 'seen' });
      }
      navigate({ screen: 'item', id: row.id });
    },
    [pages, navigate],
  );

  const toggleSelect = useCallback(
    (index: number) => {
      const row = pages.getRow(index);
      if (!row) return;
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(row.id)) n.delete(row.id);
        else n.add(row.id);
        return n;
      });
    },
    [pages],
  );

  // The item screen's j/k walk this list (its place moves with it, so "back" lands on the last item read).
  useEffect(() => {
    registerInboxStepper((delta) => {
      const from = cursorRef.current;
      const to = moveCursor(from, delta, pages.total);
      const row = pages.getRow(to);
      if (to === from || !row) return null;
      go(to);
      if (row.triage === 'new') {
        pages.patchRows(new Set([row.id]), (r) => ({ ...r, triage: 'seen' }));
        markOwn([row.id]);
        void call('items:setTriage', { ids: [row.id], state: 'seen' });
      }
      return row.id;
    });
    return () => registerInboxStepper(null);
  }, [pages, go]);

  useCommands((command) => {
    switch (command) {
      case 'next':
        step(1);
        return true;
      case 'prev':
        step(-1);
        return true;
      case 'open':
        if (document.activeElement?.tagName === 'BUTTON' || document.activeElement?.tagName === 'A') return false;
        open(cursorRef.current);
        return true;
      case 'star':
        void toggleStar();
        return true;
      case 'select':
        toggleSelect(cursorRef.current);
        step(1);
        return true;
      case 'undo':
        void undo();
        return true;
      case 'back':
        if (selected.size) {
          setSelected(new Set());
          return true;
        }
        return false;
      default: {
        const state = COMMAND_STATE[command];
        if (state) {
          void applyState(state);
          return true;
        }
        return false;
      }
    }
  }, active);

  // Keep keyboard focus on the list when the screen comes back (the place is kept).
  useEffect(() => {
    if (active) (listRef.current?.querySelector('.vlist') as HTMLElement | null)?.focus({ preventScroll: true });
  }, [active]);

  const onRowClick = useCallback(
    (index: number, e: React.MouseEvent) => {
      if (e.shiftKey || e.ctrlKey || e.metaKey) toggleSelect(index);
      else go(index);
    },
    [toggleSelect, go],
  );

  const renderRow = useCallback(
    (index: number) => <ItemRow item={pages.getRow(index)} terms={parsed.highlights} />,
    [pages.version, parsed.highlights],
  );
  const isSelected = useCallback(
    (index: number) => {
      const r = pages.getRow(index);
      return r ? selected.has(r.id) : false;
    },
    [selected, pages.version],
  );

  return (
    <section className="screen inbox" aria-labelledby="inbox-title">
      <div className="screen-head">
        <h1 id="inbox-title">{t('nav.inbox')}</h1>
        <p className="count" aria-live="polite">
          {t('inbox.count', { count: pages.total, formatted: formatNumber(pages.total, i18n.language) })}
          {parsed.root && (
            <span className="query-echo">
              {' '}
              · {t('search.understood')} <code>{describeQuery(parsed.root)}</code>
            </span>
          )}
        </p>
        {fresh > 0 && (
          <button
            type="button"
            className="fresh"
            onClick={() => {
              setFresh(0);
              go(0);
            }}
          >
            {t('inbox.fresh', { count: fresh })}
          </button>
        )}
      </div>
      {parsed.errors.length > 0 && (
        <p className="warn" role="note">
          {parsed.errors.map((e) => t(e)).join(' ')}
        </p>
      )}
      <FilterBar filters={filters} onChange={setFilters} ready={!pages.loading} />
      {selected.size > 0 && (
        <div className="bulkbar" role="toolbar" aria-label={t('inbox.bulk')}>
          <span>{t('inbox.selected', { count: selected.size })}</span>
          {(['seen', 'follow', 'escalated', 'archived'] as TriageState[]).map((s) => (
            <button key={s} type="button" onClick={() => void applyState(s)}>
              {t(`triage.action.${s}`)}
            </button>
          ))}
          <button type="button" onClick={() => void toggleStar()}>
            {t('triage.action.star')}
          </button>
          <button type="button" onClick={() => setSelected(new Set())}>
            {t('inbox.clearSelection')}
          </button>
        </div>
      )}
      <ErrorNote error={pages.error} />
      <div className="inbox-body">
        <div className="list-host" ref={listRef}>
          {!pages.loading && pages.total === 0 ? (
            <p className="empty">{t('inbox.empty')}</p>
          ) : (
            <VirtualList
              id="inbox"
              count={pages.total}
              rowHeight={ROW_HEIGHT}
              cursor={cursor}
              label={t('inbox.listLabel')}
              isSelected={isSelected}
              renderRow={renderRow}
              onRangeChange={pages.ensureRange}
              onRowClick={onRowClick}
              onRowActivate={open}
            />
          )}
        </div>
        <TopStories ready={!pages.loading} />
      </div>
    </section>
  );
}
