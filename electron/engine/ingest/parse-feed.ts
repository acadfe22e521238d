/** Feed bytes or text → normalized Feed (the `vigie parse` model): RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed. */
import Parser from 'rss-parser';
import { AppError, isAppError } from '../../../shared/errors';
import type { Feed, FeedItem } from '../../../shared/types/feed';
import { decodeFeedBytes } from './decode';
import {
  channelFreeKey,
  dependsOnFetchTime,
  detachItem,
  envelopeKey,
  itemKey,
  ParsedItemCache,
  splitItems,
  type ItemSplit,
} from './item-cache';
import { normalizeElementCase, prefixRenames, renamePrefixes } from './namespaces';
import { mapAtomFeed } from './parse-atom';
import { parseJsonFeed } from './parse-json-feed';
import { parseLenient } from './parse-lenient';
import { FEED_ELEMENTS, ITEM_ELEMENTS, mapRssFeed, type MapContext, type RawNodes } from './parse-rss';
import { resolveUrl } from './xml-nodes';
import {
  closeTruncatedDocument,
  demoronizeCharRefs,
  repairXmlEntities,
  stripIllegalXmlChars,
  wrapInlineMarkup,
} from './repair-xml';

/** Options of parseFeed. */
export interface ParseFeedOptions {
  /** HTTP Content-Type the bytes came with (charset hint); default none. */
  contentType?: string | null;
  /** Fetch time: future dates are clamped to it (default now). */
  fetchedAt?: Date;
  /** URL the feed was fetched from (final, after redirects), to absolutize relative links (default: the feed's own link). */
  baseUrl?: string | null;
  /** HTTP Content-Location: the base for relative links before the fetched URL (which resolves it). */
  contentLocation?: string | null;
  /** HTTP Content-Language: the feed's language when the document names none. */
  contentLanguage?: string | null;
  /** Items parsed before, reused when their bytes repeat (default: the thread's shared cache; false: parse all). */
  itemCache?: ParsedItemCache | false;
}

/** The thread's cache of mapped items: polling and archive replays re-read the same items all day. */
export const sharedItemCache = new ParsedItemCache();

type XmlFormat = 'rss' | 'rdf' | 'atom';

/** Every element is captured raw (keepArray) under `x:<name>`: the mappers read these, not rss-parser's lossy fields. */
const toCustom = (names: string[]) => names.map((n) => [n, `x:${n}`, { keepArray: true }]);

/** One rss-parser for every call: xml2js resets its state after each document. */
const rssParser = new Parser({
  defaultRSS: 2,
  customFields: {
    feed: toCustom(FEED_ELEMENTS) as unknown as string[],
    item: toCustom(ITEM_ELEMENTS) as unknown as string[],
  },
});

/** Name of the root element (after the prolog, comments and doctype), or null. */
function rootElement(text: string): string | null {
  const m =
    /^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>))*\s*<([A-Za-z_][\w:.-]*)/i.exec(
      text.slice(0, 65536),
    );
  return m ? m[1] : null;
}

/** xml:base and xml:lang of the root element's start tag (rss-parser drops the root's attributes). */
function rootXmlAttrs(text: string, root: string): { base: string | null; lang: string | null } {
  const at = text.indexOf(`<${root}`);
  const tag = at === -1 ? '' : text.slice(at, text.indexOf('>', at) + 1);
  if (tag.indexOf('xml:') === -1) return { base: null, lang: null };
  return {
    base: /\sxml:base\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? null,
    lang: /\sxml:lang\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? null,
  };
}

/**
 * Base URI of the document before any xml:base (XML Base §4.2, as feedparser): the HTTP
 * Content-Location (resolved against the fetched URL), else the fetched URL itself.
 */
function documentBase(options: ParseFeedOptions): string | null {
  const fetched = options.baseUrl?.trim() || null;
  const location = resolveUrl(options.contentLocation, fetched);
  return location && /^[a-z][a-z0-9+.-]*:/i.test(location) ? location : fetched;
}

/** Feed syntax from the root element's local name; null for anything else (HTML, other XML). */
function formatOf(root: string): XmlFormat | null {
  const local = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
  if (local === 'rss') return 'rss';
  if (local === 'feed') return 'atom';
  if (local.toLowerCase() === 'rdf') return 'rdf';
  return null;
}

/**
 * Prepares XML for rss-parser. Atom <link>, <published> and <updated> are renamed because
 * rss-parser crashes on attribute-less links and on unparseable dates (`new Date(x).toISOString()`);
 * the Atom mapper reads the renamed nodes itself. A non-canonical RDF root is renamed to `rdf:RDF`.
 */
