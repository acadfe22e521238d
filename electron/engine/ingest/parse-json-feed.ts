/** JSON Feed 1.0 / 1.1 (jsonfeed.org) → normalized Feed. */
import { AppError } from '../../../shared/errors';
import type { Author, Enclosure, Feed, FeedItem } from '../../../shared/types/feed';
import { parseFeedDate } from './dates';
import type { MapContext } from './feed-nodes';
import { htmlToText, sanitizeHtml } from './sanitize';
import { resolveUrl, toCount, uniqueAuthors, uniqueStrings } from './xml-nodes';

type Json = Record<string, unknown>;

/** String value or null. */
function str(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** JSON Feed authors: 1.1 `authors` array, 1.0 `author` object. */
function readAuthors(obj: Json): Author[] {
  const list = Array.isArray(obj.authors) ? obj.authors : obj.author ? [obj.author] : [];
  return uniqueAuthors(
    list.map((a: unknown) => {
      if (!a || typeof a !== 'object') return null;
      const name = str((a as Json).name);
      const url = str((a as Json).url);
      const out: Author = {};
      if (name) out.name = htmlToText(name);
      if (url?.startsWith('mailto:')) out.email = url.slice(7);
      return out;
    }),
  );
}

/** Escapes plain text so it can be stored as HTML content. */
function textToHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One JSON Feed item. */
function mapItem(it: Json, ctx: MapContext, feedAuthors: Author[]): FeedItem {
  const base = ctx.baseUrl;
  const dateOpts = { fetchedAt: ctx.fetchedAt };
  const published = parseFeedDate(str(it.date_published), dateOpts);
  const updated = parseFeedDate(str(it.date_modified), dateOpts);
  const html = str(it.content_html);
  const text = str(it.content_text);
  const attachments = Array.isArray(it.attachments) ? (it.attachments as Json[]) : [];
  const enclosures: Enclosure[] = attachments
    .filter((a) => a && str(a.url))
    .map((a) => ({
      url: resolveUrl(str(a.url), base) as string,
      type: str(a.mime_type),
      length: toCount(str(a.size_in_bytes)),
    }));
  const authors = readAuthors(it);
  const title = str(it.title);
  const summary = str(it.summary);
  return {
    guid: str(it.id),
    title: title ? htmlToText(title) || null : null,
    link: resolveUrl(str(it.url) ?? str(it.external_url), base),
    published,
    updated,
    authors: authors.length ? authors : feedAuthors,
    categories: uniqueStrings(
      Array.isArray(it.tags) ? it.tags.map((t: unknown) => (typeof t === 'string' ? htmlToText(t) : null)) : [],
    ),
    summary: summary ? htmlToText(summary) || null : null,
    content: html ? sanitizeHtml(html, base) || null : text ? textToHtml(text) : null,
    enclosures,
  };
}

/** Parses JSON Feed text; `parse.not_a_feed` for other JSON, `parse.invalid` for broken JSON. */
export function parseJsonFeed(text: string, ctx: MapContext): Feed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new AppError('parse.invalid', `invalid JSON: ${(err as Error).message}`, {}, { cause: err });
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new AppError('parse.not_a_feed', 'JSON document is not a JSON Feed');
  const feed = doc as Json;
  const version = str(feed.version) ?? '';
  if (!/jsonfeed\.org/i.test(version) && !Array.isArray(feed.items))
    throw new AppError('parse.not_a_feed', 'JSON document is not a JSON Feed');
  const link = resolveUrl(str(feed.home_page_url), ctx.baseUrl);
  const base = ctx.baseUrl ?? link ?? str(feed.feed_url);
  const authors = readAuthors(feed);
  const items = Array.isArray(feed.items)
    ? (feed.items as unknown[]).filter((i): i is Json => !!i && typeof i === 'object')
    : [];
  const title = str(feed.title);
  const description = str(feed.description);
  const mapped = items.map((it) => mapItem(it, { ...ctx, baseUrl: base }, authors));
  const language = str(feed.language) ?? ctx.contentLanguage ?? null;
  return {
    format: 'json',
    title: title ? htmlToText(title) || null : null,
    link,
    description: description ? htmlToText(description) || null : null,
    language: language ? language.toLowerCase().replace(/_/g, '-') : null,
    // JSON Feed has no feed-level dates: the first (newest) item's stand for them, as gofeed's translator reads them.
    published: mapped[0]?.published ?? null,
    updated: mapped[0]?.updated ?? null,
    authors,
    categories: [],
    items: mapped,
    ttlMinutes: null,
  };
}
