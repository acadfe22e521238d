/** Reads one feed file and parses it as if fetched; never throws (errors are returned as data). */
import fs from 'node:fs';
import { serializeError, type SerializedError } from '../../../shared/errors';
import type { Feed } from '../../../shared/types/feed';
import { parseFeed } from './parse-feed';
import { prepareItems, type PreparedItem } from './process-items';

/**
 * A feed file's path: a string, or the raw bytes of a name that is not valid UTF-8 (found while
 * walking a folder; Node can open it only by its bytes). Uint8Array: what a worker receives of a Buffer.
 */
export type FeedFilePath = string | Uint8Array;

/** A path for messages (non-UTF-8 bytes shown as U+FFFD). */
export function displayPath(file: FeedFilePath): string {
  return typeof file === 'string' ? file : Buffer.from(file).toString('utf8');
}

/** What to do with a file besides parsing it. */
export interface ReadOptions {
  /** Also run prepareItems (the feed then comes back without its items, unless `keepItems`). */
  prepare?: boolean;
  /** With `prepare`, also settle each item's language (prepareItems `detectLanguage`). */
  detectLanguage?: boolean;
  /** With `prepare`, leave the parsed items on the feed next to their preparation (the worker's wire encoder needs both). */
  keepItems?: boolean;
}

/** A parse request sent to a worker. */
export interface ParseJob {
  id: number;
  file: FeedFilePath;
  options: ReadOptions;
}

/** Outcome of reading and parsing one file. */
export type ParsedFile =
  | {
      ok: true;
      /** The feed; its `items` are empty when `prepared` is set (they would only be cloned twice). */
      feed: Feed;
      /** ISO: newest item date, else the file's mtime. */
      fetchedAt: string;
      /** prepareItems(feed) when asked for (`prepare`). */
      prepared?: PreparedItem[];
    }
  | { ok: false; error: SerializedError };

/** The effective fetch date of a file: its newest item date, else its modification time. */
function effectiveDate(feed: Feed, mtime: Date): Date {
  let newest = '';
  for (const it of feed.items) {
    const d = it.updated && (!it.published || it.updated > it.published) ? it.updated : it.published;
    if (d && d > newest) newest = d;
  }
  const t = newest ? Date.parse(newest) : NaN;
  return Number.isNaN(t) ? mtime : new Date(t);
}

/**
 * Reads and parses `file`; the items' own dates give the fetch date (archives replay as they were).
 * With `prepare`, the source-independent processing runs here too (off the storing thread in workers).
 */
export async function readAndParseFile(file: FeedFilePath, options: ReadOptions = {}): Promise<ParsedFile> {
  const { prepare = false, detectLanguage = false, keepItems = false } = options;
  try {
    const at = typeof file === 'string' ? file : Buffer.from(file);
    const bytes = fs.readFileSync(at);
    const mtime = fs.statSync(at).mtime;
    const feed = await parseFeed(bytes, { fetchedAt: mtime });
    const fetchedAt = effectiveDate(feed, mtime);
    if (!prepare) return { ok: true, feed, fetchedAt: fetchedAt.toISOString() };
    const prepared = prepareItems(feed, { fetchedAt, detectLanguage });
    return { ok: true, feed: keepItems ? feed : { ...feed, items: [] }, fetchedAt: fetchedAt.toISOString(), prepared };
  } catch (err) {
    return { ok: false, error: serializeError(err) };
  }
}
