/**
 * Child process of the crash-resume test (run with tsx). Stores a synthetic feed of N items for
 * source 1, then stops where a crash would hurt and waits to be SIGKILLed:
 *   commit DB N START   — items committed, not analysed; prints COMMITTED <ids>
 *   analysed DB N START — committed and analysed, rules not evaluated; prints ANALYSED <ids>
 * START numbers the items, so successive runs add new ones.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { openDatabase } from '../../electron/engine/db/open';
import { getSource } from '../../electron/engine/db/sources-store';
import { storeFeedItems } from '../../electron/engine/ingest/store-feed';
import { syntheticFeed } from './synthetic-feed';

const [mode, dbPath, countArg, startArg] = process.argv.slice(2);
const db = openDatabase(dbPath);
const source = getSource(db, 1)!;
const now = new Date();
const r = storeFeedItems(db, source, syntheticFeed(Number(countArg), Number(startArg), now), {
  fetchedAt: now,
  skipAnalysis: mode === 'commit',
});
process.stdout.write(`${mode === 'commit' ? 'COMMITTED' : 'ANALYSED'} ${r.newIds.join(',')}\n`);
// Where the crash happens: the parent's SIGKILL arrives while this thread sleeps.
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
