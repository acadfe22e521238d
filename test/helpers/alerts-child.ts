/**
 * Child process for the SIGKILL tests (run with tsx). Modes:
 *   decide DB N  — ingests N items, evaluates rules (alerts + outbox committed), prints DECIDED,
 *                  then would start sending after 2 s (the parent kills it before).
 *   send DB      — starts the sender, prints CLAIMED <kind> on each claim and DELIVERED <id> on
 *                  each success, exits 0 when the outbox has nothing left pending or sending.
 */
import { openDatabase } from '../../electron/engine/db/open';
import { evaluateRulesForItems } from '../../electron/engine/alerts/evaluate';
import { AlertSender } from '../../electron/engine/alerts/sender';
import { readLeMondeSample, seedItem } from './alerts-db';

const [mode, dbPath, countArg] = process.argv.slice(2);
const db = openDatabase(dbPath);

async function main(): Promise<void> {
  if (mode === 'decide') {
    const src = (db.prepare('SELECT id FROM sources LIMIT 1').get() as { id: number }).id;
    const now = new Date();
    const ids = readLeMondeSample()
      .slice(0, Number(countArg))
      .map((s, i) =>
        seedItem(db, {
          sourceId: src,
          title: s.title,
          summary: s.description,
          link: s.link,
          published: new Date(now.getTime() - i * 1000).toISOString(),
          virality: 90,
          storyId: 1000 + i,
        }),
      );
    const decided = evaluateRulesForItems(db, ids, now);
    process.stdout.write(`DECIDED ${decided.length}\n`);
    await new Promise((r) => setTimeout(r, 2000));
    new AlertSender(db).start();
    return;
  }
  const sender = new AlertSender(db, {
    baseDelayMs: 100,
    maxDelayMs: 500,
    timeoutMs: 10_000,
    pollMs: 100,
    concurrency: 6,
  });
  sender.on('delivered', (e: { outboxId: number }) => process.stdout.write(`DELIVERED ${e.outboxId}\n`));
  sender.start();
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    const left = db.prepare(`SELECT COUNT(*) AS n FROM alert_outbox WHERE status IN ('pending','sending')`).get() as {
      n: number;
    };
    if (left.n === 0) break;
  }
  await sender.stop();
  db.close();
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});
