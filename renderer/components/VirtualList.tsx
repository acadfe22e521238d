/**
 * A keyboard-driven virtualized listbox (@tanstack/react-virtual): only the rows in view (plus
 * overscan) are in the DOM, so 100k items scroll smoothly. The list itself holds focus and points
 * at the cursor row with aria-activedescendant (WAI-ARIA listbox pattern), so rows need no
 * focusable children and the cursor survives re-renders and live updates.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer, observeElementRect, type Virtualizer } from '@tanstack/react-virtual';

/** Props of the list. */
export interface VirtualListProps {
  /** Id prefix for rows (aria-activedescendant). */
  id: string;
  count: number;
  /** Fixed row height, px (dense rows keep scrolling cheap). */
  rowHeight: number;
  /** Cursor row, or -1. */
  cursor: number;
  /** Whether a row is in the bulk selection. */
  isSelected?: (index: number) => boolean;
  renderRow: (index: number) => ReactNode;
  label: string;
  /** Called with the visible index range, so the owner can fetch missing pages. */
  onRangeChange?: (start: number, end: number) => void;
  onRowClick?: (index: number, event: React.MouseEvent) => void;
  onRowActivate?: (index: number) => void;
  /** Rows rendered beyond the viewport on each side (default 12). */
  overscan?: number;
  /** Height used until the container is measured (jsdom, hidden tabs); default 600. */
  fallbackHeight?: number;
  /** Receives the virtualizer (benchmarks and scroll restoration). */
  virtualizerRef?: React.MutableRefObject<Virtualizer<HTMLDivElement, Element> | null>;
}

/** Renders the listbox. */
export function VirtualList(props: VirtualListProps) {
  const { id, count, rowHeight, cursor, renderRow, label, onRangeChange, overscan = 12, fallbackHeight = 600 } = props;
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => rowHeight,
    overscan,
    initialRect: { width: 800, height: fallbackHeight },
    // An unmeasurable container (display:none, jsdom) reports 0: keep the last useful height.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) =>
        cb(rect.height > 0 ? rect : { width: rect.width || 800, height: fallbackHeight }),
      ),
  });
  if (props.virtualizerRef) props.virtualizerRef.current = virtualizer;
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);
  useEffect(() => {
    if (cursor >= 0 && cursor < count) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, count, virtualizer]);

  return (
    <div
      ref={parentRef}
      className="vlist"
      role="listbox"
      aria-label={label}
      aria-multiselectable={props.isSelected ? true : undefined}
      aria-activedescendant={cursor >= 0 && cursor < count ? `${id}-row-${cursor}` : undefined}
      tabIndex={0}
      data-count={count}
    >
      <div className="vlist-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((v) => (
          <div
            key={v.key}
            id={`${id}-row-${v.index}`}
            role="option"
            aria-selected={props.isSelected ? props.isSelected(v.index) : v.index === cursor}
            aria-posinset={v.index + 1}
            aria-setsize={count}
            className={`vrow${v.index === cursor ? ' is-cursor' : ''}${props.isSelected?.(v.index) ? ' is-selected' : ''}`}
            style={{ height: rowHeight, transform: `translateY(${v.start}px)` }}
            data-index={v.index}
            onClick={(e) => props.onRowClick?.(v.index, e)}
            onDoubleClick={() => props.onRowActivate?.(v.index)}
          >
            {renderRow(v.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
