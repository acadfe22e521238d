/** RSS 0.9x / 1.0 (RDF) / 2.0 → normalized Feed, from the nodes rss-parser hands over. */
import type { Author, Enclosure, Engagement, Feed, FeedItem } from '../../../shared/types/feed';
import { parseFeedDate } from './dates';
import { htmlToText, sanitizeHtml } from './sanitize';
import {
  all,
  attr,
  child,
  first,
  firstText,
  isHttpUrl,
  parsePerson,
  resolveUrl,
  textOf,
  toCount,
  uniqueAuthors,
  uniqueStrings,
} from './xml-nodes';

/** What the item and feed mappers need besides the nodes. */
export interface MapContext {
  baseUrl: string | null;
  fetchedAt: Date;
}

/** Raw nodes captured through rss-parser custom fields, keyed `x:<element>`. */
export type RawNodes = Record<string, unknown>;

/** Element names captured on every item/entry (rss-parser `customFields.item`, keepArray). */
export const ITEM_ELEMENTS = [
  'title',
  'link',
  'guid',
  'description',
  'content:encoded',
  'body',
  'xhtml:body',
  'fullitem',
  'pubDate',
  'dc:date',
  'dcterms:modified',
  'dcterms:issued',
  'atom:link',
  'atom:updated',
  'atom:published',
  'author',
  'dc:creator',
  'dc:author',
  'itunes:author',
  'category',
  'dc:subject',
  'dc:description',
  'dc:title',
  'enclosure',
  'media:content',
  'media:group',
  'media:thumbnail',
  'georss:point',
  'geo:lat',
  'geo:long',
  'slash:comments',
  'thr:total',
  'media:community',
  'media:title',
  'media:description',
  'itunes:summary',
  'id',
  'vigie-link',
  'vigie-published',
  'vigie-updated',
  'issued',
  'created',
  'modified',
  'summary',
  'content',
  'contributor',
  '$',
];

/** Element names captured on the channel / Atom feed (rss-parser `customFields.feed`, keepArray). */
export const FEED_ELEMENTS = [
  'title',
  'link',
  'description',
  'language',
  'dc:language',
  'pubDate',
  'lastBuildDate',
  'dc:date',
  'managingEditor',
  'webMaster',
  'author',
  'dc:creator',
  'itunes:author',
  'dc:author',
  'category',
  'itunes:category',
  'itunes:keywords',
  'itunes:subtitle',
  'dc:subject',
  'ttl',
  'sy:updatePeriod',
  'sy:updateFrequency',
  'atom:link',
  'id',
  'vigie-link',
  'vigie-updated',
  'vigie-published',
  'modified',
  'subtitle',
  'tagline',
  'info',
  '$',
];

/** Raw nodes of element `name` on an rss-parser object. */
export function nodes(obj: RawNodes, name: string): unknown {
  return obj[`x:${name}`];
}

/** Plain text of an RSS text element that may hold escaped HTML (titles often do). */
function plain(value: unknown): string | null {
  const raw = textOf(first(value));
  const t = raw ? htmlToText(raw) : '';
  return t || null;
}

/** MIME types guessed from a file extension when a feed gives none (Le Monde's media:content has no type). */
const TYPE_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  pdf: 'application/pdf',
};

/** Type from the URL's extension, or null. */
export function guessMediaType(url: string): string | null {
  const m = /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(url);
  return m ? (TYPE_BY_EXTENSION[m[1].toLowerCase()] ?? null) : null;
}

/** The item's enclosures: RSS <enclosure>, Media RSS <media:content> (also inside <media:group>). */
function readEnclosures(raw: RawNodes, base: string | null): Enclosure[] {
  const out: Enclosure[] = [];
  const seen = new Set<string>();
  const push = (url: string | null, type: string | undefined, length: string | undefined) => {
    if (!url || seen.has(url)) return;
    seen.add(url);
    out.push({ url, type: type?.trim() || guessMediaType(url), length: toCount(length) });
  };
  for (const e of all(nodes(raw, 'enclosure')))
    push(resolveUrl(attr(e, 'url'), base), attr(e, 'type'), attr(e, 'length'));
  const media = [
    ...all(nodes(raw, 'media:content')),
    ...all(nodes(raw, 'media:group')).flatMap((g) => all(child(g, 'media:content'))),
  ];
  for (const m of media) {
    const medium = attr(m, 'medium');
    push(
      resolveUrl(attr(m, 'url'), base),
      attr(m, 'type') ?? (medium ? `${medium}/*` : undefined),
      attr(m, 'fileSize'),
    );
  }
  return out;
}

