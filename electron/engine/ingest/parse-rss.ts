/**
 * RSS 0.9x / 1.0 (RDF) / 2.0 → normalized Feed, from the nodes rss-parser hands over. Each field
 * takes the first source present, in the order written down in docs/feeds.md (gofeed's universal
 * translator where it names one, then feedparser's sources, Media RSS last).
 */
import type { Feed, FeedItem } from '../../../shared/types/feed';
import { parseFeedDate } from './dates';
import {
  alternateLink,
  atomHtml,
  atomText,
  attrsOf,
  baseOf,
  firstPresent,
  nodes,
  peopleFrom,
  plainText,
  textFrom,
  type MapContext,
  type RawNodes,
} from './feed-nodes';
import { readEnclosures, readEngagement, readGeo } from './item-media';
import { htmlToText, sanitizeHtml } from './sanitize';
import {
  all,
  attr,
  child,
  first,
  firstText,
  isHttpUrl,
  resolveUrl,
  textOf,
  toCount,
  uniqueStrings,
  type XmlNode,
} from './xml-nodes';

export { FEED_ELEMENTS, ITEM_ELEMENTS, type MapContext, type RawNodes } from './feed-nodes';

/** Sources of each item field, in precedence order (docs/feeds.md): gofeed's translator, then feedparser's. */
const ITEM = {
  title: ['title', 'dc:title', 'atom:title', 'itunes:title'],
  summary: ['description', 'dc:description', 'itunes:summary', 'atom:summary', 'summary', 'itunes:subtitle'],
  content: ['content:encoded', 'atom:content', 'xhtml:body', 'body', 'fullitem'],
  published: ['pubDate', 'dc:date', 'dcterms:issued', 'atom:published', 'issued', 'created'],
  updated: ['dcterms:modified', 'dc:date', 'atom:updated', 'modified'],
  authors: ['author', 'dc:author', 'dc:creator', 'itunes:author', 'atom:author'],
} as const;

/** Sources of each channel field, in precedence order (docs/feeds.md). */
const CHANNEL = {
  title: ['title', 'dc:title', 'atom:title'],
  description: ['description', 'itunes:summary', 'dc:description', 'itunes:subtitle', 'atom:subtitle'],
  language: ['language', 'dc:language'],
  published: ['pubDate', 'dcterms:issued', 'atom:published'],
  updated: ['lastBuildDate', 'dc:date', 'dcterms:modified', 'atom:updated'],
  authors: ['managingEditor', 'webMaster', 'author', 'dc:author', 'dc:creator', 'itunes:author', 'atom:author'],
} as const;

/** atom:link elements inside RSS whose rel is alternate (or absent): the only ones that stand for <link>. */
function atomAlternates(raw: RawNodes): XmlNode[] {
  return all(nodes(raw, 'atom:link')).filter((l) => (attr(l, 'rel') ?? 'alternate').toLowerCase() === 'alternate');
}

/** The item's permalink: <link>, else atom:link alternate, else a permalink guid, else rdf:about. */
function readItemLink(raw: RawNodes, base: string | null): string | null {
  for (const l of all(nodes(raw, 'link'))) {
    const href = textOf(l).trim() || attr(l, 'href');
    if (href) return resolveUrl(href, baseOf(l, base));
  }
  const alt = alternateLink(atomAlternates(raw), base);
  if (alt) return alt;
  const guidNode = first(nodes(raw, 'guid'));
  const guid = textOf(guidNode).trim();
  if (isHttpUrl(guid) && attr(guidNode, 'isPermaLink') !== 'false') return guid;
  const about = attrsOf(raw)['rdf:about'];
  return about && isHttpUrl(about) ? about.trim() : null;
}

/** Plain text of the first source present: Atom text constructs by their type, others as RSS (escaped) HTML. */
function textField(raw: RawNodes, names: readonly string[]): string | null {
  const i = firstPresent(raw, names);
  if (i === -1) return null;
  const node = first(nodes(raw, names[i]));
  return names[i].startsWith('atom:') ? atomText(node) : plainText(node);
}

/** HTML of the first source present (Atom constructs by their type) and the base of its node. */
function htmlField(
  raw: RawNodes,
  names: readonly string[],
  base: string | null,
): { html: string; base: string | null } | null {
  const i = firstPresent(raw, names);
  if (i === -1) return null;
  const node = first(nodes(raw, names[i]));
  const html = names[i].startsWith('atom:') ? atomHtml(node) : textOf(node);
  return html ? { html, base: baseOf(node, base) } : null;
}

/** itunes:category `text` attributes with their sub-categories, in document order. */
function itunesCategories(raw: RawNodes): (string | undefined)[] {
  return all(nodes(raw, 'itunes:category')).flatMap((c) => [
    attr(c, 'text'),
    ...all(child(c, 'itunes:category')).map((s) => attr(s, 'text')),
  ]);
}

/**
 * Categories: <category>, itunes:keywords, dc:subject, atom:category terms (merged, gofeed's
 * order), then itunes:category (feedparser reads it on items too); media:category alone.
 */
function itemCategories(raw: RawNodes): string[] {
  const out: (string | null | undefined)[] = [];
  for (const c of all(nodes(raw, 'category'))) out.push(htmlToText(textOf(c)));
  for (const k of all(nodes(raw, 'itunes:keywords'))) out.push(...textOf(k).split(','));
  for (const c of all(nodes(raw, 'dc:subject'))) out.push(htmlToText(textOf(c)));
  for (const c of all(nodes(raw, 'atom:category'))) out.push(attr(c, 'term'));
  out.push(...itunesCategories(raw));
  if (out.length === 0) for (const c of all(nodes(raw, 'media:category'))) out.push(htmlToText(textOf(c)));
  return uniqueStrings(out);
}

