/** @jest-environment jsdom */
// Virtualization: a 100k-row listbox keeps only a window of rows in the DOM and follows the cursor.
import { act, render } from '@testing-library/react';
import { useState } from 'react';
import { VirtualList } from '../../renderer/components/VirtualList';

function Harness({ count, start = 0 }: { count: number; start?: number }) {
  const [cursor, setCursor] = useState(start);
  return (
    <>
      <button type="button" onClick={() => setCursor((c) => c + 1000)}>
        jump
      </button>
      <VirtualList
        id="t"
        count={count}
        rowHeight={50}
        cursor={cursor}
        label="liste"
        fallbackHeight={500}
        overscan={5}
        renderRow={(i) => <span>ligne {i}</span>}
      />
    </>
  );
}

// jsdom has no layout: give elements a scroll position that scrollTo() moves and that fires
// 'scroll', as a browser does (the real browser path is covered by test/e2e and bench/ui.ts).
beforeAll(() => {
  const tops = new WeakMap<Element, number>();
  Object.defineProperty(HTMLElement.prototype, 'scrollTop', {
    configurable: true,
    get() {
      return tops.get(this) ?? 0;
    },
    set(v: number) {
      tops.set(this, v);
    },
  });
  // The listbox is 500 px tall; its scroll height is its inner spacer's height.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get() {
      return this.classList.contains('vlist') ? 500 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get() {
      return this.classList.contains('vlist')
        ? parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '0')
        : 0;
    },
  });
  HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, opts?: ScrollToOptions | number) {
    const top = typeof opts === 'object' ? (opts.top ?? 0) : 0;
    tops.set(this, top);
    this.dispatchEvent(new Event('scroll'));
  } as typeof HTMLElement.prototype.scrollTo;
});

// Updates here arrive from a real back end / scroll frames, outside act() by nature: waitFor()
// observes them, so React's act() warnings would only be noise.
beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});

describe('VirtualList', () => {
  it('renders a small window of a 100 000-row list as options with the full set size', () => {
    const { container } = render(<Harness count={100_000} />);
    const options = container.querySelectorAll('[role="option"]');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(40); // 500 px / 50 px + overscan, never 100k
    expect(options[0].getAttribute('aria-setsize')).toBe('100000');
    const listbox = container.querySelector('[role="listbox"]')!;
    expect(listbox.getAttribute('aria-activedescendant')).toBe('t-row-0');
    expect(container.querySelector('.vlist-inner')!.getAttribute('style')).toContain('height: 5000000px');
  });
  it('moves the window to the cursor when it jumps far down', async () => {
    const { container, getByText } = render(<Harness count={100_000} />);
    act(() => {
      getByText('jump').click();
    });
    // scrollToIndex reconciles on the next animation frames.
    await act(async () => {
      await new Promise((r) => setTimeout(r, 100));
    });
    const listbox = container.querySelector('[role="listbox"]')!;
    expect(listbox.getAttribute('aria-activedescendant')).toBe('t-row-1000');
    const indexes = [...container.querySelectorAll('[role="option"]')].map((o) => Number(o.getAttribute('data-index')));
    expect(indexes).toContain(1000);
    expect(Math.min(...indexes)).toBeGreaterThan(900);
    expect(container.querySelector('#t-row-1000')!.textContent).toBe('ligne 1000');
  });
});
