/**
 * How prepared items cross from a parse worker to the storing thread. A re-read feed repeats
 * most of its items, and the worker's item cache hands back the very same parsed item: sending
 * it again would cost a structured clone on both sides for nothing. The worker numbers each item
 * it sends; an item sent within the last WIRE_WINDOW numbers travels as a reference, resolved
 * from the copy the storing thread kept. Both sides count the same way, so no reference can
 * point outside the window the decoder holds.
 */
import type { FeedItem } from '../../../shared/types/feed';
import type { PreparedItem } from './process-items';

/** Items the storing thread keeps per worker for references (~3 KB each). */
export const WIRE_WINDOW = 8192;

/** One prepared item on the wire: sent whole with its number, or a reference to an earlier one. */
export type WireItem = { seq: number; item: PreparedItem } | { ref: number };

/** Worker side: numbers what it sends and replaces recent repeats by references. */
export class WireEncoder {
  private readonly sent = new WeakMap<FeedItem, number>();
  private next = 0;

  /** Encodes one file's prepared items; `items` are the parsed items they were prepared from. */
  encode(items: readonly FeedItem[], prepared: readonly PreparedItem[]): WireItem[] {
    return prepared.map((p, i) => {
      const item = items[i]!;
      const seq = this.sent.get(item);
      // The decoder holds numbers next − WIRE_WINDOW … next − 1 at this point.
      if (seq !== undefined && seq >= this.next - WIRE_WINDOW) return { ref: seq };
      this.sent.set(item, this.next);
      return { seq: this.next++, item: p };
    });
  }
}

/** Storing-thread side: keeps the last WIRE_WINDOW items of one worker and resolves references. */
export class WireDecoder {
  private readonly window = new Map<number, PreparedItem>();

  /** Decodes one file's items, in the order the worker sent them; `fetchedAt` is the file's. */
  decode(wire: readonly WireItem[], fetchedAt: string): PreparedItem[] {
    return wire.map((w) => {
      if ('ref' in w) {
        const p = this.window.get(w.ref);
        if (!p) throw new Error(`prepared item #${w.ref} is no longer held (wire out of step)`);
        // Only the fetch date differs between occurrences of the same parsed item.
        return p.fetchedAt === fetchedAt ? p : { ...p, fetchedAt };
      }
      this.window.set(w.seq, w.item);
      this.window.delete(w.seq - WIRE_WINDOW);
      return w.item;
    });
  }
}