function prepareXml(text: string, format: XmlFormat, root: string): string {
  let xml = demoronizeCharRefs(stripIllegalXmlChars(text));
  // A prefixed root (<atom:feed>, <r:rss>) puts every element in that prefix: drop it so names match;
  // other prefixes are renamed by namespace URI (`rss:item` in RSS 1.0, `atom10:link`, `dcel:creator`),
  // before inline markup is wrapped, which looks for the preferred names.
  const prefix = root.includes(':') && format !== 'rdf' ? root.slice(0, root.indexOf(':')) : null;
  xml = wrapInlineMarkup(renamePrefixes(xml, prefixRenames(xml, format === 'atom', prefix)));
  if (format === 'atom') xml = xml.replace(/<(\/?)(link|published|updated)(?=[\s>/])/g, '<$1vigie-$2');
  // rss-parser dereferences channel[0]: give a channel-less RSS/RDF document an empty one (a
  // channel in an unknown namespace, still prefixed after the renames, is no channel).
  if (format !== 'atom' && !/<channel[\s>/]/.test(xml)) {
    const bare = prefix ? root.slice(prefix.length + 1) : root;
    xml = xml.replace(new RegExp(`<${bare.replace(/[.]/g, '\\.')}(?:\\s[^>]*)?>`), '$&<channel/>');
  }
  if (format === 'rdf' && root !== 'rdf:RDF') {
    xml = xml.replace(new RegExp(`<(/?)${root.replace(/[.]/g, '\\.')}(?=[\\s>/])`, 'g'), '<$1rdf:RDF');
  }
  return xml;
}

/** Strict parse with rss-parser; throws on XML errors. */
async function parseStrict(xml: string): Promise<{ feed: RawNodes; items: RawNodes[]; strict: boolean }> {
  let tree: RawNodes;
  try {
    tree = (await rssParser.parseString(xml)) as unknown as RawNodes;
  } catch (err) {
    // rss-parser reads root.channel[0] blindly: a TypeError there (thrown inside xml2js's callback,
    // so it may arrive wrapped as an unhandled 'error' event) is a document shape it cannot read.
    const inner =
      (err as { code?: string; context?: unknown }).code === 'ERR_UNHANDLED_ERROR'
        ? (err as { context?: unknown }).context
        : err;
    if (inner instanceof TypeError)
      throw new AppError('parse.invalid', 'no <channel> where the feed format puts it', {}, { cause: inner });
    throw err;
  }
  return { feed: tree, items: (tree.items ?? []) as RawNodes[], strict: true };
}

/**
 * Runs rss-parser, then on failure: entity repair; then, for a document that ends properly, the
 * lenient reader (mismatched or unclosed tags) before truncation recovery, and the other way round
 * for a cut-off document. A recovery that loses every item the text visibly holds is not accepted.
 */
async function parseXmlTree(
  xml: string,
  format: XmlFormat,
): Promise<{ feed: RawNodes; items: RawNodes[]; strict: boolean }> {
  let lastError: unknown;
  try {
    return await parseStrict(xml);
  } catch (err) {
    lastError = err;
  }
  const repaired = repairXmlEntities(xml);
  const itemTags = (repaired.match(/<(?:[\w-]+:)?(?:item|entry)[\s>]/g) ?? []).length;
  const truncated = async () => {
    const closed = closeTruncatedDocument(repaired);
    return closed === null ? null : parseStrict(closed);
  };
  const lenient = async () => parseLenient(repaired, format);
  const complete = /<\/(?:[\w-]+:)?(?:rss|feed|RDF)\s*>\s*$/.test(repaired);
  const attempts = [async () => parseStrict(repaired), ...(complete ? [lenient, truncated] : [truncated, lenient])];
  for (const attempt of attempts) {
    try {
      const result = await attempt();
      // Repaired trees are never `strict`: their items must not be reused by the item cache.
      if (result && (result.items.length > 0 || itemTags === 0)) return { ...result, strict: false };
    } catch (err) {
      lastError = err;
    }
  }
  if (isAppError(lastError)) throw lastError;
  const message = lastError instanceof Error ? lastError.message.split('\n')[0] : String(lastError);
  throw new AppError('parse.invalid', `unrecoverable XML: ${message}`, {}, { cause: lastError });
}

/**
 * Parses a feed into the normalized model. Throws AppError `parse.empty` (no content),
 * `parse.not_a_feed` (HTML page, other XML or JSON) or `parse.invalid` (unrecoverable syntax).
 */
