/**
 * Worker-thread side of the parse pool (see parse-pool.ts): parses a fetched body or reads and
 * parses a file exactly as the storing thread would, optionally with the source-independent
 * processing (prepareItems), and posts back the Feed (items wire-encoded when prepared) or the
 * error. One job at a time: the pool times each job and kills this thread on overrun.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../../shared/errors';
import { parseFeed } from './parse-feed';
import { prepareItems } from './process-items';
import { WireEncoder } from './prepared-wire';
import { readAndParseFile, type ParsedFile } from './read-feed-file';
import type { WorkerJob, WorkerReply } from './parse-pool';

/**
 * Parsing runs ahead of the storing thread, which is the one the user waits on (it commits,
 * analyses and serves the UI in the app): this thread gives way to it when cores are short.
 * On Linux a thread is a task with its own nice value, reachable through /proc/thread-self.
 */
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, 10);
} catch {
  // Not Linux, or not allowed: the thread keeps the normal priority.
}

const wire = new WireEncoder();

/** Runs one job; never throws (errors travel as data). */
async function run(job: WorkerJob): Promise<ParsedFile> {
  if (job.kind === 'file') return readAndParseFile(job.file, { ...job.options, keepItems: true });
  try {
    const fetchedAt = new Date(job.fetchedAt);
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const feed = await parseFeed(bytes, {
      contentType: job.contentType,
      baseUrl: job.baseUrl,
      contentLocation: job.contentLocation,
      contentLanguage: job.contentLanguage,
      fetchedAt,
    });
    const prepared = job.prepare ? prepareItems(feed, { fetchedAt, detectLanguage: true }) : undefined;
    return { ok: true, feed, fetchedAt: job.fetchedAt, prepared };
  } catch (err) {
    return { ok: false, error: serializeError(err) };
  }
}

/** A tiny feed parsed once at start: lazy modules (sanitizer, language model) load before the first budget runs. */
const WARM_UP =
  '<rss version="2.0"><channel><title>t</title><item><title>Bonjour</title><description><p>Le préfet a parlé.</p></description></item></channel></rss>';

// Warmed up: the pool starts jobs (and their time budget) only from here.
void parseFeed(WARM_UP, { itemCache: false })
  .then((feed) => prepareItems(feed, { fetchedAt: new Date(), detectLanguage: true }))
  .catch(() => undefined)
  .finally(() => parentPort?.postMessage({ ready: true }));

parentPort?.on('message', (job: WorkerJob) => {
  void run(job).then((result) => {
    // Prepared items go through the wire encoder (repeats as references); the feed travels without its items.
    let reply: WorkerReply;
    if (!result.ok || !result.prepared) reply = { id: job.id, result };
    else {
      const items = wire.encode(result.feed.items, result.prepared);
      reply = { id: job.id, result: { ...result, feed: { ...result.feed, items: [] }, prepared: undefined }, items };
    }
    parentPort!.postMessage(reply);
  });
});
