/**
 * Child process of the crash-safety test: ingests a directory in small batches and prints, after
 * each COMMIT, the ids that batch created (one JSON line). The parent SIGKILLs it mid-run.
 * Usage: tsx ingest-child.ts DB DIR
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { openDatabase } from '../../../electron/engine/db/open';
import { ingestFiles } from '../../../electron/engine/ingest/ingest-files';

const [dbFile, dir] = process.argv.slice(2);
const db = openDatabase(dbFile);
// Loop over the workload so the parent always finds the child busy.
(async () => {
  for (let round = 0; round < 1000; round++) {
    await ingestFiles(db, [dir], {
      batchFiles: 4,
      onError: () => undefined,
      // Pipes are synchronous on Linux: once written, the line is in the parent's hands.
      onProgress: (p) => process.stdout.write(JSON.stringify({ round, files: p.files, ids: p.batchNewIds }) + '\n'),
    });
  }
})();
