/** The raw nodes the RSS and Atom mappers read (rss-parser custom fields), and readers they share. */
import type { Author } from '../../../shared/types/feed';
import { decodeHtmlEntities, htmlToText } from './sanitize';
import { all, attr, child, first, parsePerson, resolveUrl, textOf, uniqueAuthors, type XmlNode } from './xml-nodes';

/** What the item and feed mappers need besides the nodes. */
export interface MapContext {
  /** Base for relative URLs: xml:base of the document, else HTTP Content-Location, else the fetched URL. */
  baseUrl: string | null;
  fetchedAt: Date;
  /** HTTP Content-Language, the last fallback for the feed's language. */
  contentLanguage?: string | null;
}

/** Raw nodes captured through rss-parser custom fields, keyed `x:<element>`. */
export type RawNodes = Record<string, unknown>;

/**
 * Elements of both items and channels (Dublin Core, iTunes, Atom inside RSS, attributes `$`).
 * Each captured name costs rss-parser a lookup per item: only names a mapper reads are listed.
 */
const SHARED_ELEMENTS = [
  'title',
  'link',
  'description',
  'author',
  'category',
  'dc:title',
  'dc:creator',
  'dc:author',
  'dc:date',
  'dc:subject',
  'dc:description',
  'dcterms:modified',
  'dcterms:issued',
  'itunes:author',
  'itunes:summary',
  'itunes:subtitle',
  'itunes:keywords',
  'atom:link',
  'atom:title',
  'atom:author',
  'atom:updated',
  'atom:published',
  'vigie-link',
  'vigie-published',
  'vigie-updated',
  'modified',
  '$',
];

/** Element names captured on every item/entry (rss-parser `customFields.item`, keepArray). */
export const ITEM_ELEMENTS = [
  ...SHARED_ELEMENTS,
  'id',
  'guid',
  'summary',
  'content',
  'content:encoded',
  'body',
  'xhtml:body',
  'fullitem',
  'pubDate',
  'itunes:title',
  'atom:id',
  'atom:category',
  'atom:summary',
  'atom:content',
  'media:title',
  'media:description',
  'media:category',
  'itunes:category',
  'enclosure',
  'media:content',
  'media:group',
  'georss:point',
  'geo:lat',
  'geo:long',
  'slash:comments',
  'thr:total',
  'media:community',
  'issued',
  'created',
  'source',
];

/** Element names captured on the channel / Atom feed (rss-parser `customFields.feed`, keepArray). */
export const FEED_ELEMENTS = [
  ...SHARED_ELEMENTS,
  'language',
  'dc:language',
  'pubDate',
  'lastBuildDate',
  'managingEditor',
  'webMaster',
  'itunes:category',
  'atom:subtitle',
  'ttl',
  'sy:updatePeriod',
  'sy:updateFrequency',
  'subtitle',
  'tagline',
  'info',
];

/** `x:<name>` keys by element name, built once: mappers look up dozens of names per item. */
const KEYS: Record<string, string> = Object.create(null) as Record<string, string>;

/** Raw nodes of element `name` on an rss-parser object. */
export function nodes(obj: RawNodes, name: string): unknown {
  return obj[(KEYS[name] ??= `x:${name}`)];
}

/** First non-empty node of the first element present, in precedence order. */
export function firstOf(raw: RawNodes, names: readonly string[]): XmlNode | undefined {
  const i = firstPresent(raw, names);
  return i === -1 ? undefined : first(nodes(raw, names[i]));
}

/** Index in `names` of the first element present with some text, or -1. */
export function firstPresent(raw: RawNodes, names: readonly string[]): number {
  for (let i = 0; i < names.length; i++) {
    const list = nodes(raw, names[i]);
    if (Array.isArray(list) && list.length > 0 && textOf(list[0] as XmlNode).trim()) return i;
  }
  return -1;
}

/** Trimmed text of the first source present, in precedence order, or null. */
export function textFrom(raw: RawNodes, names: readonly string[]): string | null {
  const node = firstOf(raw, names);
  return node === undefined ? null : textOf(node).trim();
}

/** Attributes of the element a raw object stands for (xml2js `$`). */
export function attrsOf(raw: RawNodes): Record<string, string> {
  return (nodes(raw, '$') ?? {}) as Record<string, string>;
}

/** Base URL of a node: its own xml:base resolved against the parent's base (XML Base). */
export function baseOf(node: XmlNode | undefined, parent: string | null): string | null {
  const xmlBase = attr(node, 'xml:base');
  return xmlBase ? resolveUrl(xmlBase, parent) : parent;
}

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

/** Plain text of an Atom text construct, or null. */
export function atomText(node: XmlNode | undefined): string | null {
  const html = atomHtml(node);
  const t = html ? htmlToText(html) : '';
  return t || null;
}

/** Plain text of an RSS text element that may hold escaped HTML (titles often do), or null. */
export function plainText(node: XmlNode | undefined): string | null {
  const raw = textOf(node);
  const t = raw ? htmlToText(raw) : '';
  return t || null;
}

/** Atom person constructs (<author>, <contributor>; `atom:` children inside RSS): name and email. */
export function atomPeople(list: unknown, prefix = ''): Author[] {
  return uniqueAuthors(
    all(list).map((p) => {
      if (typeof p === 'string') return p.trim() ? personOf(p) : null;
      const name = htmlToText(textOf(first(child(p, `${prefix}name`))));
      const email = textOf(first(child(p, `${prefix}email`))).trim();
      const a: Author = {};
      if (name) a.name = name;
      if (email) a.email = email;
      return a;
    }),
  );
}

/** An RSS person string as the feed wrote it: "Jo <jo@ex.org>" is read before tags are stripped (they would take the address). */
export function personOf(raw: string): Author | null {
  const decoded = decodeHtmlEntities(raw);
  if (/<[^<>\s@]+@[^<>\s@]+>/.test(decoded)) {
    const p = parsePerson(decoded.replace(/<(?![^<>\s@]+@[^<>\s@]+>)[^>]*>/g, ' '));
    if (p) return p;
  }
  return parsePerson(htmlToText(raw));
}

/** People from the first element kind present, in precedence order: mixing kinds would list one person twice. */
export function peopleFrom(raw: RawNodes, elements: readonly string[]): Author[] {
  for (const name of elements) {
    const list = nodes(raw, name);
    if (!Array.isArray(list) || list.length === 0) continue;
    const people =
      name === 'atom:author'
        ? atomPeople(list, 'atom:')
        : uniqueAuthors((list as XmlNode[]).map((a) => personOf(textOf(a))));
    if (people.length) return people;
  }
  return [];
}

/** The alternate link among Atom links: rel="alternate" or none (HTML preferred), else any but self/enclosure/edit/replies/hub. */
export function alternateLink(links: XmlNode[], base: string | null): string | null {
  const hrefOf = (l: XmlNode) => attr(l, 'href') ?? (textOf(l).trim() || undefined);
  const alternates = links.filter((l) => (attr(l, 'rel') ?? 'alternate').toLowerCase() === 'alternate' && hrefOf(l));
  const pick =
    alternates.find((l) => /html/i.test(attr(l, 'type') ?? 'text/html')) ??
    alternates[0] ??
    links.find((l) => !/^(self|enclosure|edit|replies|hub)$/i.test(attr(l, 'rel') ?? '') && hrefOf(l));
  // XML Base: an xml:base on the link element itself governs its href.
  return pick ? resolveUrl(hrefOf(pick), baseOf(pick, base)) : null;
}
