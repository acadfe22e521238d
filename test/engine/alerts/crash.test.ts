/**
 * SIGKILL for real: a child process decides alerts and is killed before sending; another is
 * killed while its sends are in flight (the receivers hold their replies); a restart delivers
 * every pending alert, and every receiver sees each idempotency key — counted by key, as real
 * receivers dedup (Matrix txnId, Idempotency-Key, Message-ID) — exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../electron/engine/db/open';
import { insertChannel, insertRule } from '../../../electron/engine/db/alerts-store';
import { listAudit } from '../../../electron/engine/db/alerts-outbox-store';
import { parseRuleDefinition } from '../../../electron/engine/alerts/rules';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { startAlertReceiver, type AlertReceiver } from '../../helpers/alert-receiver';
import { seedSource } from '../../helpers/alerts-db';
import { describeWithDatasets } from '../../helpers/datasets';

const ROOT = path.resolve(__dirname, '../../..');
// One process (no tsx CLI wrapper): SIGKILL must hit the process that sends.
const CHILD = path.join(ROOT, 'test/helpers/alerts-child.ts');
const N = 5;

let dir: string;
let dbFile: string;
let sink: SmtpSink;
let rx: AlertReceiver;

function run(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
  });
  const lines: string[] = [];
  let err = '';
  child.stdout!.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code && code !== 0) console.error(err);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}
const waitFor = async (cond: () => boolean, ms = 20_000, what = 'condition') => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`${what} not met in time`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
const outbox = () => {
  const db = openDatabase(dbFile);
  try {
    return db
      .prepare('SELECT id, channel_kind, idem_key, status, attempts FROM alert_outbox ORDER BY id')
      .all() as Array<{ id: number; channel_kind: string; idem_key: string; status: string; attempts: number }>;
  } finally {
    db.close();
  }
};

describeWithDatasets('alert delivery across SIGKILL (Le Monde sample)', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-crash-'));
    dbFile = path.join(dir, 'vigie.db');
    sink = await startSmtpSink({ starttls: false });
    rx = await startAlertReceiver({ hmacSecret: 'k3y', matrixToken: 'syt_crash' });
    const db = openDatabase(dbFile);
    seedSource(db, 'Le Monde');
    const ch = [
      insertChannel(db, {
        name: 'mail',
        kind: 'smtp',
        config: { host: '127.0.0.1', port: sink.port, from: 'veille@vigie.test', ignoreTLS: true },
      }),
      insertChannel(db, { name: 'hook', kind: 'webhook', secret: 'k3y', config: { url: `${rx.url}/hook` } }),
      insertChannel(db, {
        name: 'tchap',
        kind: 'matrix',
        secret: 'syt_crash',
        config: { homeserver: rx.url, roomId: '!cab:tchap.test' },
      }),
    ];
    insertRule(
      db,
      parseRuleDefinition({
        name: 'Tout',
        tiers: [{ severity: 'urgent', minVirality: 50 }],
        recipients: ['cabinet@interieur.test'],
        channelIds: ch.map((c) => c.id),
      }),
      'test',
    );
    db.close();
  });
  afterAll(async () => {
    await sink.close();
    await rx.close();
    if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true });
    else console.log(dir);
  });

  it('killed between decide and send, then during sends: each alert delivered once per key after restart', async () => {
    // 1. Decide, then SIGKILL before any send.
    const a = run(['decide', dbFile, String(N)]);
    await waitFor(() => a.lines.some((l) => l.startsWith('DECIDED')), 30_000, 'DECIDED');
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe(null);
    expect(a.lines).toContain(`DECIDED ${N}`);
    let rows = outbox();
    expect(rows).toHaveLength(3 * N);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    expect(sink.mails.length + rx.requests.length).toBe(0);

    // 2. Send with receivers holding their replies; SIGKILL while mails and HTTP requests are in flight.
    sink.setReplyDelay(3000);
    rx.setDelay(3000);
    const b = run(['send', dbFile]);
    await waitFor(
      () =>
        sink.dataReceived() >= 1 &&
        rx.requests.some((r) => r.kind === 'webhook') &&
        rx.requests.some((r) => r.kind === 'matrix'),
      30_000,
      'in-flight sends',
    );
    b.child.kill('SIGKILL');
    await b.exited;
    rows = outbox();
    const inFlight = rows.filter((r) => r.status === 'sending');
    expect(inFlight.length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(0);

    // 3. Restart: recover the abandoned leases and deliver everything.
    sink.setReplyDelay(0);
    rx.setDelay(0);
    const c = run(['send', dbFile]);
    expect(await c.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 3200)); // let the held replies of the killed run finish on the receivers
    rows = outbox();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);

    const keysOf = (kind: string) => new Set(rows.filter((r) => r.channel_kind === kind).map((r) => r.idem_key));
    // SMTP: one Message-ID per delivery, each received.
    const mailKeys = new Set([...sink.uniqueMessageIds()].map((m) => m.replace(/^<|@vigie\.test>$/g, '')));
    expect(mailKeys).toEqual(keysOf('smtp'));
    // Webhook and Matrix: one idempotency key per delivery, none missing, none extra.
    expect(new Set(rx.requests.filter((r) => r.kind === 'webhook').map((r) => r.key))).toEqual(keysOf('webhook'));
    expect(new Set(rx.requests.filter((r) => r.kind === 'matrix').map((r) => r.key))).toEqual(keysOf('matrix'));
    // Raw duplicates exist only for the sends cut by the kill (same key, deduped by the receiver).
    const raw = sink.mails.length + rx.requests.length;
    expect(raw - 3 * N).toBeLessThanOrEqual(inFlight.length);
    expect(raw).toBeGreaterThan(3 * N); // the kill really cut sends that the receivers had already taken
    // Matrix: a resent txnId maps to the same event (homeserver idempotency).
    const db = openDatabase(dbFile);
    const refs = db
      .prepare(`SELECT idem_key, provider_ref FROM alert_outbox WHERE channel_kind = 'matrix'`)
      .all() as Array<{ idem_key: string; provider_ref: string }>;
    expect(new Set(refs.map((r) => r.provider_ref)).size).toBe(N);
    expect(listAudit(db).filter((e) => e.action === 'recovered').length).toBe(inFlight.length);
    db.close();
  }, 120_000);
});
