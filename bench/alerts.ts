/**
 * bench:alerts — time from an item's arrival in the engine (store + analysis + rule evaluation,
 * the real pipeline) to its delivery at a loopback SMTP server and a loopback HTTP webhook
 * receiver. 50 real Le Monde articles arrive one every 100 ms; p50/p95 printed side by side.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Feed } from '../shared/types/feed';
import { openDatabase } from '../electron/engine/db/open';
import { addSource } from '../electron/engine/db/sources-store';
import { storeFeedItems } from '../electron/engine/ingest/store-feed';
import { insertChannel, insertRule } from '../electron/engine/db/alerts-store';
import { parseRuleDefinition } from '../electron/engine/alerts/rules';
import { evaluateRulesForItems } from '../electron/engine/alerts/evaluate';
import { AlertSender } from '../electron/engine/alerts/sender';
import { startSmtpSink } from '../test/helpers/smtp-sink';
import { startAlertReceiver } from '../test/helpers/alert-receiver';
import { readLeMondeSample } from '../test/helpers/alerts-db';

const N = Number(process.env.BENCH_ITEMS ?? 50);
const GAP_MS = 100;

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-alerts-'));
  const db = openDatabase(path.join(dir, 'vigie.db'));
  const sink = await startSmtpSink({ auth: { user: 'veille', pass: 'bench-pass' } });
  const rx = await startAlertReceiver({ hmacSecret: 'bench-hmac' });
  const source = addSource(db, { name: 'Le Monde', url: 'https://www.lemonde.fr/rss/une.xml', type: 'press-national' });
  const mail = insertChannel(db, {
    name: 'mail',
    kind: 'smtp',
    secret: 'bench-pass',
    ratePerMin: 1000,
    config: { host: '127.0.0.1', port: sink.port, user: 'veille', from: 'veille@vigie.test', allowSelfSigned: true },
  });
  const hook = insertChannel(db, {
    name: 'hook',
    kind: 'webhook',
    secret: 'bench-hmac',
    ratePerMin: 1000,
    config: { url: `${rx.url}/hook` },
  });
  // Fires on every new story: the bench measures the path, not the selectivity of a threshold.
  insertRule(
    db,
    parseRuleDefinition({
      name: 'Tout',
      tiers: [{ severity: 'urgent' }],
      recipients: ['cabinet@interieur.test'],
      channelIds: [mail.id, hook.id],
    }),
    'bench',
  );
  const sender = new AlertSender(db).start();

  const sample = readLeMondeSample();
  const arrivals = new Map<number, number>();
  const pipelineMs: number[] = [];
  const evalMs: number[] = [];
  for (let i = 0; i < N; i++) {
    const s = sample[(i * 7) % sample.length];
    const feed: Feed = {
      format: 'rss',
      title: 'Le Monde',
      link: 'https://www.lemonde.fr',
      description: null,
      language: 'fr',
      published: null,
      updated: null,
      authors: [],
      categories: [],
      items: [
        {
          guid: s.link,
          title: s.title,
          link: s.link,
          published: new Date().toISOString(),
          updated: null,
          authors: [],
          categories: [s.section],
          summary: s.description,
          content: null,
          enclosures: [],
        },
      ],
    };
    const t0 = Date.now();
    const stored = storeFeedItems(db, source, feed, { fetchedAt: new Date() });
    const t1 = Date.now();
    evaluateRulesForItems(db, stored.newIds);
    const t2 = Date.now();
    pipelineMs.push(t1 - t0);
    evalMs.push(t2 - t1);
    for (const id of stored.newIds) arrivals.set(id, t0);
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  const rows = db
    .prepare(
      `SELECT o.channel_kind AS kind, o.idem_key AS key, a.item_id AS item FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id`,
    )
    .all() as Array<{ kind: string; key: string; item: number }>;
  const expectedMail = rows.filter((r) => r.kind === 'smtp').length;
  const expectedHook = rows.filter((r) => r.kind === 'webhook').length;
  await sink.waitForMails(expectedMail, 30_000);
  await rx.waitForAccepted(expectedHook, 30_000);
  await sender.stop();

  const itemOf = new Map(rows.map((r) => [r.key, r.item]));
  const smtpLat = sink.mails.map(
    (m) => m.at - arrivals.get(itemOf.get((m.messageId ?? '').replace(/^<|@vigie\.test>$/g, ''))!)!,
  );
  const httpLat = rx.requests.filter((r) => r.status < 300).map((r) => r.at - arrivals.get(itemOf.get(r.key)!)!);
  const f = (v: number) => `${Math.round(v)} ms`.padStart(9);
  console.log(
    `bench:alerts — ${N} articles (real Le Monde titles), one every ${GAP_MS} ms; ${rows.length / 2} alerts decided (one per new story)`,
  );
  console.log(
    `arrival = store + analysis (${f(pct(pipelineMs, 50)).trim()} p50) + rule evaluation (${f(pct(evalMs, 50)).trim()} p50), then outbox → sender → receiver`,
  );
  console.log('');
  console.log(`${''.padEnd(26)}${'SMTP (STARTTLS+auth)'.padStart(22)}${'HTTP webhook (HMAC)'.padStart(22)}`);
  console.log(`${'delivered'.padEnd(26)}${String(smtpLat.length).padStart(22)}${String(httpLat.length).padStart(22)}`);
  for (const p of [50, 95, 100])
    console.log(
      `${(p === 100 ? 'max' : `p${p}`).padEnd(26)}${f(pct(smtpLat, p)).padStart(22)}${f(pct(httpLat, p)).padStart(22)}`,
    );
  console.log(`${'target'.padEnd(26)}${'≤ 5000 ms'.padStart(22)}${'≤ 5000 ms'.padStart(22)}`);
  const dup = sink.mails.length - sink.uniqueMessageIds().size + rx.requests.length - rx.acceptedKeys().size;
  console.log(`duplicates at receivers: ${dup}`);
  await sink.close();
  await rx.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
