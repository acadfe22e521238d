/** Reads one feed file and parses it as if fetched; never throws (errors are returned as data). */
import fs from 'node:fs';
import { serializeError, type SerializedError } from '../../../shared/errors';
import type { Feed } from '../../../shared/types/feed';
import { parseFeed } from './parse-feed';

/** A parse request sent to a worker. */
export interface ParseJob {
  id: number;
  file: string;
}

/** Outcome of reading and parsing one file. */
export type ParsedFile =
  | { ok: true; feed: Feed; /** ISO: newest item date, else the file's mtime. */ fetchedAt: string }
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

/** Reads and parses `file`; the items' own dates give the fetch date (archives replay as they were). */
export async function readAndParseFile(file: string): Promise<ParsedFile> {
  try {
    const bytes = fs.readFileSync(file);
    const mtime = fs.statSync(file).mtime;
    const feed = await parseFeed(bytes, { fetchedAt: mtime });
    return { ok: true, feed, fetchedAt: effectiveDate(feed, mtime).toISOString() };
  } catch (err) {
    return { ok: false, error: serializeError(err) };
  }
}
