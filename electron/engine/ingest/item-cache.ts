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
const DEFAULT_CAPACITY = 10_000;

/**
 * Channel-level elements that change on every fetch without changing any item: they are left out
 * of the envelope's identity, or no fetch would ever reuse anything.
 */
const VOLATILE_ENVELOPE =
  /<(lastBuildDate|pubDate|updated|dc:date|modified|ttl|generator)(?:\s[^>]*)?>[\s\S]*?<\/\1\s*>/g;

/** Cuts a non-prefixed RSS/RDF (`item`) or Atom (`entry`) document into its items; null when unsure. */
export function splitItems(xml: string, tag: 'item' | 'entry'): ItemSplit | null {
  // indexOf scanning: a regex pass over every re-read document cost more than the hashing.
  const open = '<' + tag;
  const close = '</' + tag;
  const isBoundary = (c: number) => c === 62 /* > */ || c === 32 || c === 9 || c === 10 || c === 13;
  const nextOpen = (from: number): number => {
    let i = xml.indexOf(open, from);
    while (i >= 0 && !isBoundary(xml.charCodeAt(i + open.length)) && xml.charCodeAt(i + open.length) !== 47 /* / */)
      i = xml.indexOf(open, i + 1);
    return i;
  };
  /** End (after '>') of the closing tag starting at j, or -1 when j is not one (e.g. `</items>`). */
  const closeEnd = (j: number): number => {
    let k = j + close.length;
    while (k < xml.length && isBoundary(xml.charCodeAt(k)) && xml.charCodeAt(k) !== 62) k++;
    return xml.charCodeAt(k) === 62 ? k + 1 : -1;
  };
  const hasClose = (text: string): boolean => text.includes(close + '>') || new RegExp(`</${tag}\\s`).test(text);
  let i = nextOpen(0);
  if (i < 0) return null;
  const head = xml.slice(0, i);
  if (hasClose(head)) return null;
  const spans: string[] = [];
  for (;;) {
    // A self-closing item has no span of its own.
    if (xml.charCodeAt(i + open.length) === 47) return null;
    let j = xml.indexOf(close, i);
    let end = j < 0 ? -1 : closeEnd(j);
    while (j >= 0 && end < 0) {
      j = xml.indexOf(close, j + 1);
      end = j < 0 ? -1 : closeEnd(j);
    }
    if (end < 0) return null;
    const next = nextOpen(i + 1);
    // An item holding another opening tag (nested, or a tag inside CDATA) cannot be cut this way.
    if (next >= 0 && next < end) return null;
    spans.push(xml.slice(i, end));
    if (next < 0) {
      const tail = xml.slice(end);
      // A closing tag left outside the spans means one was cut short (e.g. "</item>" inside CDATA).
      return hasClose(tail) ? null : { head, spans, tail };
    }
    // Only whitespace may separate two items: anything else (a comment, channel elements
    // interleaved, the rest of a CDATA section) would be lost or misplaced by the re-assembly.
    if (xml.slice(end, next).trim() !== '') return null;
    i = next;
  }
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
 * A URL-bearing attribute (quoted plainly or entity-escaped, as in escaped HTML bodies) or
 * element whose value is not an absolute http(s) URL, or a srcset (several URLs).
 */
const RELATIVE_REFERENCE =
  /\b(?:href|src|url|poster|xml:base|rdf:about|rdf:resource)\s*=\s*(?:["']|&quot;|&apos;|&#0*3[49];|&#x0*2[27];)(?!\s*https?:\/\/)|\bsrcset\s*=|<(?:link|guid|comments)(?:\s[^>]*)?>\s*(?:<!\[CDATA\[)?\s*(?!https?:\/\/|<)[^<\s]/i;

/**
 * Envelope for an RSS/RDF item whose mapping cannot depend on the channel: every URL it holds is
 * absolute, so the base URL is never used, and an RSS item reads nothing else from its channel
 * (Atom entries inherit the feed's authors: they always use the full envelope). The same article
 * in two section feeds of a site is then parsed once. Any doubt keeps the channel envelope.
 */
export function channelFreeKey(format: 'rss' | 'rdf', span: string): string | null {
  return RELATIVE_REFERENCE.test(span) ? null : `${format}:abs:`;
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

/** A copy of a string that does not keep a larger string alive (the parser's strings are slices of the document). */
function own(s: string): string;
function own(s: string | null): string | null;
function own(s: string | null): string | null {
  // Concatenation then slice makes V8 flatten into a new buffer of this string's size only.
  return s === null ? null : (' ' + s).slice(1);
}

/**
 * The item with strings of its own, for keeping in the cache: a cached item made of slices would
 * keep every document it came from alive (~180 MB for 10k Le Monde items). Cheaper than a
 * structured clone (~0.5 vs 3 µs an item), which copies numbers and shapes as well.
 */
export function detachItem(item: FeedItem): FeedItem {
  const copy: FeedItem = {
    ...item,
    guid: own(item.guid),
    title: own(item.title),
    link: own(item.link),
    published: own(item.published),
    updated: own(item.updated),
    summary: own(item.summary),
    content: own(item.content),
    authors: item.authors.map((a) => ({
      ...a,
      ...(a.name !== undefined ? { name: own(a.name) } : {}),
      ...(a.email !== undefined ? { email: own(a.email) } : {}),
    })),
    categories: item.categories.map((c) => own(c)),
    enclosures: item.enclosures.map((e) => ({ ...e, url: own(e.url), type: own(e.type) })),
  };
  if (item.engagement) copy.engagement = { ...item.engagement };
  if (item.geo) copy.geo = { ...item.geo };
  return copy;
}

/**
 * True when an item's mapping depends on the fetch time (a future date clamped to it): such an
 * item must be mapped again next time rather than reused.
 */
export function dependsOnFetchTime(item: FeedItem, fetchedAtIso: string): boolean {
  return item.published === fetchedAtIso || item.updated === fetchedAtIso;
}
