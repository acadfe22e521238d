/**
 * File ingestion (`vigie ingest-files`): feed files on disk go through exactly the path of a
 * fetched body — parse, process, dedup, store, index, analyse — using the items' own dates.
 * Many files are committed per transaction (one fsync per batch, not per file); a file that
 * fails to parse is counted and reported, never fatal.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SourceType } from '../../../shared/types/domain';
import type { Feed } from '../../../shared/types/feed';
import { upsertItems } from '../db/items-store';
import type { Db } from '../db/open';
import { addSource, findSourceByUrl, listSources } from '../db/sources-store';
import { createFileParser } from './file-parser';
import { finishPreparedItems, prepareItems, type PreparedItem } from './process-items';
import { displayPath, type FeedFilePath, type ParsedFile } from './read-feed-file';
import { analyzeStoredItems } from './store-feed';

/** Progress reported after each committed batch. */
export interface IngestProgress {
  /** Files handled so far (parsed or failed). */
  files: number;
  /** Files found in all. */
  totalFiles: number;
  /** Item occurrences committed so far. */
  items: number;
  /** Items created so far. */
  new: number;
  errors: number;
  /** Ids created by the batch just committed (durable once reported). */
  batchNewIds: number[];
}

/** Options of ingestFiles. */
export interface IngestFilesOptions {
  /** One source for every file, found by name or created. Default: one source per feed (title/link). */
  sourceName?: string;
  /** Type of the sources created. Default 'web'. */
  sourceType?: SourceType;
  /** Called after each committed batch. */
  onProgress?: (p: IngestProgress) => void;
  /** Called for each file that cannot be read or parsed. Default: one line on stderr. */
  onError?: (file: string, error: { code: string; message: string }) => void;
  /** Files per transaction. Default 64. */
  batchFiles?: number;
  /** Parsing worker threads. Default: CPUs − 1 (1–4); 0 parses in-thread. */
  workers?: number;
  /** Analyse the new items (analyzeNewItems). Default true (the fetch path's behaviour). */
  analyze?: boolean;
  /** New items accumulated before each analysis call (and at the end). Default 10,000. */
  analyzeEvery?: number;
}

/** What ingestFiles did. */
export interface IngestFilesResult {
  files: number;
  /** Item occurrences stored. */
  items: number;
  /** Items created. */
  new: number;
  /** Files that could not be read or parsed. */
  errors: number;
}

/** New items per analysis call. */
const DEFAULT_ANALYZE_EVERY = 10_000;

/**
 * Files submitted to the parser ahead of the batch being stored. The storing thread blocks for
 * a second or more in each analysis call; with only a couple of batches queued the parser would
 * sit idle meanwhile. ~700 files ≈ one analysis call's worth of parsing (tens of MB in memory).
 */
const LOOKAHEAD_FILES = 768;

/** WAL pages between automatic checkpoints during a bulk import (SQLite's default: 1,000). */
const BULK_CHECKPOINT_PAGES = 10_000;

/** Host reserved by RFC 2606: identifies sources made for files; the scheduler never reaches it. */
const LOCAL_SOURCE_BASE = 'https://vigie.invalid';

