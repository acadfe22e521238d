/**
 * Process step of the pipeline (Miniflux `processor`): turns parsed feed items into rows ready to
 * store — canonical link, dates, language, plain text, content hash and dedup keys.
 * Pure: data in, data out; the store decides what is new.
 */
import { createHash } from 'node:crypto';
import type { Author, Enclosure, Engagement, Feed, FeedItem } from '../../../shared/types/feed';
import { canonicalizeUrl, isAbsoluteHttpUrl } from './canonical-url';
import { detectLanguage } from './language';
import { htmlToText } from './sanitize';
import { safeWebUrl } from '../safe-url';
import { capItemFields } from './field-caps';

/** An item ready for the store. */
export interface ProcessedItem {
  /** The feed's own id for the item, trimmed, or null. */
  guid: string | null;
  /** Canonical article URL (tracking parameters removed), or null. */
  link: string | null;
  /** Plain-text headline (falls back to the start of the text for title-less posts). */
  title: string;
  summary: string | null;
  /** Sanitized HTML body, or null. */
  content: string | null;
  /** Plain text of `content` (for search and analysis), or null. */
  contentText: string | null;
  authors: Author[];
  categories: string[];
  enclosures: Enclosure[];
  engagement: Engagement | null;
  /** ISO 639-1 code, or null when unknown (computed on first read). */
  readonly language: string | null;
  /** ISO 8601 UTC: the item's publication date, else its update date, else null. */
  published: string | null;
  updated: string | null;
  /** ISO 8601 UTC time the feed was fetched (or the file read). */
  fetchedAt: string;
  /** sha1 of the normalized title and text: the last link of the dedup chain. */
  contentHash: string;
  /** Dedup keys, most specific first: 'g:<guid>' then 'l:<canonical link>'. */
  keys: string[];
  /**
   * True when the content hash is distinctive enough to merge two items of the same source that
   * share no key (a guid scheme change); false for short texts such as "Le journal de 8h".
   */
  hashIsDistinctive: boolean;
}

/** Context of one processed feed. */
export interface ProcessContext {
  /** The source the feed belongs to (scopes non-URL guids). */
  sourceId: number;
  /** When the feed was fetched (or the file's effective date). */
  fetchedAt: Date;
  /** Language declared by the feed or the source, used as a hint. */
  feedLanguage?: string | null;
}

/** Titles shorter than this (characters) are completed from the text for title-less posts. */
const SYNTHETIC_TITLE_LENGTH = 140;

/** Below this many characters of normalized text, a content hash alone never merges two items. */
const DISTINCTIVE_HASH_MIN_CHARS = 80;

/**
 * Function words of the languages feeds most often declare. Used only to CONFIRM a feed's declared
 * language cheaply: tinyld costs ~2–3 µs per character (≈0.6 ms per item), which alone would cap
 * ingestion near 1,600 items/s; a clear stop-word majority for the hinted language settles it in
 * a few µs, and anything less clear still goes to detectLanguage.
 */
const STOP_WORD_LISTS: Record<string, string> = {
  fr: 'le la les des du de un une et est à au aux en pour dans que qui sur par pas ne plus avec ce cette son sa ses leur sont été d l qu il elle nous vous ils mais ou où après selon contre',
  en: 'the and of to is in for on with that this was are be by from at as it its an have has not he she they after says will would',
  de: 'der die das und ist nicht mit den dem ein eine zu von auf für sich des im auch nach wie bei',
  es: 'el la los las de del y que en un una por con para es se no al lo su sus como más pero',
  it: 'il lo la gli le di che e un una per con non sono del della dei in al è si anche come più',
};

/** Function word → the one listed language it belongs to (words shared by two languages — la, de, en… — are dropped). */
const STOP_WORD_LANG: Map<string, string> = (() => {
  const owners = new Map<string, Set<string>>();
  for (const [lang, list] of Object.entries(STOP_WORD_LISTS)) {
    for (const w of list.split(' ')) owners.set(w, (owners.get(w) ?? new Set()).add(lang));
  }
  const out = new Map<string, string>();
  for (const [w, langs] of owners) if (langs.size === 1) out.set(w, [...langs][0]);
  return out;
})();

