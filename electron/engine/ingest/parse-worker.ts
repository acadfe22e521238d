/**
 * Worker-thread side of file parsing (see file-parser.ts): reads a feed file, parses it exactly
 * like a fetched body and sends back the Feed with its effective date (and, when asked, its
 * prepared items), or the error.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { WireEncoder } from './prepared-wire';
import { readAndParseFile, type ParseJob } from './read-feed-file';

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

parentPort?.on('message', (job: ParseJob) => {
  readAndParseFile(job.file, { ...job.options, keepItems: true }).then((result) => {
    // Prepared items go through the wire encoder (repeats as references); the feed travels without its items.
    if (!result.ok || !result.prepared) {
      parentPort!.postMessage({ id: job.id, result });
      return;
    }
    const items = wire.encode(result.feed.items, result.prepared);
    parentPort!.postMessage({
      id: job.id,
      result: { ...result, feed: { ...result.feed, items: [] }, prepared: undefined },
      items,
    });
  });
});
