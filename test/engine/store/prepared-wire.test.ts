/** The parse worker's wire: repeats travel as references within a window both sides count alike. */
import type { FeedItem } from '../../../shared/types/feed';
import type { PreparedItem } from '../../../electron/engine/ingest/process-items';
import { WIRE_WINDOW, WireDecoder, WireEncoder } from '../../../electron/engine/ingest/prepared-wire';

const feedItem = (n: number): FeedItem => ({
  guid: `g${n}`,
  title: `T${n}`,
  link: null,
  published: null,
  updated: null,
  authors: [],
  categories: [],
  summary: null,
  content: null,
  enclosures: [],
});
const prepared = (n: number, fetchedAt: string): PreparedItem => ({
  guid: `g${n}`,
  link: null,
  title: `T${n}`,
  summary: null,
  content: null,
  contentText: null,
  authors: [],
  categories: [],
  enclosures: [],
  engagement: null,
  published: null,
  updated: null,
  fetchedAt,
  contentHash: String(n).padStart(40, '0'),
  keys: [`g:?:g${n}`],
  hashIsDistinctive: false,
});

describe('prepared-item wire', () => {
  test('a repeated item is sent once, then as a reference resolved with the new fetch date', () => {
    const enc = new WireEncoder();
    const dec = new WireDecoder();
    const items = [feedItem(1), feedItem(2)];
    const first = enc.encode(
      items,
      items.map((_, i) => prepared(i + 1, 't1')),
    );
    expect(first).toEqual([
      { seq: 0, item: prepared(1, 't1') },
      { seq: 1, item: prepared(2, 't1') },
    ]);
    dec.decode(first, 't1');
    const again = enc.encode([items[1]!, feedItem(3)], [prepared(2, 't2'), prepared(3, 't2')]);
    expect(again).toEqual([{ ref: 1 }, { seq: 2, item: prepared(3, 't2') }]);
    expect(dec.decode(again, 't2')).toEqual([prepared(2, 't2'), prepared(3, 't2')]);
  });

  test('an item older than the window is sent whole again, never as a reference the decoder dropped', () => {
    const enc = new WireEncoder();
    const dec = new WireDecoder();
    const old = feedItem(0);
    dec.decode(enc.encode([old], [prepared(0, 't')]), 't');
    // WIRE_WINDOW other items push it out of the decoder's window.
    for (let k = 1; k <= WIRE_WINDOW; k++) dec.decode(enc.encode([feedItem(k)], [prepared(k, 't')]), 't');
    const wire = enc.encode([old], [prepared(0, 't')]);
    expect(wire).toEqual([{ seq: WIRE_WINDOW + 1, item: prepared(0, 't') }]);
    expect(dec.decode(wire, 't')).toEqual([prepared(0, 't')]);
    // A decoder out of step fails loudly instead of storing a wrong item.
    expect(() => new WireDecoder().decode([{ ref: 5 }], 't')).toThrow(/no longer held/);
  });
});
