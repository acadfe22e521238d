/** Atom 1.0 / 0.3 → normalized Feed. rss-parser keeps one link, one author and no categories, so entries are read from raw nodes. */
import type { Author, Enclosure, Feed, FeedItem } from '../../../shared/types/feed';
import { parseFeedDate } from './dates';
import { nodes, readEngagement, readEnclosures, readGeo, type MapContext, type RawNodes } from './parse-rss';
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
  uniqueAuthors,
  uniqueStrings,
  type XmlNode,
} from './xml-nodes';

/** Escapes text so it can be handled as HTML. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Strips the wrapping <div xmlns="http://www.w3.org/1999/xhtml"> of inline XHTML. */
function unwrapXhtmlDiv(value: string): string {
  const m = /^\s*<(?:[\w-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?div>\s*$/.exec(value);
  return m ? m[1] : value;
}

/**
 * HTML of an Atom text construct. Atom 1.0: type text|html|xhtml; Atom 0.3: a MIME type plus
 * mode escaped|xml|base64. Inline XHTML arrives as a string (wrapped in CDATA before parsing).
 */
export function atomHtml(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  let value = textOf(node);
  if (!value.trim()) return null;
  const type = (attr(node, 'type') ?? 'text').toLowerCase();
  const mode = attr(node, 'mode')?.toLowerCase();
  // Atom 1.0 §4.1.3.3: a MIME type that is neither text nor XML means base64 content.
  const binaryType =
    type.includes('/') && !/^text\/|xml|json|javascript/.test(type) && /^[A-Za-z0-9+/=\s]+$/.test(value);
  if (mode === 'base64' || binaryType) {
    try {
      value = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    } catch {
      return null;
    }
  }
  const isMarkup = type === 'html' || type === 'xhtml' || type.includes('html') || mode === 'xml' || mode === 'escaped';
  if (!isMarkup) return escapeHtml(value);
  // RFC 4287 §3.1.1.3: the xhtml <div> is a container, not part of the content.
  return type === 'xhtml' || type === 'application/xhtml+xml' ? unwrapXhtmlDiv(value) : value;
}

/** Plain text of an Atom text construct. */
function atomText(node: XmlNode | undefined): string | null {
  const html = atomHtml(node);
  const t = html ? htmlToText(html) : '';
  return t || null;
}

/** Atom person constructs (<author>, <contributor>): name and email children. */
function readPeople(list: unknown): Author[] {
  return uniqueAuthors(
    all(list).map((p) => {
      if (typeof p === 'string') return p.trim() ? { name: htmlToText(p) } : null;
      const name = htmlToText(textOf(first(child(p, 'name'))));
      const email = textOf(first(child(p, 'email'))).trim();
      const a: Author = {};
      if (name) a.name = name;
      if (email) a.email = email;
      return a;
    }),
  );
}

/** Link elements after the pre-parse rename (rss-parser would crash on attribute-less links). */
function linkNodes(raw: RawNodes): XmlNode[] {
  return [...all(nodes(raw, 'vigie-link')), ...all(nodes(raw, 'link'))];
}

/** The alternate link: rel="alternate" (HTML preferred) or no rel, else the first link that is not self/enclosure. */
function alternateLink(links: XmlNode[], base: string | null): string | null {
  const hrefOf = (l: XmlNode) => attr(l, 'href') ?? (textOf(l).trim() || undefined);
  const alternates = links.filter((l) => (attr(l, 'rel') ?? 'alternate').toLowerCase() === 'alternate' && hrefOf(l));
  const pick =
    alternates.find((l) => /html/i.test(attr(l, 'type') ?? 'text/html')) ??
    alternates[0] ??
    links.find((l) => !/^(self|enclosure|edit|replies|hub)$/i.test(attr(l, 'rel') ?? '') && hrefOf(l));
  return pick ? resolveUrl(hrefOf(pick), base) : null;
}

/** Base URL of an element: its xml:base resolved against the parent's base. */
function baseOf(raw: RawNodes, parent: string | null): string | null {
  const xmlBase = (nodes(raw, '$') as Record<string, string> | undefined)?.['xml:base'];
  return xmlBase ? resolveUrl(xmlBase, parent) : parent;
}

/** One Atom entry. */
function mapEntry(raw: RawNodes, ctx: MapContext, feedAuthors: Author[]): FeedItem {
  const base = baseOf(raw, ctx.baseUrl);
  const dateOpts = { fetchedAt: ctx.fetchedAt };
  const links = linkNodes(raw);
  const enclosures: Enclosure[] = links
    .filter((l) => attr(l, 'rel')?.toLowerCase() === 'enclosure' && attr(l, 'href'))
    .map((l) => ({
      url: resolveUrl(attr(l, 'href'), base) as string,
      type: attr(l, 'type')?.trim() || null,
      length: toCount(attr(l, 'length')),
    }));
  for (const e of readEnclosures(raw, base)) if (!enclosures.some((x) => x.url === e.url)) enclosures.push(e);
  const contentNode = first(nodes(raw, 'content'));
  const contentHtml = atomHtml(contentNode);
  const summaryHtml = atomHtml(first(nodes(raw, 'summary')));
  const published = parseFeedDate(
    firstText(nodes(raw, 'vigie-published')) ??
      firstText(nodes(raw, 'issued')) ??
      firstText(nodes(raw, 'created')) ??
      firstText(nodes(raw, 'dc:date')),
    dateOpts,
  );
  const updated = parseFeedDate(firstText(nodes(raw, 'vigie-updated')) ?? firstText(nodes(raw, 'modified')), dateOpts);
  const authors = readPeople(nodes(raw, 'author'));
  const dcAuthors = all(nodes(raw, 'dc:creator')).map((a) => ({ name: htmlToText(textOf(a)) }));
  const item: FeedItem = {
    guid: firstText(nodes(raw, 'id')),
    title: atomText(first(nodes(raw, 'title'))),
    link: alternateLink(links, base) ?? (isHttpUrl(firstText(nodes(raw, 'id'))) ? firstText(nodes(raw, 'id')) : null),
    // Null when the entry has no <published>/<issued> (as gofeed and feedparser): process-items falls back to updated.
    published,
    updated,
    // RFC 4287 §4.2.1: an entry without author inherits the feed's.
    authors: authors.length || dcAuthors.length ? uniqueAuthors([...authors, ...dcAuthors]) : feedAuthors,
    categories: uniqueStrings(
      all(nodes(raw, 'category'))
        .map((c) => attr(c, 'term') ?? attr(c, 'label') ?? textOf(c))
        .map((c) => (c ? htmlToText(c) : null)),
    ),
    summary: summaryHtml ? htmlToText(summaryHtml) || null : null,
    content: contentHtml ? sanitizeHtml(contentHtml, base) || null : null,
    enclosures,
  };
  const engagement = readEngagement(raw);
  if (engagement) item.engagement = engagement;
  const geo = readGeo(raw);
  if (geo) item.geo = geo;
  return item;
}

/** A whole Atom feed; `entries` are rss-parser's item objects carrying raw nodes. */
export function mapAtomFeed(feed: RawNodes, entries: RawNodes[], ctx: MapContext): Feed {
  const attrs = (nodes(feed, '$') ?? {}) as Record<string, string>;
  const base = baseOf(feed, ctx.baseUrl);
  const links = linkNodes(feed);
  const link = alternateLink(links, base);
  const self = links.find((l) => attr(l, 'rel') === 'self');
  const entryBase = base ?? (isHttpUrl(link) ? link : null) ?? resolveUrl(attr(self, 'href'), null);
  const authors = readPeople(nodes(feed, 'author'));
  const dateOpts = { fetchedAt: ctx.fetchedAt };
  const lang = attrs['xml:lang'] ?? firstText(nodes(feed, 'dc:language'));
  return {
    format: 'atom',
    title: atomText(first(nodes(feed, 'title'))),
    link,
    description: atomText(
      first(nodes(feed, 'subtitle')) ?? first(nodes(feed, 'tagline')) ?? first(nodes(feed, 'info')),
    ),
    language: lang ? lang.trim().toLowerCase().replace(/_/g, '-') || null : null,
    published: parseFeedDate(firstText(nodes(feed, 'vigie-published')), dateOpts),
    updated: parseFeedDate(firstText(nodes(feed, 'vigie-updated')) ?? firstText(nodes(feed, 'modified')), dateOpts),
    authors,
    categories: uniqueStrings(all(nodes(feed, 'category')).map((c) => attr(c, 'term') ?? attr(c, 'label') ?? null)),
    items: entries.map((e) => mapEntry(e, { ...ctx, baseUrl: entryBase }, authors)),
    ttlMinutes: null,
  };
}
