/**
 * `vigie fetch --once` and `vigie run` do what the app and `vigie serve` do in the background
 * (High 3 of the trust issue): fetch, analyse, claim sweep, rules, outbox, daily brief. A
 * loopback feed server, a loopback webhook receiver and real child processes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/engine/db/open';
import { addSource } from '../../electron/engine/db/sources-store';
import { insertChannel, insertRule } from '../../electron/engine/db/alerts-store';
import { setSetting } from '../../electron/engine/db/analyst-store';
import { parseRuleDefinition } from '../../electron/engine/alerts/rules';
import { ROOT } from '../e2e/vigie-process';
import { startAlertReceiver, type AlertReceiver } from '../helpers/alert-receiver';
import { startTestServer, type TestServer } from '../helpers/http-test-server';
import { syntheticFeed } from '../helpers/synthetic-feed';
import { escapeHtml } from '../../electron/engine/escape-html';

const VIGIE = [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'electron/cli/vigie.ts')];

/** The synthetic feed as RSS 2.0. */
function rss(n: number, start: number): string {
  const f = syntheticFeed(n, start, new Date());
  const items = f.items
    .map(
      (i) =>
        `<item><guid>${i.guid}</guid><title>${escapeHtml(i.title!)}</title><link>${i.link}</link>` +
        `<pubDate>${new Date(i.published!).toUTCString()}</pubDate><description>${escapeHtml(i.summary!)}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Presse</title><link>https://presse.example.fr/</link><language>fr</language>${items}</channel></rss>`;
}

let dir: string;
let srv: TestServer;
let rx: AlertReceiver;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-daemon-'));
  srv = await startTestServer();
  rx = await startAlertReceiver({ hmacSecret: null });
  srv.route('/a.xml', (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(rss(60, 0));
  });
  srv.route('/b.xml', (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(rss(60, 1000));
  });
});
afterAll(async () => {
  await srv.close();
  await rx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A database with one source, a webhook channel, a rule on « préfet » and a daily brief schedule. */
function prepare(name: string, feed: string): { dbFile: string; briefDir: string } {
  const dbFile = path.join(dir, `${name}.db`);
  const briefDir = path.join(dir, `${name}-briefs`);
  fs.mkdirSync(briefDir);
  const db: Db = openDatabase(dbFile);
  addSource(db, { name: 'Presse', url: srv.at(feed), type: 'press-regional' });
  const ch = insertChannel(db, { name: 'hook', kind: 'webhook', config: { url: `${rx.url}/${name}` } });
  insertRule(
    db,
    parseRuleDefinition({ name: 'Préfet', query: 'préfet', tiers: [{ severity: 'urgent' }], channelIds: [ch.id] }),
    't',
  );
  // 00:00 Paris has passed today: that period's brief is due and not written yet.
  setSetting(db, 'briefSchedule', { time: '00:00', outDir: briefDir, formats: ['md'] });
  db.close();
  return { dbFile, briefDir };
}

function counts(dbFile: string) {
  const db = openDatabase(dbFile, { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      items: n('SELECT count(*) AS n FROM items'),
      unanalysed: n('SELECT count(*) AS n FROM items WHERE analysed_at IS NULL'),
      stories: n('SELECT count(DISTINCT story_id) AS n FROM items'),
      alerted: n("SELECT count(DISTINCT story_key) AS n FROM alerts WHERE origin = 'rule'"),
      sent: n("SELECT count(*) AS n FROM alert_outbox WHERE status = 'sent'"),
    };
  } finally {
    db.close();
  }
}

/** Runs a vigie command to its end without blocking this process (the loopback servers live here). */
function vigie(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...VIGIE, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

const received = (name: string) => rx.requests.filter((r) => r.path === `/${name}` && r.status < 300).length;

test('vigie fetch --once fetches, analyses, evaluates the rules, sends the alerts and writes the due brief', async () => {
  const { dbFile, briefDir } = prepare('once', '/a.xml');
  const r = await vigie(['--db', dbFile, 'fetch', '--once']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const line = JSON.parse(r.stdout.trim()) as Record<string, number>;
  const c = counts(dbFile);
  expect(c).toMatchObject({ items: 60, unanalysed: 0 });
  expect(c.alerted).toBe(c.stories);
  expect(line).toMatchObject({ sources: 1, ok: 1, new: 60, alerts: c.alerted, sent: c.alerted, failed: 0, briefs: 1 });
  expect(received('once')).toBe(c.alerted);
  expect(fs.readdirSync(briefDir).filter((f) => f.endsWith('.md'))).toEqual([
    expect.stringMatching(/^synthese-\d{4}-\d\d-\d\d\.md$/),
  ]);
  // A second pass finds nothing new to send and no brief left to write.
  const again = await vigie(['--db', dbFile, 'fetch', '--once', '--all']);
  expect(JSON.parse(again.stdout.trim())).toMatchObject({ new: 0, alerts: 0, sent: 0, briefs: 0 });
  expect(received('once')).toBe(c.alerted);
}, 240_000);

test('vigie run does the same in the background until SIGTERM', async () => {
  const { dbFile, briefDir } = prepare('run', '/b.xml');
  const child = spawn(process.execPath, [...VIGIE, '--db', dbFile, 'run', '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  try {
    const until = Date.now() + 120_000;
    let c = counts(dbFile);
    while (
      !(
        c.items === 60 &&
        c.unanalysed === 0 &&
        c.alerted > 0 &&
        c.alerted === c.stories &&
        c.sent === c.alerted &&
        fs.readdirSync(briefDir).some((f) => f.endsWith('.md'))
      ) &&
      Date.now() < until
    ) {
      await new Promise((r) => setTimeout(r, 300));
      c = counts(dbFile);
    }
    expect(c).toMatchObject({ items: 60, unanalysed: 0 });
    expect(c.alerted).toBe(c.stories);
    expect(c.sent).toBe(c.alerted);
    expect(received('run')).toBe(c.alerted);
    expect(fs.readdirSync(briefDir).filter((f) => f.endsWith('.md'))).toHaveLength(1);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  expect(JSON.parse(out.trim().split('\n').pop()!)).toMatchObject({ refreshed: 1, ok: 1, new: 60 });
}, 240_000);