/** Engagement figures: slash:comments, thr:total, Media RSS statistics/starRating. */
export function readEngagement(raw: RawNodes): Engagement | undefined {
  const e: Engagement = {};
  const comments = toCount(firstText(nodes(raw, 'slash:comments'))) ?? toCount(firstText(nodes(raw, 'thr:total')));
  if (comments !== null) e.comments = comments;
  const community =
    first(nodes(raw, 'media:community')) ?? first(child(first(nodes(raw, 'media:group')), 'media:community'));
  const views = toCount(attr(first(child(community, 'media:statistics')), 'views'));
  if (views !== null) e.views = views;
  const rating = toCount(attr(first(child(community, 'media:starRating')), 'count'));
  if (rating !== null) e.score = rating;
  return Object.keys(e).length ? e : undefined;
}

/** georss:point "lat lon" or W3C geo:lat/geo:long. */
export function readGeo(raw: RawNodes): { lat: number; lon: number } | null {
  const point = firstText(nodes(raw, 'georss:point'));
  const [lat, lon] = point
    ? point.split(/[\s,]+/).map(Number)
    : [Number(firstText(nodes(raw, 'geo:lat'))), Number(firstText(nodes(raw, 'geo:long')))];
  return Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    (point || firstText(nodes(raw, 'geo:lat')))
    ? { lat, lon }
    : null;
}

/** The item's permalink: <link>, else a permalink guid, else atom:link alternate, else rdf:about. */
function readItemLink(raw: RawNodes, base: string | null): string | null {
  for (const l of all(nodes(raw, 'link'))) {
    const href = textOf(l).trim() || attr(l, 'href');
    if (href) return resolveUrl(href, base);
  }
  const guidNode = first(nodes(raw, 'guid'));
  const guid = textOf(guidNode).trim();
  if (isHttpUrl(guid) && attr(guidNode, 'isPermaLink') !== 'false') return guid;
  const alt = all(nodes(raw, 'atom:link')).find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  if (alt) return resolveUrl(attr(alt, 'href'), base);
  const about = (nodes(raw, '$') as Record<string, string> | undefined)?.['rdf:about'];
  return about && isHttpUrl(about) ? about.trim() : null;
}

/**
 * People from the first element kind present, in precedence order (gofeed's translator order):
 * mixing sources would list one person twice ("jo@x.fr (Jo)" as author and "Jo" as dc:creator).
 */
function readPeople(raw: RawNodes, elements: string[]): Author[] {
  for (const name of elements) {
    const people = uniqueAuthors(all(nodes(raw, name)).map((a) => parsePerson(htmlToText(textOf(a)))));
    if (people.length) return people;
  }
  return [];
}

