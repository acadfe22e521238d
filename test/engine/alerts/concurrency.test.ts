/** Two senders on one database never send a row twice; an SMTP reply timeout is retried under the same Message-ID. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../electron/engine/db/open';
import { insertChannel } from '../../../electron/engine/db/alerts-store';
import { getDelivery, listDeliveries } from '../../../electron/engine/db/alerts-outbox-store';
import { pushAlert } from '../../../electron/engine/alerts/push';
import { AlertSender } from '../../../electron/engine/alerts/sender';
import { startAlertReceiver } from '../../helpers/alert-receiver';
import { startSmtpSink } from '../../helpers/smtp-sink';
import { seedItem, seedSource } from '../../helpers/alerts-db';

const waitFor = async (cond: () => boolean, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

it('two senders (two connections) share the outbox: every delivery sent exactly once, no duplicate request', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-two-senders-'));
  const file = path.join(dir, 'v.db');
  const a = openDatabase(file);
  const b = openDatabase(file);
  const rx = await startAlertReceiver({ delayMs: 5 });
  try {
    const itemId = seedItem(a, {
      sourceId: seedSource(a, 'AFP'),
      title: 'Dépêche',
      published: new Date().toISOString(),
    });
    insertChannel(a, { name: 'hook', kind: 'webhook', ratePerMin: 10_000, config: { url: `${rx.url}/hook` } });
    insertChannel(a, {
      name: 'tchap',
      kind: 'matrix',
      ratePerMin: 10_000,
      secret: 'syt_test_token',
      config: { homeserver: rx.url, roomId: '!r:t' },
    });
    const s1 = new AlertSender(a, { pollMs: 20, concurrency: 3 }).start();
    const s2 = new AlertSender(b, { pollMs: 20, concurrency: 3 }).start();
    const counts = [0, 0];
    s1.on('delivered', () => counts[0]++);
    s2.on('delivered', () => counts[1]++);
    for (let i = 0; i < 40; i++)
      pushAlert(a, {
        itemId,
        severity: i % 3 === 0 ? 'flash' : 'info',
        recipients: [],
        channels: ['hook', 'tchap'],
        actor: 'a',
      });
    await waitFor(() => listDeliveries(a, { status: 'sent', limit: 1000 }).length === 80);
    await Promise.all([s1.stop(), s2.stop()]);
    expect(rx.requests).toHaveLength(80);
    expect(rx.acceptedKeys().size).toBe(80);
    expect(counts[0] + counts[1]).toBe(80);
    expect(Math.min(...counts)).toBeGreaterThan(0); // both really competed for the rows
  } finally {
    await rx.close();
    a.close();
    b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('an SMTP reply slower than the timeout is retried with the same Message-ID (receiver dedups)', async () => {
  const db = openDatabase(':memory:');
  const sink = await startSmtpSink({ starttls: false, replyDelayMs: 1500 });
  try {
    const itemId = seedItem(db, {
      sourceId: seedSource(db, 'AFP'),
      title: 'Dépêche lente',
      published: new Date().toISOString(),
    });
    insertChannel(db, {
      name: 'mail',
      kind: 'smtp',
      config: { host: '127.0.0.1', port: sink.port, from: 'v@vigie.test', ignoreTLS: true },
    });
    const { deliveryIds } = pushAlert(db, { itemId, severity: 'urgent', recipients: ['x@interieur.test'], actor: 'a' });
    const snd = new AlertSender(db, { timeoutMs: 600, baseDelayMs: 200, pollMs: 50 }).start();
    await waitFor(
      () => getDelivery(db, deliveryIds[0])!.attempts >= 1 && getDelivery(db, deliveryIds[0])!.status === 'pending',
    );
    expect(getDelivery(db, deliveryIds[0])!.last_error_message).toMatch(/timeout|ETIMEDOUT/i);
    sink.setReplyDelay(0);
    await waitFor(() => getDelivery(db, deliveryIds[0])!.status === 'sent');
    await snd.stop();
    await new Promise((r) => setTimeout(r, 1200)); // the first, timed-out DATA still lands at the server
    expect(sink.mails.length).toBe(2);
    expect(sink.uniqueMessageIds().size).toBe(1);
  } finally {
    await sink.close();
    db.close();
  }
});
