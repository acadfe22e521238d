/**
 * Sparse paging over items:list: the list knows the total, fetches 500-row pages as the virtual
 * window reaches them, patches rows in place after triage, and re-queries loaded pages on live
 * updates (the caller keeps its cursor by item id).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import type { ChannelInput, ItemSummary } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';

/** Rows per request. */
export const PAGE_SIZE = 500;
/** Quiet time after the last scroll move before missing pages are fetched, ms. */
export const SETTLE_MS = 60;

let prefetched: { key: string; promise: ReturnType<typeof call<'items:list'>> } | null = null;

/**
 * Starts the first page's request before React even renders (main.tsx calls it at start-up), so
 * the engine's query overlaps script evaluation and the first render. Used once, if the key matches.
 */
export function prefetchFirstPage(input: ChannelInput<'items:list'>): void {
  prefetched = { key: JSON.stringify(input), promise: call('items:list', { ...input, limit: PAGE_SIZE, offset: 0 }) };
}

/** What the hook returns. */
export interface ItemPages {
  total: number;
  loading: boolean;
  error: SerializedError | null;
  /** Version bumped on each data change (to re-render rows). */
  version: number;
  getRow: (index: number) => ItemSummary | undefined;
  /** Ensures the pages covering [start, end] are loaded or loading. */
  ensureRange: (start: number, end: number) => void;
  /** Applies a patch to loaded rows by id (optimistic triage). */
  patchRows: (ids: ReadonlySet<number>, patch: (row: ItemSummary) => ItemSummary) => void;
  /** Loaded rows (for undo priors and selection). */
  loadedRows: () => ItemSummary[];
  /** Index of an item among loaded rows, or -1. */
  indexOf: (id: number) => number;
  /** Re-queries the pages around the window (live update); resolves to the new total (null if stale). */
  refresh: () => Promise<number | null>;
}

/** Pages over items:list for the given filter input (a new input resets the list). */
export function useItemPages(input: ChannelInput<'items:list'>, key: string): ItemPages {
  const pages = useRef(new Map<number, ItemSummary[]>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<SerializedError | null>(null);
  const [version, setVersion] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;

  const loadPage = useCallback(async (page: number, gen: number) => {
    if (inflight.current.has(page)) return;
    inflight.current.add(page);
    const early = page === 0 && prefetched?.key === JSON.stringify(inputRef.current) ? prefetched.promise : null;
    prefetched = null;
    const r = await (early ?? call('items:list', { ...inputRef.current, limit: PAGE_SIZE, offset: page * PAGE_SIZE }));
    inflight.current.delete(page);
    if (gen !== generation.current) return; // filters changed meanwhile
    if (!r.ok) {
      setError(r.error);
      setLoading(false);
      return;
    }
    pages.current.set(page, r.value.items);
    setTotal(r.value.total);
    setError(null);
    setLoading(false);
    setVersion((v) => v + 1);
  }, []);

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    inflight.current = new Set();
    setLoading(true);
    setTotal(0);
    void loadPage(0, generation.current);
  }, [key, loadPage]);

  // While the analyst flings through 100k rows, only the pages under the window where the
  // scroll settles are fetched (pages flown past are not queued ahead of the one wanted).
  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const visible = useRef<[number, number]>([0, 0]);
  const ensureRange = useCallback(
    (start: number, end: number) => {
      visible.current = [start, end];
      const fetchMissing = () => {
        for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) {
          if (!pages.current.has(p)) void loadPage(p, generation.current);
        }
      };
      clearTimeout(settleTimer.current);
      const missing =
        !pages.current.has(Math.floor(start / PAGE_SIZE)) || !pages.current.has(Math.floor(end / PAGE_SIZE));
      if (missing) settleTimer.current = setTimeout(fetchMissing, SETTLE_MS);
    },
    [loadPage],
  );
  useEffect(() => () => clearTimeout(settleTimer.current), []);

  const getRow = useCallback(
    (index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [],
  );

  const patchRows = useCallback((ids: ReadonlySet<number>, patch: (row: ItemSummary) => ItemSummary) => {
    for (const [p, rows] of pages.current) {
      if (rows.some((r) => ids.has(r.id)))
        pages.current.set(
          p,
          rows.map((r) => (ids.has(r.id) ? patch(r) : r)),
        );
    }
    setVersion((v) => v + 1);
  }, []);

  const loadedRows = useCallback(() => [...pages.current.values()].flat(), []);
  const indexOf = useCallback((id: number) => {
    for (const [p, rows] of pages.current) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) return p * PAGE_SIZE + i;
    }
    return -1;
  }, []);

  const refresh = useCallback(async () => {
    const gen = generation.current;
    // Re-query only the pages around the window; farther pages are dropped and refetched on demand,
    // so a live update costs the same at row 10 as at row 90,000.
    const lo = Math.max(0, Math.floor(visible.current[0] / PAGE_SIZE) - 1);
    const hi = Math.floor(visible.current[1] / PAGE_SIZE) + 1;
    for (const p of [...pages.current.keys()]) if (p < lo || p > hi) pages.current.delete(p);
    const loaded = [...pages.current.keys()];
    const results = await Promise.all(
      loaded.map((p) => call('items:list', { ...inputRef.current, limit: PAGE_SIZE, offset: p * PAGE_SIZE })),
    );
    if (gen !== generation.current) return null;
    let newTotal: number | null = null;
    results.forEach((r, i) => {
      if (r.ok) {
        pages.current.set(loaded[i], r.value.items);
        newTotal = r.value.total;
      }
    });
    if (loaded.length === 0) {
      // Nothing loaded near the window (e.g. an empty list): fetch the first page.
      const r = await call('items:list', { ...inputRef.current, limit: PAGE_SIZE, offset: 0 });
      if (gen !== generation.current) return null;
      if (r.ok) {
        pages.current.set(0, r.value.items);
        newTotal = r.value.total;
      }
    }
    if (newTotal !== null) setTotal(newTotal);
    setVersion((v) => v + 1);
    return newTotal;
  }, []);

  return { total, loading, error, version, getRow, ensureRange, patchRows, loadedRows, indexOf, refresh };
}