/** One RSS/RDF item. */
function mapRssItem(raw: RawNodes, ctx: MapContext, isRdf: boolean): FeedItem {
  const attrs = (nodes(raw, '$') ?? {}) as Record<string, string>;
  // xml:base on the item (rare in RSS, but gofeed and feedparser honour it).
  const base = attrs['xml:base'] ? resolveUrl(attrs['xml:base'], ctx.baseUrl) : ctx.baseUrl;
  const guid = firstText(nodes(raw, 'guid')) ?? (isRdf && attrs['rdf:about'] ? attrs['rdf:about'].trim() : null);
  const mediaDescription =
    first(nodes(raw, 'media:description')) ?? first(child(first(nodes(raw, 'media:group')), 'media:description'));
  const descriptionHtml =
    textOf(first(nodes(raw, 'description'))) ||
    textOf(first(nodes(raw, 'dc:description'))) ||
    textOf(first(nodes(raw, 'itunes:summary'))) ||
    textOf(mediaDescription);
  const bodyHtml =
    textOf(first(nodes(raw, 'content:encoded'))) ||
    textOf(first(nodes(raw, 'xhtml:body'))) ||
    textOf(first(nodes(raw, 'body'))) ||
    textOf(first(nodes(raw, 'fullitem')));
  const dateOpts = { fetchedAt: ctx.fetchedAt };
  const geo = readGeo(raw);
  const item: FeedItem = {
    guid,
    title: plain(nodes(raw, 'title')) ?? plain(nodes(raw, 'dc:title')) ?? plain(nodes(raw, 'media:title')),
    link: readItemLink(raw, base),
    published: parseFeedDate(
      firstText(nodes(raw, 'pubDate')) ??
        firstText(nodes(raw, 'dc:date')) ??
        firstText(nodes(raw, 'dcterms:issued')) ??
        firstText(nodes(raw, 'atom:published')),
      dateOpts,
    ),
    updated: parseFeedDate(
      firstText(nodes(raw, 'dcterms:modified')) ??
        firstText(nodes(raw, 'atom:updated')) ??
        firstText(nodes(raw, 'dc:date')),
      dateOpts,
    ),
    authors: readPeople(raw, ['author', 'dc:author', 'dc:creator', 'itunes:author']),
    categories: uniqueStrings(
      [...all(nodes(raw, 'category')), ...all(nodes(raw, 'dc:subject'))].map((c) => htmlToText(textOf(c))),
    ),
    summary: descriptionHtml ? htmlToText(descriptionHtml) || null : null,
    content: bodyHtml ? sanitizeHtml(bodyHtml, base) || null : null,
    enclosures: readEnclosures(raw, base),
  };
  const engagement = readEngagement(raw);
  if (engagement) item.engagement = engagement;
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

/** A whole RSS/RDF channel; `items` are rss-parser's item objects carrying raw nodes. */
export function mapRssFeed(channel: RawNodes, items: RawNodes[], ctx: MapContext, format: 'rss' | 'rdf'): Feed {
  const channelLink =
    all(nodes(channel, 'link'))
      .map((l) => textOf(l).trim() || attr(l, 'href') || '')
      .find(Boolean) ?? null;
  const link = resolveUrl(channelLink, ctx.baseUrl);
  const itemCtx: MapContext = { ...ctx, baseUrl: ctx.baseUrl ?? (isHttpUrl(link) ? link : null) };
  const dateOpts = { fetchedAt: ctx.fetchedAt };
  const description = textOf(first(nodes(channel, 'description'))) || textOf(first(nodes(channel, 'itunes:subtitle')));
  return {
    format,
    title: plain(nodes(channel, 'title')),
    link,
    description: description ? htmlToText(description) || null : null,
    language:
      (firstText(nodes(channel, 'language')) ?? firstText(nodes(channel, 'dc:language')))
        ?.toLowerCase()
        .replace(/_/g, '-') ?? null,
    // Precedence as gofeed's translator: pubDate is the publication, lastBuildDate then dc:date the update.
    published: parseFeedDate(firstText(nodes(channel, 'pubDate')), dateOpts),
    updated: parseFeedDate(
      firstText(nodes(channel, 'lastBuildDate')) ?? firstText(nodes(channel, 'dc:date')),
      dateOpts,
    ),
    authors: readPeople(channel, ['managingEditor', 'webMaster', 'author', 'dc:author', 'dc:creator', 'itunes:author']),
    categories: uniqueStrings([
      ...[...all(nodes(channel, 'category')), ...all(nodes(channel, 'dc:subject'))].map((c) => htmlToText(textOf(c))),
      ...all(nodes(channel, 'itunes:category')).flatMap((c) => [
        attr(c, 'text'),
        ...all(child(c, 'itunes:category')).map((s) => attr(s, 'text')),
      ]),
      ...all(nodes(channel, 'itunes:keywords')).flatMap((k) => textOf(k).split(',')),
    ]),
    items: items.map((it) => mapRssItem(it, itemCtx, format === 'rdf')),
    ttlMinutes: readTtl(channel),
  };
}

export { readEnclosures };