/** Stop-word hits needed before a hint is confirmed without tinyld. */
const CONFIRM_MIN_HITS = 2;

/** Characters of the text scanned for function words. */
const CONFIRM_SAMPLE_CHARS = 400;

/** Words (letter runs) of a text. */
const WORD = /\p{L}+/gu;

/** True when the text's function words clearly belong to the hinted language. */
function confirmsHint(text: string, hint: string): boolean {
  if (!(hint in STOP_WORD_LISTS)) return false;
  let mine = 0;
  let others = 0;
  // The opening words settle it; scanning a whole article would only cost time.
  for (const m of text.slice(0, CONFIRM_SAMPLE_CHARS).toLowerCase().matchAll(WORD)) {
    const lang = STOP_WORD_LANG.get(m[0]);
    if (lang === undefined) continue;
    if (lang === hint) mine++;
    else others++;
  }
  return mine >= CONFIRM_MIN_HITS && others * 2 <= mine;
}

/** Language of an item: a confirmed feed hint, else detectLanguage (tinyld + hint policy). */
function itemLanguage(sample: string, hint: string | null): string | null {
  const h = hint ? hint.trim().toLowerCase().split(/[-_]/)[0] : null;
  if (h && confirmsHint(sample, h)) return h;
  return detectLanguage(sample, hint) ?? null;
}

/** Lowercases and collapses whitespace so cosmetic re-renders do not change the hash. */
function normalizeForHash(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Trims and turns '' into null. */
function clean(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = s.trim();
  return t.length ? t : null;
}

/** A title for posts that have none (social posts, some JSON feeds): the start of the text. */
function syntheticTitle(text: string | null): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SYNTHETIC_TITLE_LENGTH) return flat;
  const cut = flat.slice(0, SYNTHETIC_TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return (space > 60 ? cut.slice(0, space) : cut) + '…';
}

/** Prefix of guid keys made before the source is known (worker side); see scopeKeys. */
const UNSCOPED_GUID = 'g:?:';

/** Dedup keys: URL guids are global, other guids only mean something inside their source (null: not known yet). */
function dedupKeys(guid: string | null, link: string | null, sourceId: number | null): string[] {
  const keys: string[] = [];
  if (guid)
    keys.push(
      isAbsoluteHttpUrl(guid)
        ? 'g:' + canonicalizeUrl(guid)
        : `${sourceId === null ? UNSCOPED_GUID : `g:${sourceId}:`}${guid}`,
    );
  if (link) keys.push('l:' + link);
  return keys;
}

/** Binds keys made without a source (`g:?:<guid>`) to `sourceId`. */
function scopeKeys(keys: string[], sourceId: number): string[] {
  if (!keys.some((k) => k.startsWith(UNSCOPED_GUID))) return keys;
  return keys.map((k) => (k.startsWith(UNSCOPED_GUID) ? `g:${sourceId}:${k.slice(UNSCOPED_GUID.length)}` : k));
}

/**
 * A processed item before its source is known, as plain data (no getter): what a worker thread
 * computes and posts back. `finishPreparedItems` turns it into a ProcessedItem.
 */
export type PreparedItem = Omit<ProcessedItem, 'language'> & {
  /** Language detected ahead (in the worker) for the feed's declared language `hint`. */
  detected?: { hint: string | null; language: string | null };
};

/** The enclosures whose URL is a web link (media players and briefs open them). */
function webEnclosures(list: Enclosure[] | undefined): Enclosure[] {
  if (!list?.length) return [];
  const out: Enclosure[] = [];
  for (const e of list) {
    const url = safeWebUrl(e.url);
    if (url) out.push(url === e.url ? e : { ...e, url });
  }
  return out;
}

