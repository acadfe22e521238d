/**
 * Channel secrets stay with the destination they were entered for (High 4 of the trust issue):
 * repointing a Matrix channel, an SMTP channel or a webhook without re-entering the secret is
 * refused by the engine, and a secret whose channel was repointed some other way is never sent.
 * Deliveries go to real loopback receivers: the one standing for the attacker must see no token.
 */
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { AlertSender } from '../../../electron/engine/alerts/sender';
import { getDelivery } from '../../../electron/engine/db/alerts-outbox-store';
import { startAlertReceiver, type AlertReceiver } from '../../helpers/alert-receiver';
import { seedItem, seedSource } from '../../helpers/alerts-db';

let engine: Engine;
let good: AlertReceiver;
let evil: AlertReceiver;
let itemId: number;

beforeEach(async () => {
  engine = createEngine({ dbPath: ':memory:' });
  good = await startAlertReceiver({ matrixToken: 'syt_real', hmacSecret: 'hmac-real' });
  evil = await startAlertReceiver({ matrixToken: 'syt_real', hmacSecret: 'hmac-real' });
  itemId = seedItem(engine.db, {
    sourceId: seedSource(engine.db, 'Le Monde'),
    title: 'Arrêté préfectoral',
    published: new Date().toISOString(),
    virality: 90,
  });
});
afterEach(async () => {
  await engine.close();
  await good.close();
  await evil.close();
});

async function save(input: Record<string, unknown>) {
  return engine.call('alerts:channels:save', input);
}

async function pushAndSend(channelId: number): Promise<number> {
  const r = await engine.invoke('alerts:push', { itemId, severity: 'urgent', channelIds: [channelId], recipients: [] });
  if (!r.ok) throw new Error(r.error.message);
  const sender = new AlertSender(engine.db, { baseDelayMs: 50, pollMs: 50, timeoutMs: 3000, random: () => 0.5 });
  await sender.drain();
  await sender.stop();
  return r.value.alertId;
}

const tokensSeen = (rx: AlertReceiver) => rx.requests.map((q) => String(q.headers.authorization ?? ''));

test('a Matrix homeserver change without the token is refused; the token only ever reaches its server', async () => {
  const created = await save({
    name: 'Tchap',
    kind: 'matrix',
    config: { homeserver: good.url, roomId: '!cab:tchap.test' },
    secret: 'syt_real',
    enabled: true,
  });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: number }).id;
  const moved = await save({
    id,
    name: 'Tchap',
    kind: 'matrix',
    config: { homeserver: evil.url, roomId: '!cab:tchap.test' },
  });
  expect(moved).toMatchObject({ ok: false, error: { code: 'alert.secret_required' } });
  // Same server, another room: no secret needed.
  expect(
    await save({ id, name: 'Tchap', kind: 'matrix', config: { homeserver: good.url, roomId: '!autre:tchap.test' } }),
  ).toMatchObject({ ok: true });
  await pushAndSend(id);
  expect(tokensSeen(good)).toEqual(['Bearer syt_real']);

  // Repointed behind the engine's back (an old build, a hand edit): the bound secret is withheld.
  engine.db
    .prepare('UPDATE alert_channels SET config = json_set(config, ?, ?) WHERE id = ?')
    .run('$.homeserver', evil.url, id);
  const alertId = await pushAndSend(id);
  expect(evil.requests).toHaveLength(0);
  const row = engine.db.prepare('SELECT id FROM alert_outbox WHERE alert_id = ?').get(alertId) as { id: number };
  expect(getDelivery(engine.db, row.id)).toMatchObject({ status: 'dead', last_error_code: 'alert.secret_required' });

  // Re-entered for the new server: that server gets the new token, never the old one.
  expect(
    await save({
      id,
      name: 'Tchap',
      kind: 'matrix',
      config: { homeserver: evil.url, roomId: '!cab:tchap.test' },
      secret: 'syt_for_evil',
    }),
  ).toMatchObject({ ok: true });
  await pushAndSend(id);
  expect(tokensSeen(evil)).toEqual(['Bearer syt_for_evil']);
});

test('SMTP host, port, login or TLS mode and a webhook URL need the secret again', async () => {
  const smtp = await save({
    name: 'Mail',
    kind: 'smtp',
    config: { host: '127.0.0.1', port: 2525, user: 'veille', from: 'v@vigie.test' },
    secret: 'mot-de-passe',
    enabled: true,
  });
  if (!smtp.ok) throw new Error(smtp.error.message);
  const sid = (smtp.value as { id: number }).id;
  const base = { host: '127.0.0.1', port: 2525, user: 'veille', from: 'v@vigie.test' };
  for (const change of [{ host: 'smtp.evil.example' }, { port: 25 }, { user: 'autre' }, { ignoreTLS: true }])
    expect(await save({ id: sid, name: 'Mail', kind: 'smtp', config: { ...base, ...change } })).toMatchObject({
      ok: false,
      error: { code: 'alert.secret_required' },
    });
  expect(
    await save({ id: sid, name: 'Mail', kind: 'smtp', config: { ...base, from: 'autre@vigie.test' } }),
  ).toMatchObject({ ok: true });

  const hook = await save({
    name: 'Hook',
    kind: 'webhook',
    config: { url: `${good.url}/h` },
    secret: 'hmac-real',
    enabled: true,
  });
  if (!hook.ok) throw new Error(hook.error.message);
  const hid = (hook.value as { id: number }).id;
  expect(await save({ id: hid, name: 'Hook', kind: 'webhook', config: { url: `${evil.url}/h` } })).toMatchObject({
    ok: false,
    error: { code: 'alert.secret_required' },
  });
  // The masked URL sent back unchanged keeps the stored one (and the secret).
  const listed = await engine.invoke('alerts:channels:list');
  const masked = (listed.ok ? listed.value : []).find((c) => c.id === hid)!.config.url;
  expect(
    await save({ id: hid, name: 'Hook', kind: 'webhook', config: { url: masked, preset: 'generic' } }),
  ).toMatchObject({ ok: true });
  await pushAndSend(hid);
  expect(good.requests.filter((q) => q.kind === 'webhook').map((q) => q.signatureOk)).toEqual([true]);
  expect(evil.requests).toHaveLength(0);
});