export async function parseFeed(input: Buffer | string, options: ParseFeedOptions = {}): Promise<Feed> {
  const text = (typeof input === 'string' ? input : decodeFeedBytes(input, options.contentType).text).replace(
    /^\uFEFF/,
    '',
  );
  const trimmed = text.trim();
  if (!trimmed) throw new AppError('parse.empty', 'empty document');
  const ctx: MapContext = {
    baseUrl: documentBase(options),
    fetchedAt: options.fetchedAt ?? new Date(),
    // "fr, en": the first language listed is the document's.
    contentLanguage: options.contentLanguage?.split(',')[0].trim() || null,
  };
  if (trimmed[0] === '{' || trimmed[0] === '[') return parseJsonFeed(trimmed, ctx);
  let xmlText = normalizeElementCase(trimmed);
  let root = rootElement(xmlText);
  if (!root) {
    // Servers prepend junk (PHP warnings, stray text) before the document: start at the feed itself.
    const start = xmlText.slice(0, 65536).search(/<\?xml|<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]/);
    if (start > 0) {
      xmlText = xmlText.slice(start);
      root = rootElement(xmlText);
    }
  }
  if (!root) throw new AppError(trimmed[0] === '<' ? 'parse.invalid' : 'parse.not_a_feed', 'no XML root element');
  const format = formatOf(root);
  if (!format) throw new AppError('parse.not_a_feed', `root element <${root}> is not a feed`, { root });
  const cache = options.itemCache === undefined ? sharedItemCache : options.itemCache || null;
  // A prefixed root is rewritten by prepareXml: only plain documents are cut into items.
  const split = cache && !root.includes(':') ? splitItems(xmlText, format === 'atom' ? 'entry' : 'item') : null;
  try {
    if (cache && split) return await parseReusing(xmlText, format, root, ctx, split, cache);
    return (await parseAndMap(xmlText, format, root, ctx)).feed;
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('parse.invalid', err instanceof Error ? err.message : String(err), {}, { cause: err });
  }
}

/** Parses a whole XML document and maps it; `strict` is false when a repair was needed. */
async function parseAndMap(
  xmlText: string,
  format: XmlFormat,
  root: string,
  ctx: MapContext,
): Promise<{ feed: Feed; strict: boolean }> {
  const { feed, items, strict } = await parseXmlTree(prepareXml(xmlText, format, root), format);
  if (format === 'atom') return { feed: mapAtomFeed(feed, items, ctx), strict };
  // rss-parser drops the root's attributes: an xml:base there still governs relative links.
  const rootAttrs = rootXmlAttrs(xmlText, root);
  const mapCtx = rootAttrs.base ? { ...ctx, baseUrl: resolveUrl(rootAttrs.base, ctx.baseUrl) } : ctx;
  return { feed: mapRssFeed(feed, items, mapCtx, format, rootAttrs.lang), strict };
}

/**
 * Parses only the items not seen before (in the same envelope), reusing the others. Falls back
 * to the whole document when the reduced one does not give back exactly the missing items; only
 * items of a strict, fully accounted-for parse are remembered.
 */
async function parseReusing(
  xmlText: string,
  format: XmlFormat,
  root: string,
  ctx: MapContext,
  split: ItemSplit,
  cache: ParsedItemCache,
): Promise<Feed> {
  const envelope = envelopeKey(split, ctx.baseUrl);
  const keys = split.spans.map((span) =>
    itemKey((format !== 'atom' && channelFreeKey(format, span)) || envelope, span),
  );
  const items = keys.map((k) => cache.get(k));
  const missing = items.flatMap((it, i) => (it === undefined ? [i] : []));
  const fetchedIso = ctx.fetchedAt.toISOString();
  // The cache holds a copy with strings of its own (detachItem), which this parse returns too,
  // so later hits are the same object.
  const remember = (i: number, item: FeedItem): FeedItem => {
    if (dependsOnFetchTime(item, fetchedIso)) return item;
    const own = detachItem(item);
    cache.set(keys[i], own);
    return own;
  };
  if (missing.length < keys.length) {
    const reduced = split.head + missing.map((i) => split.spans[i]).join('\n') + split.tail;
    const r = await parseAndMap(reduced, format, root, ctx).catch(() => null);
    if (r && r.strict && r.feed.items.length === missing.length) {
      missing.forEach((i, k) => {
        items[i] = remember(i, r.feed.items[k]);
      });
      cache.hits += keys.length - missing.length;
      cache.misses += missing.length;
      return { ...r.feed, items: items as FeedItem[] };
    }
  }
  const whole = await parseAndMap(xmlText, format, root, ctx);
  if (whole.strict && whole.feed.items.length === keys.length)
    whole.feed.items = whole.feed.items.map((it, i) => remember(i, it));
  cache.misses += keys.length;
  return whole.feed;
}
