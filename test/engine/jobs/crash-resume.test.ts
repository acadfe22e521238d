/**
 * Analysis and rules resume after a crash (High 2 of the trust issue). A child process is
 * SIGKILLed right after committing a batch (before its analysis), another right after analysing
 * one (before the rules); a real `vigie serve` started on the same database then analyses what
 * was left, evaluates the rules on everything they had not seen and sends every alert to a
 * loopback webhook receiver. The watermark never moves past an item the rules have not seen.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource } from '../../../electron/engine/db/sources-store';
import { insertChannel, insertRule, listRules } from '../../../electron/engine/db/alerts-store';
import { parseRuleDefinition } from '../../../electron/engine/alerts/rules';
import { evaluatePendingRules, evaluateRulesForItems } from '../../../electron/engine/alerts/evaluate';
import { catchUpPipeline } from '../../../electron/engine/jobs/catch-up';
import { storeFeedItems } from '../../../electron/engine/ingest/store-feed';
import { startServe, ROOT, type Served } from '../../e2e/vigie-process';
import { startAlertReceiver, type AlertReceiver } from '../../helpers/alert-receiver';
import { syntheticFeed } from '../../helpers/synthetic-feed';

const CHILD = path.join(ROOT, 'test/helpers/pipeline-child.ts');

/** A source (id 1), a webhook channel to `url` and a rule alerting on every item naming the prefect. */
function prepare(db: Db, url: string): void {
  addSource(db, { name: 'Presse', url: 'https://presse.example.fr/rss', type: 'press-regional' });
  const ch = insertChannel(db, { name: 'hook', kind: 'webhook', config: { url } });
  insertRule(
    db,
    parseRuleDefinition({ name: 'Préfet', query: 'préfet', tiers: [{ severity: 'urgent' }], channelIds: [ch.id] }),
    'test',
  );
}

/** Runs the child until it prints its line, then SIGKILLs it; resolves the ids it committed. */
function runAndKill(args: string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), CHILD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(?:COMMITTED|ANALYSED) ([\d,]*)\n/m.exec(out);
      if (m) {
        child.kill('SIGKILL');
        child.once('exit', (_c, signal) =>
          signal === 'SIGKILL' ? resolve(m[1].split(',').map(Number)) : reject(new Error(`not killed: ${err}`)),
        );
      }
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself (${code}): ${err}`));
    });
  });
}

let dir: string;
let rx: AlertReceiver;
let served: Served | null = null;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-resume-'));
  rx = await startAlertReceiver({ hmacSecret: null });
});
afterAll(async () => {
  await served?.stop();
  await rx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the watermark never passes an item the rules have not seen', async () => {
  const db = openDatabase(':memory:');
  prepare(db, 'http://127.0.0.1:9/unused');
  const now = new Date();
  const a = storeFeedItems(db, { id: 1 }, syntheticFeed(40, 0, now), { fetchedAt: now, skipAnalysis: true });
  const b = storeFeedItems(db, { id: 1 }, syntheticFeed(40, 40, now), { fetchedAt: now });
  // The live path after batch b: nothing may be decided past a's unanalysed items.
  expect(evaluatePendingRules(db, now)).toEqual([]);
  expect(listRules(db, true)[0].watermarkItemId).toBeLessThan(Math.min(...a.newIds));
  const r = await catchUpPipeline(db, () => now);
  expect(r.analysed).toBe(40);
  expect(listRules(db, true)[0].watermarkItemId).toBe(Math.max(...b.newIds));
  const stories = db.prepare('SELECT count(DISTINCT story_id) AS n FROM items').get() as { n: number };
  const alerted = db.prepare("SELECT count(DISTINCT story_key) AS n FROM alerts WHERE origin = 'rule'").get() as {
    n: number;
  };
  expect(alerted.n).toBe(stories.n);
  // Evaluating an explicit id list later never replays them (watermark + story memory).
  expect(evaluateRulesForItems(db, [...a.newIds, ...b.newIds], now)).toEqual([]);
  db.close();
});

test('SIGKILL after a commit and after an analysis: vigie serve analyses, evaluates and sends every alert', async () => {
  const dbFile = path.join(dir, 'vigie.db');
  const db = openDatabase(dbFile);
  prepare(db, `${rx.url}/hook`);
  db.close();
  const committed = await runAndKill(['commit', dbFile, '120', '0']);
  const analysed = await runAndKill(['analysed', dbFile, '120', '120']);
  expect(committed).toHaveLength(120);
  expect(analysed).toHaveLength(120);

  served = await startServe(dbFile);
  const check = openDatabase(dbFile, { readonly: true });
  const state = () => ({
    unanalysed: (check.prepare('SELECT count(*) AS n FROM items WHERE analysed_at IS NULL').get() as { n: number }).n,
    stories: (check.prepare('SELECT count(DISTINCT story_id) AS n FROM items').get() as { n: number }).n,
    alerted: (
      check.prepare("SELECT count(DISTINCT story_key) AS n FROM alerts WHERE origin = 'rule'").get() as { n: number }
    ).n,
    outbox: (check.prepare('SELECT count(*) AS n FROM alert_outbox').get() as { n: number }).n,
    sent: (check.prepare("SELECT count(*) AS n FROM alert_outbox WHERE status = 'sent'").get() as { n: number }).n,
  });
  const until = Date.now() + 90_000;
  let s = state();
  while (
    !(s.unanalysed === 0 && s.alerted > 0 && s.alerted === s.stories && s.sent === s.outbox) &&
    Date.now() < until
  ) {
    await new Promise((r) => setTimeout(r, 250));
    s = state();
  }
  check.close();
  expect(s.unanalysed).toBe(0);
  expect(s.stories).toBeGreaterThan(1);
  expect(s.alerted).toBe(s.stories); // one alert per story, none lost
  expect(s.sent).toBe(s.outbox);
  expect(rx.acceptedKeys().size).toBe(s.outbox); // each delivered once
}, 180_000);
