/**
 * Re-parse avoidance for feeds read again. A polled feed mostly repeats its items byte for byte
 * (65 % of the Le Monde daily snapshots' item occurrences; nearly all of them when a source is
 * polled every few minutes), yet XML parsing is the costliest step of ingestion. The document is
 * split into its item elements; an item whose exact bytes were mapped before, inside the same
 * channel envelope, is reused, and only the other items go through the parser (in the unchanged
 * envelope, so namespaces, xml:base and channel link still apply). Any doubt about the split
 * (nested or unbalanced tags, text between items, CDATA hiding a tag) means no reuse.
 */
import { createHash } from 'node:crypto';
import type { FeedItem } from '../../../shared/types/feed';

/** A document cut into envelope and item elements: head + spans (joined by whitespace) + tail. */
export interface ItemSplit {
  head: string;
  spans: string[];
  tail: string;
}

/** Entries kept per thread (~1–3 KB each): a few hours of a few hundred sources' items. */
const DEFAULT_CAPACITY = 20_000;

/**
 * Channel-level elements that change on every fetch without changing any item: they are left out
 * of the envelope's identity, or no fetch would ever reuse anything.
 */
const VOLATILE_ENVELOPE = /<(lastBuildDate|pubDate|updated|dc:date|modified|ttl|generator)(?:\s[^>]*)?>[\s\S]*?<\/\1\s*>/g;

/** Cuts a non-prefixed RSS/RDF (`item`) or Atom (`entry`) document into its items; null when unsure. */
export function splitItems(xml: string, tag: 'item' | 'entry'): ItemSplit | null {
  const open = new RegExp(`<${tag}(?=[\\s>/])`, 'g');
  const span = new RegExp(`<${tag}(?=[\\s>])[\\s\\S]*?</${tag}\\s*>`, 'g');
  const opens = xml.match(open)?.length ?? 0;
  if (opens === 0) return null;
  const spans: string[] = [];
  let head = '';
  let lastEnd = -1;
  for (const m of xml.matchAll(span)) {
    const start = m.index!;
    if (lastEnd < 0) head = xml.slice(0, start);
    // Only whitespace may separate two items: anything else (a comment, channel elements
    // interleaved, a CDATA section cut in two) would be lost or misplaced by the re-assembly.
    else if (xml.slice(lastEnd, start).trim() !== '') return null;
    // An item holding another opening tag (nested, or a tag inside CDATA) cannot be cut by regex.
    if (m[0].slice(1).search(open) >= 0) return null;
    spans.push(m[0]);
    lastEnd = start + m[0].length;
  }
  const tail = xml.slice(lastEnd);
  // A closing tag left outside the spans means one was cut short (e.g. "</item>" inside CDATA).
  const close = `</${tag}`;
  if (spans.length !== opens || head.includes(close) || tail.includes(close)) return null;
  return { head, spans, tail };
}

/** Identity of the envelope an item is read in: the base URL and the channel minus its volatile dates. */
export function envelopeKey(split: ItemSplit, baseUrl: string | null | undefined): string {
  return createHash('sha1')
    .update(baseUrl ?? '')
    .update('\u0000')
    .update(split.head.replace(VOLATILE_ENVELOPE, ''))
    .update('\u0000')
    .update(split.tail.replace(VOLATILE_ENVELOPE, ''))
    .digest('base64');
}

/** Key of one item element in its envelope. */
export function itemKey(envelope: string, span: string): string {
  return envelope + createHash('sha1').update(span).digest('base64');
}

/**
 * Mapped items by key, least recently used evicted first. Items handed out are shared between
 * parses: callers treat FeedItem objects as immutable (the pipeline only reads them).
 */
export class ParsedItemCache {
  private readonly map = new Map<string, FeedItem>();
  /** Items reused since creation (for benchmarks and tests). */
  hits = 0;
  /** Items that had to be parsed. */
  misses = 0;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The item mapped from these bytes before, if still held (refreshes its recency). */
  get(key: string): FeedItem | undefined {
    const item = this.map.get(key);
    if (item === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, item);
    return item;
  }

  /** Remembers a mapped item. */
  set(key: string, item: FeedItem): void {
    this.map.delete(key);
    this.map.set(key, item);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  /** Items held. */
  get size(): number {
    return this.map.size;
  }
}

/**
 * True when an item's mapping depends on the fetch time (a future date clamped to it): such an
 * item must be mapped again next time rather than reused.
 */
export function dependsOnFetchTime(item: FeedItem, fetchedAtIso: string): boolean {
  return item.published === fetchedAtIso || item.updated === fetchedAtIso;
}
