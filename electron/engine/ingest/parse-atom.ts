/** Atom 1.0 / 0.3 → normalized Feed. rss-parser keeps one link, one author and no categories, so entries are read from raw nodes. */
import type { Author, Enclosure, Feed, FeedItem } from '../../../shared/types/feed';
import { parseFeedDate } from './dates';
import {
  alternateLink,
  atomHtml,
  atomPeople,
  atomText,
  personOf,
  attrsOf,
  baseOf,
  firstOf,
  nodes,
  plainText,
  type MapContext,
  type RawNodes,
} from './feed-nodes';
import { readEngagement, readEnclosures, readGeo } from './item-media';
import { languageTag } from './parse-rss';
import { htmlToText, sanitizeHtml } from './sanitize';
import {
  all,
  attr,
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

/** Fallback sources of Atom fields after the Atom element itself, in precedence order (docs/feeds.md). */
const FALLBACK = {
  entryTitle: ['dc:title', 'media:title'],
  entrySummary: ['dc:description', 'itunes:summary', 'media:description'],
  feedDescription: ['subtitle', 'tagline', 'info'],
  feedDescriptionOther: ['itunes:summary', 'dc:description'],
  feedTitle: ['dc:title'],
} as const;

/** Link elements after the pre-parse rename (rss-parser would crash on attribute-less links). */
function linkNodes(raw: RawNodes): XmlNode[] {
  return [...all(nodes(raw, 'vigie-link')), ...all(nodes(raw, 'link'))];
}

/** Base URL of an element: its xml:base resolved against the parent's base. */
function rawBase(raw: RawNodes, parent: string | null): string | null {
  const xmlBase = attrsOf(raw)['xml:base'];
  return xmlBase ? resolveUrl(xmlBase, parent) : parent;
}

/** Dublin Core people (dc:creator), read only when the element has no Atom author. */
function dcPeople(raw: RawNodes): Author[] {
  return uniqueAuthors(all(nodes(raw, 'dc:creator')).map((a) => personOf(textOf(a))));
}

/** Categories: Atom terms (label when no term), else dc:subject. */
function categoriesOf(raw: RawNodes): string[] {
  const atom = uniqueStrings(
    all(nodes(raw, 'category'))
      .map((c) => attr(c, 'term') ?? attr(c, 'label') ?? textOf(c))
      .map((c) => (c ? htmlToText(c) : null)),
  );
  return atom.length ? atom : uniqueStrings(all(nodes(raw, 'dc:subject')).map((c) => htmlToText(textOf(c))));
}

/** The Atom source element of an entry (RFC 4287 §4.2.11), as raw nodes like the entry's. */
function sourceOf(raw: RawNodes): RawNodes {
  const src = first(nodes(raw, 'source'));
  const out: RawNodes = {};
  if (src && typeof src === 'object') for (const [k, v] of Object.entries(src)) out[`x:${k}`] = v;
  return out;
}

/** HTML of an entry's content: <content>, else content:encoded some Atom feeds carry, with the node's own base. */
function entryContent(raw: RawNodes, base: string | null): string | null {
  const content = first(nodes(raw, 'content'));
  const html = atomHtml(content);
  if (html) return sanitizeHtml(html, baseOf(content, base)) || null;
  const encoded = textOf(first(nodes(raw, 'content:encoded')));
  return encoded.trim() ? sanitizeHtml(encoded, base) || null : null;
}

/** Plain text of an entry's summary: <summary>, else dc:description, itunes:summary, media:description. */
function entrySummary(raw: RawNodes): string | null {
  const summary = atomText(first(nodes(raw, 'summary')));
  if (summary) return summary;
  const other = firstOf(raw, FALLBACK.entrySummary);
  return other ? plainText(other) : null;
}

/**
 * An entry's atom:id, an IRI: a relative one is resolved (XML Base) when it is a path ("/x/1") or
 * an xml:base is declared around it; an opaque word stays as written (feedparser keeps "right").
 */
function entryId(raw: RawNodes, base: string | null, declaredBase: string | null): string | null {
  const node = first(nodes(raw, 'id'));
  const id = firstText([node]);
  if (!id || /^[a-z][a-z0-9+.-]*:/i.test(id)) return id;
  const declared = attr(node, 'xml:base') ? baseOf(node, base) : declaredBase;
  return id.startsWith('/')
    ? (resolveUrl(id, declared ?? base) ?? id)
    : declared
      ? (resolveUrl(id, declared) ?? id)
      : id;
}

/** One Atom entry; `feedXmlBase` is the feed's declared xml:base (resolved), if any. */
function mapEntry(raw: RawNodes, ctx: MapContext, feedAuthors: Author[], feedXmlBase: string | null): FeedItem {
  const base = rawBase(raw, ctx.baseUrl);
  const dateOpts = { fetchedAt: ctx.fetchedAt };
  const links = linkNodes(raw);
  const enclosures: Enclosure[] = links
    .filter((l) => attr(l, 'rel')?.toLowerCase() === 'enclosure' && attr(l, 'href'))
    .map((l) => ({
      url: resolveUrl(attr(l, 'href'), baseOf(l, base)) as string,
      type: attr(l, 'type')?.trim() || null,
      length: toCount(attr(l, 'length')),
    }));
  for (const e of readEnclosures(raw, base)) if (!enclosures.some((x) => x.url === e.url)) enclosures.push(e);
  const updated = parseFeedDate(firstText(nodes(raw, 'vigie-updated')) ?? firstText(nodes(raw, 'modified')), dateOpts);
  // An entry without any <published> (Atom 0.3: issued/created) was published when last updated,
  // as gofeed's universal model and rss-parser read it; an unreadable <published> stays null.
  const publishedText =
    firstText(nodes(raw, 'vigie-published')) ??
    firstText(nodes(raw, 'issued')) ??
    firstText(nodes(raw, 'created')) ??
    firstText(nodes(raw, 'dc:date'));
  const published = publishedText === null ? updated : parseFeedDate(publishedText, dateOpts);
  const source = sourceOf(raw);
  // RFC 4287 §4.2.1: an entry without author takes its source's, else the feed's; dc:creator only when none.
  const own = atomPeople(nodes(raw, 'author'));
  const sourceAuthors = atomPeople(nodes(source, 'author'));
  const id = entryId(raw, base, attrsOf(raw)['xml:base'] ? base : feedXmlBase);
  const item: FeedItem = {
    guid: id,
    title: atomText(first(nodes(raw, 'title'))) ?? plainText(firstOf(raw, FALLBACK.entryTitle)),
    link: alternateLink(links, base) ?? (isHttpUrl(id) ? id : null),
    published,
    updated,
    authors: own.length
      ? own
      : dcPeople(raw).length
        ? dcPeople(raw)
        : sourceAuthors.length
          ? sourceAuthors
          : feedAuthors,
    categories: categoriesOf(raw),
    summary: entrySummary(raw),
    content: entryContent(raw, base),
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
  const attrs = attrsOf(feed);
  const base = rawBase(feed, ctx.baseUrl);
  const links = linkNodes(feed);
  const link = alternateLink(links, base);
  const self = links.find((l) => attr(l, 'rel') === 'self');
  // Without any base, the feed's own link (then its self link) is the best guess for relative entry links.
  const entryBase = base ?? (isHttpUrl(link) ? link : null) ?? resolveUrl(attr(self, 'href'), null);
  const atomAuthors = atomPeople(nodes(feed, 'author'));
  const authors = atomAuthors.length ? atomAuthors : dcPeople(feed);
  const dateOpts = { fetchedAt: ctx.fetchedAt };
  const description =
    atomText(firstOf(feed, FALLBACK.feedDescription)) ?? plainText(firstOf(feed, FALLBACK.feedDescriptionOther));
  return {
    format: 'atom',
    title: atomText(first(nodes(feed, 'title'))) ?? plainText(firstOf(feed, FALLBACK.feedTitle)),
    link,
    description,
    language: languageTag(attrs['xml:lang'] ?? firstText(nodes(feed, 'dc:language')) ?? ctx.contentLanguage),
    published: parseFeedDate(firstText(nodes(feed, 'vigie-published')), dateOpts),
    updated: parseFeedDate(
      firstText(nodes(feed, 'vigie-updated')) ??
        firstText(nodes(feed, 'modified')) ??
        firstText(nodes(feed, 'dc:date')),
      dateOpts,
    ),
    authors,
    categories: categoriesOf(feed),
    items: entries.map((e) => mapEntry(e, { ...ctx, baseUrl: entryBase }, authors, attrs['xml:base'] ? base : null)),
    ttlMinutes: null,
  };
}