/** Expands files and directories (recursively, sorted, hidden entries skipped) into file paths; a path that cannot be read goes to `onUnreadable` (throws without it). */
export function collectFiles(paths: string[], onUnreadable?: (p: string, err: unknown) => void): FeedFilePath[] {
  const out: FeedFilePath[] = [];
  const walk = (p: string | Buffer): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (err) {
      if (!onUnreadable) throw err;
      const shown = displayPath(p);
      // Node decodes arguments as UTF-8: a name in another encoding arrives with U+FFFD and is not found.
      const e = shown.includes('\uFFFD')
        ? Object.assign(new Error('name is not valid UTF-8: pass the folder that holds it'), { code: 'EILSEQ' })
        : err;
      onUnreadable(shown, e);
      return;
    }
    if (st.isDirectory()) {
      // Names read as bytes: one that is not valid UTF-8 is still opened (by its bytes), not reported missing.
      const dir = typeof p === 'string' ? Buffer.from(p) : p;
      const names = fs
        .readdirSync(p, { encoding: 'buffer' })
        .filter((n) => n[0] !== 0x2e)
        .sort(Buffer.compare);
      for (const n of names) {
        const full = Buffer.concat([dir, Buffer.from(path.sep), n]);
        const text = full.toString('utf8');
        walk(Buffer.from(text, 'utf8').equals(full) ? text : full);
      }
    } else if (st.isFile()) out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

/** True when a URL is a site's home page (no path), which many section feeds share. */
function isHomePage(url: string): boolean {
  try {
    return new URL(url).pathname.replace(/\/+$/, '') === '';
  } catch {
    return false;
  }
}

/** Resolves (finding or creating) the source that files belong to; memoized per run. */
function createSourceResolver(db: Db, opts: IngestFilesOptions): (feed: Feed, file: FeedFilePath) => number {
  const type: SourceType = opts.sourceType ?? 'web';
  const cache = new Map<string, number>();
  // Sources made for files are disabled: importing an archive must not start polling anyone.
  const create = (name: string, url: string, feed: Feed | null): number =>
    addSource(db, { name, url, type, language: feed?.language ?? null, siteUrl: null, enabled: false }).id;
  if (opts.sourceName) {
    const name = opts.sourceName;
    let id: number | undefined = listSources(db).find((s) => s.name === name)?.id;
    return () => {
      if (id === undefined) {
        const url = `${LOCAL_SOURCE_BASE}/source/${encodeURIComponent(name)}`;
        id = findSourceByUrl(db, url)?.id ?? create(name, url, null);
      }
      return id;
    };
  }
  return (feed, file) => {
    const title = feed.title?.trim() || null;
    const link = feed.link && /^https?:\/\//i.test(feed.link) ? feed.link : null;
    const shown = displayPath(file);
    const name = title ?? path.basename(shown);
    const base = link ?? `${LOCAL_SOURCE_BASE}/feed/${encodeURIComponent(title ?? path.resolve(shown))}`;
    const key = base + '\n' + name;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    // Section feeds often give the site's home page as their link: there the title tells them
    // apart (URL fragment). A feed-specific link keeps one source even when the title changes.
    let url = base;
    let existing = findSourceByUrl(db, url);
    if (existing && existing.name !== name && title && link && isHomePage(link)) {
      url = `${base}#${encodeURIComponent(title)}`;
      existing = findSourceByUrl(db, url);
    }
    const id = existing?.id ?? create(name, url, feed);
    cache.set(key, id);
    return id;
  };
}

/** Default error sink: one line on stderr naming the file. */
function logError(file: string, error: { code: string; message: string }): void {
  process.stderr.write(`vigie: ingest-files: ${file}: ${error.code}: ${error.message.split('\n')[0]}\n`);
}

/**
 * Ingests feed files and directories into the database. Files are parsed ahead in worker threads
 * (LOOKAHEAD_FILES ahead) while each parsed batch is stored in one transaction; new items are
 * analysed in chunks of `analyzeEvery` and at the end.
 */
export async function ingestFiles(db: Db, paths: string[], opts: IngestFilesOptions = {}): Promise<IngestFilesResult> {
  const onError = opts.onError ?? logError;
  // A missing or unreadable path is one failed file, like a file that does not parse.
  let unreadable = 0;
  const files = collectFiles(paths, (p, err) => {
    unreadable++;
    const e = err as NodeJS.ErrnoException;
    onError(p, {
      code: 'input.invalid',
      message: e.code === 'ENOENT' ? 'no such file or directory' : String(e.message ?? err),
    });
  });
  const batchSize = Math.max(1, opts.batchFiles ?? 64);
  const resolveSource = createSourceResolver(db, opts);
  const total: IngestFilesResult = { files: files.length + unreadable, items: 0, new: 0, errors: unreadable };
  // Parsing and the source-independent half of processing (text, hash, language) run in the
  // parse pool's workers, where a repeated item's work is reused with its parse (item cache): the
  // storing thread keeps only dedup, storage and analysis, and never parses (a hostile file would
  // stall it). Language detection goes there too when the storing thread analyses (it is then
  // the busier side); otherwise it stays here, lazy, and runs only for the items actually inserted.
  const parser = createFileParser({
    workers: opts.workers,
    prepare: true,
    detectLanguage: opts.analyze !== false && opts.workers !== 0,
  });
  const inFlight: Promise<ParsedFile>[] = [];
  // Analysis has a fixed cost per call (story index, models): chunks of thousands of items
  // cost a fraction of per-batch calls. Items stored but not analysed (a crash in between) are
  // caught up by the background analysis of a long-running engine, or by `vigie analyze`.
  const analyseEvery = Math.max(1, opts.analyzeEvery ?? DEFAULT_ANALYZE_EVERY);
  const toAnalyse: number[] = [];
  let submitted = 0;
  const submitUpTo = (n: number) => {
    while (submitted < Math.min(n, files.length)) inFlight.push(parser.parse(files[submitted++]));
  };
  // A bulk import rewrites the same index pages batch after batch: checkpointing the WAL every
  // ~40 MB instead of SQLite's 4 MB copies each page back far less often (−7 % storing-thread CPU
  // on 100k occurrences). The connection's setting is restored afterwards.
  const checkpointPages = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  try {
    for (let start = 0; start < files.length; start += batchSize) {
      submitUpTo(start + Math.max(2 * batchSize, LOOKAHEAD_FILES));
      const batch = files.slice(start, start + batchSize);
      const parsed: { file: FeedFilePath; feed: Feed; fetchedAt: Date; prepared: PreparedItem[] }[] = [];
      for (const file of batch) {
        const r = await inFlight.shift()!;
        if (r.ok) {
          const fetchedAt = new Date(r.fetchedAt);
          parsed.push({ file, feed: r.feed, fetchedAt, prepared: r.prepared ?? prepareItems(r.feed, { fetchedAt }) });
        } else {
          total.errors++;
          onError(displayPath(file), r.error);
        }
      }
      const batchNewIds: number[] = [];
      let batchItems = 0;
      db.transaction(() => {
        for (const { file, feed, fetchedAt, prepared } of parsed) {
          const sourceId = resolveSource(feed, file);
          const processed = finishPreparedItems(prepared, { sourceId, feedLanguage: feed.language });
          const r = upsertItems(db, sourceId, processed, fetchedAt);
          batchItems += r.items;
          for (const id of r.newIds) batchNewIds.push(id);
        }
      })();
      total.items += batchItems;
      total.new += batchNewIds.length;
      if (opts.analyze !== false) {
        for (const id of batchNewIds) toAnalyse.push(id);
        if (toAnalyse.length >= analyseEvery) analyzeStoredItems(db, toAnalyse.splice(0));
      }
      opts.onProgress?.({
        files: start + batch.length,
        totalFiles: files.length,
        items: total.items,
        new: total.new,
        errors: total.errors,
        batchNewIds,
      });
    }
    if (toAnalyse.length) analyzeStoredItems(db, toAnalyse.splice(0));
  } finally {
    db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
    await parser.close();
  }
  return total;
}