/** Processes one item, everything but the (lazy) language. */
function prepareItem(item: FeedItem, sourceId: number | null, fetchedAt: string): PreparedItem {
  const guid = clean(item.guid);
  // Only web links are kept: a javascript: or data: "link" would run when clicked in a mail or brief.
  const rawLink = safeWebUrl(clean(item.link)) ?? (guid && isAbsoluteHttpUrl(guid) ? guid : null);
  const link = rawLink ? canonicalizeUrl(rawLink) : null;
  const capped = capItemFields({
    title: clean(item.title) ?? '',
    summary: clean(item.summary),
    content: clean(item.content),
  });
  const { summary, content } = capped;
  const contentText = content ? clean(htmlToText(content)) : null;
  const text = summary ?? contentText;
  const title = capped.title || syntheticTitle(text);
  const normalized = normalizeForHash(title + '\n' + (text ?? ''));
  const contentHash = createHash('sha1').update(normalized).digest('hex');
  return {
    guid,
    link,
    title,
    summary,
    content,
    contentText,
    authors: item.authors ?? [],
    categories: item.categories ?? [],
    enclosures: webEnclosures(item.enclosures),
    engagement: item.engagement ?? null,
    published: item.published ?? item.updated ?? null,
    updated: item.updated ?? null,
    fetchedAt,
    contentHash,
    keys: dedupKeys(guid, link, sourceId),
    hashIsDistinctive: normalized.length >= DISTINCTIVE_HASH_MIN_CHARS,
  };
}

/** Language of a prepared item's text for a feed-language hint. */
function languageOf(p: PreparedItem, hint: string | null): string | null {
  const text = p.summary ?? p.contentText;
  return itemLanguage(text ? `${p.title}. ${text}` : p.title, hint);
}

/** Adds the lazy language (and, when given, the source's keys) to a prepared item. */
function finishItem(p: PreparedItem, hint: string | null, sourceId: number | null): ProcessedItem {
  let language: string | null | undefined = p.detected && p.detected.hint === hint ? p.detected.language : undefined;
  return {
    ...p,
    keys: sourceId === null ? p.keys : scopeKeys(p.keys, sourceId),
    // Lazy: most occurrences are duplicates the store never inserts, and detection is the
    // costliest step of processing.
    get language(): string | null {
      if (language === undefined) language = languageOf(p, hint);
      return language;
    },
  };
}

/**
 * Prepared items by parsed item: the parser's item cache hands back the same FeedItem object for
 * an item it has seen, so its processing (and language) is reused as well.
 */
const PREPARED = new WeakMap<FeedItem, PreparedItem>();

/**
 * Source-independent part of processItems (canonical URLs, text, hash, keys with unscoped guids),
 * as structured-clonable data: file ingestion runs it in its parsing worker threads. With
 * `detectLanguage`, each item's language is settled here for the feed's declared language (the
 * hint the store side will use), taking tinyld off the storing thread.
 */
export function prepareItems(feed: Feed, ctx: { fetchedAt: Date; detectLanguage?: boolean }): PreparedItem[] {
  const fetchedAt = ctx.fetchedAt.toISOString();
  const hint = feed.language ?? null;
  return feed.items.map((item) => {
    const known = PREPARED.get(item);
    if (known && (!ctx.detectLanguage || known.detected?.hint === hint))
      return known.fetchedAt === fetchedAt ? known : { ...known, fetchedAt };
    const p = prepareItem(item, null, fetchedAt);
    if (ctx.detectLanguage) p.detected = { hint, language: languageOf(p, hint) };
    PREPARED.set(item, p);
    return p;
  });
}

/** Completes prepareItems' output for `sourceId`: same result as processItems on the same feed. */
export function finishPreparedItems(
  prepared: PreparedItem[],
  ctx: { sourceId: number; feedLanguage?: string | null },
): ProcessedItem[] {
  const hint = ctx.feedLanguage ?? null;
  return prepared.map((p) => finishItem(p, hint, ctx.sourceId));
}

/** Processes every item of a parsed feed, in feed order. */
export function processItems(feed: Feed, ctx: ProcessContext): ProcessedItem[] {
  const fetchedAt = ctx.fetchedAt.toISOString();
  const hint = ctx.feedLanguage ?? feed.language ?? null;
  return feed.items.map((item) => finishItem(prepareItem(item, ctx.sourceId, fetchedAt), hint, null));
}
