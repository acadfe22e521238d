/** Feed bytes or text → normalized Feed (the `vigie parse` model): RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed. */
import Parser from 'rss-parser';
import { AppError, isAppError } from '../../../shared/errors';
import type { Feed } from '../../../shared/types/feed';
import { decodeFeedBytes } from './decode';
import { mapAtomFeed } from './parse-atom';
import { parseJsonFeed } from './parse-json-feed';
import { FEED_ELEMENTS, ITEM_ELEMENTS, mapRssFeed, type MapContext, type RawNodes } from './parse-rss';
import { resolveUrl } from './xml-nodes';
import { closeTruncatedDocument, demoronizeCharRefs, repairXmlEntities, stripIllegalXmlChars, wrapInlineMarkup } from './repair-xml';

/** Options of parseFeed. */
export interface ParseFeedOptions {
  /** HTTP Content-Type the bytes came with (charset hint); default none. */
  contentType?: string | null;
  /** Fetch time: future dates are clamped to it (default now). */
  fetchedAt?: Date;
  /** URL the feed was fetched from, to absolutize relative links (default: the feed's own link). */
  baseUrl?: string | null;
}

type XmlFormat = 'rss' | 'rdf' | 'atom';

/** Every element is captured raw (keepArray) under `x:<name>`: the mappers read these, not rss-parser's lossy fields. */
const toCustom = (names: string[]) => names.map((n) => [n, `x:${n}`, { keepArray: true }]);

/** One rss-parser for every call: xml2js resets its state after each document. */
const rssParser = new Parser({
  defaultRSS: 2,
  customFields: { feed: toCustom(FEED_ELEMENTS) as unknown as string[], item: toCustom(ITEM_ELEMENTS) as unknown as string[] },
});

/** Name of the root element (after the prolog, comments and doctype), or null. */
function rootElement(text: string): string | null {
  const m = /^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>))*\s*<([A-Za-z_][\w:.-]*)/i.exec(text.slice(0, 65536));
  return m ? m[1] : null;
}

/** xml:base attribute of the root element's start tag, if any. */
function rootXmlBase(text: string, root: string): string | null {
  const start = new RegExp(`<${root.replace(/[.]/g, '\\.')}(\\s[^>]*)?>`).exec(text);
  const m = start?.[1] ? /\sxml:base\s*=\s*["']([^"']+)["']/.exec(start[1]) : null;
  return m ? m[1] : null;
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
  let xml = wrapInlineMarkup(demoronizeCharRefs(stripIllegalXmlChars(text)));
  // A prefixed root (<atom:feed>, <r:rss>) puts every element in that prefix: drop it so names match.
  const prefix = root.includes(':') && format !== 'rdf' ? root.slice(0, root.indexOf(':')) : null;
  if (prefix) xml = xml.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1');
  if (format === 'atom') xml = xml.replace(/<(\/?)(link|published|updated)(?=[\s>/])/g, '<$1vigie-$2');
  // rss-parser dereferences channel[0]: give a channel-less RSS/RDF document an empty one.
  if (format !== 'atom' && !/<(?:[\w-]+:)?channel[\s>/]/.test(xml)) {
    const bare = prefix ? root.slice(prefix.length + 1) : root;
    xml = xml.replace(new RegExp(`<${bare.replace(/[.]/g, '\\.')}(?:\\s[^>]*)?>`), '$&<channel/>');
  }
  if (format === 'rdf' && root !== 'rdf:RDF') {
    xml = xml.replace(new RegExp(`<(/?)${root.replace(/[.]/g, '\\.')}(?=[\\s>/])`, 'g'), '<$1rdf:RDF');
  }
  return xml;
}

/** Runs rss-parser, trying entity repair then truncation recovery when the strict parse fails. */
async function parseXmlTree(xml: string): Promise<Record<string, unknown>> {
  let lastError: unknown;
  const attempts: (() => string | null)[] = [() => xml, () => repairXmlEntities(xml), () => closeTruncatedDocument(repairXmlEntities(xml))];
  for (const attempt of attempts) {
    const candidate = attempt();
    if (candidate === null) break;
    try {
      return (await rssParser.parseString(candidate)) as unknown as Record<string, unknown>;
    } catch (err) {
      lastError = err;
    }
  }
  const message = lastError instanceof Error ? lastError.message.split('\n')[0] : String(lastError);
  throw new AppError('parse.invalid', `unrecoverable XML: ${message}`, {}, { cause: lastError });
}

/**
 * Parses a feed into the normalized model. Throws AppError `parse.empty` (no content),
 * `parse.not_a_feed` (HTML page, other XML or JSON) or `parse.invalid` (unrecoverable syntax).
 */
export async function parseFeed(input: Buffer | string, options: ParseFeedOptions = {}): Promise<Feed> {
  const text = (typeof input === 'string' ? input : decodeFeedBytes(input, options.contentType).text).replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  if (!trimmed) throw new AppError('parse.empty', 'empty document');
  const ctx: MapContext = { baseUrl: options.baseUrl ?? null, fetchedAt: options.fetchedAt ?? new Date() };
  if (trimmed[0] === '{' || trimmed[0] === '[') return parseJsonFeed(trimmed, ctx);
  let xmlText = trimmed;
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
  try {
    const tree = await parseXmlTree(prepareXml(xmlText, format, root));
    // rss-parser drops the root's attributes: an xml:base there still governs relative links.
    const rootBase = format === 'atom' ? null : rootXmlBase(xmlText, root);
    if (rootBase) ctx.baseUrl = resolveUrl(rootBase, ctx.baseUrl);
    const items = (tree.items ?? []) as RawNodes[];
    return format === 'atom' ? mapAtomFeed(tree, items, ctx) : mapRssFeed(tree, items, ctx, format);
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('parse.invalid', err instanceof Error ? err.message : String(err), {}, { cause: err });
  }
}
