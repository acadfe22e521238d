/**
 * Worker-thread side of file parsing (see file-parser.ts): reads a feed file, parses it exactly
 * like a fetched body and sends back the Feed with its effective date (and, when asked, its
 * prepared items), or the error.
 */
import { parentPort } from 'node:worker_threads';
import { readAndParseFile, type ParseJob } from './read-feed-file';

parentPort?.on('message', (job: ParseJob) => {
  readAndParseFile(job.file, job.prepare, job.detectLanguage).then((result) => parentPort!.postMessage({ id: job.id, result }));
});