/** Media RSS text of an item: directly on it or inside its media:group. */
function mediaNode(raw: RawNodes, name: string): XmlNode | undefined {
  return first(nodes(raw, name)) ?? first(child(first(nodes(raw, 'media:group')), name));
}

/** One RSS/RDF item. */
function mapRssItem(raw: RawNodes, ctx: MapContext, isRdf: boolean): FeedItem {
  const attrs = attrsOf(raw);
  // xml:base on the item (rare in RSS, but gofeed and feedparser honour it).
  const base = attrs['xml:base'] ? resolveUrl(attrs['xml:base'], ctx.baseUrl) : ctx.baseUrl;
  const guid =
    firstText(nodes(raw, 'guid')) ??
    (isRdf && attrs['rdf:about'] ? attrs['rdf:about'].trim() : null) ??
    firstText(nodes(raw, 'atom:id'));
  const summary = htmlField(raw, ITEM.summary, base);
  const mediaDescription = textOf(mediaNode(raw, 'media:description'));
  const body = htmlField(raw, ITEM.content, base);
  const dateOpts = { fetchedAt: ctx.fetchedAt };
  const media = mediaNode(raw, 'media:title');
  const item: FeedItem = {
    guid,
    title: textField(raw, ITEM.title) ?? (media ? plainText(media) : null),
    link: readItemLink(raw, base),
    published: parseFeedDate(textFrom(raw, ITEM.published), dateOpts),
    updated: parseFeedDate(textFrom(raw, ITEM.updated), dateOpts),
    authors: peopleFrom(raw, ITEM.authors),
    categories: itemCategories(raw),
    summary: summary
      ? htmlToText(summary.html) || null
      : mediaDescription
        ? htmlToText(mediaDescription) || null
        : null,
    content: body ? sanitizeHtml(body.html, body.base) || null : null,
    enclosures: readEnclosures(raw, base),
  };
  const engagement = readEngagement(raw);
  if (engagement) item.engagement = engagement;
  const geo = readGeo(raw);
  if (geo) item.geo = geo;
  return item;
}

/** Refresh hint in minutes: <ttl>, else sy:updatePeriod / sy:updateFrequency. */
function readTtl(raw: RawNodes): number | null {
  const ttl = toCount(firstText(nodes(raw, 'ttl')));
  if (ttl) return ttl;
  const period = firstText(nodes(raw, 'sy:updatePeriod'))?.toLowerCase();
  if (!period) return null;
  const minutes: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };
  const freq = toCount(firstText(nodes(raw, 'sy:updateFrequency'))) || 1;
  return minutes[period] ? Math.max(1, Math.round(minutes[period] / freq)) : null;
}

/** Channel categories: <category>, itunes:keywords, itunes:category (and sub-categories), dc:subject (gofeed's order). */
function channelCategories(channel: RawNodes): string[] {
  return uniqueStrings([
    ...all(nodes(channel, 'category')).map((c) => htmlToText(textOf(c))),
    ...all(nodes(channel, 'itunes:keywords')).flatMap((k) => textOf(k).split(',')),
    ...itunesCategories(channel),
    ...all(nodes(channel, 'dc:subject')).map((c) => htmlToText(textOf(c))),
  ]);
}

/** Normalized language tag ("en_US" → "en-us"), or null. */
export function languageTag(value: string | null | undefined): string | null {
  const t = value?.trim().toLowerCase().replace(/_/g, '-');
  return t || null;
}

/**
 * A whole RSS/RDF channel; `items` are rss-parser's item objects carrying raw nodes. `rootLang`
 * is the root element's xml:lang (rss-parser drops the root's attributes).
 */
export function mapRssFeed(
  channel: RawNodes,
  items: RawNodes[],
  ctx: MapContext,
  format: 'rss' | 'rdf',
  rootLang: string | null = null,
): Feed {
  const attrs = attrsOf(channel);
  const base = attrs['xml:base'] ? resolveUrl(attrs['xml:base'], ctx.baseUrl) : ctx.baseUrl;
  const channelLink =
    all(nodes(channel, 'link'))
      .map((l) => textOf(l).trim() || attr(l, 'href') || '')
      .find(Boolean) ?? null;
  const link = resolveUrl(channelLink, base) ?? alternateLink(atomAlternates(channel), base);
  // Without any base, the channel's own link is the best guess for relative item links.
  const itemCtx: MapContext = { ...ctx, baseUrl: base ?? (isHttpUrl(link) ? link : null) };
  const dateOpts = { fetchedAt: ctx.fetchedAt };
  const description = htmlField(channel, CHANNEL.description, base);
  return {
    format,
    title: textField(channel, CHANNEL.title),
    link,
    description: description ? htmlToText(description.html) || null : null,
    language: languageTag(textFrom(channel, CHANNEL.language) ?? attrs['xml:lang'] ?? rootLang ?? ctx.contentLanguage),
    // Precedence as gofeed's translator: pubDate is the publication, lastBuildDate then dc:date the update.
    published: parseFeedDate(textFrom(channel, CHANNEL.published), dateOpts),
    updated: parseFeedDate(textFrom(channel, CHANNEL.updated), dateOpts),
    authors: peopleFrom(channel, CHANNEL.authors),
    categories: channelCategories(channel),
    items: items.map((it) => mapRssItem(it, itemCtx, format === 'rdf')),
    ttlMinutes: readTtl(channel),
  };
}
