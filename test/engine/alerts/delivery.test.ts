/**
 * Delivery through real loopback receivers: SMTP (smtp-server + mailparser, with and without
 * STARTTLS/auth), a webhook endpoint (HMAC verified), a fake Matrix homeserver; failure
 * injection (server down then up, 451, 500 then 200, timeout, 429 + Retry-After); exactly once.
 */
import net from 'node:net';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { insertChannel, listChannels } from '../../../electron/engine/db/alerts-store';
import { getDelivery, listAudit, listDeliveries, retryDelivery } from '../../../electron/engine/db/alerts-outbox-store';
import { pushAlert } from '../../../electron/engine/alerts/push';
import { AlertSender } from '../../../electron/engine/alerts/sender';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { startAlertReceiver, type AlertReceiver } from '../../helpers/alert-receiver';
import { seedItem, seedSource } from '../../helpers/alerts-db';

const REASONS = {
  virality: [{ signal: 'reprise-multi-sources', weight: 30, evidence: '12 médias en 1 h' }],
  controversy: [{ signal: 'lexique-hostile', weight: 18, evidence: '« scandale », « honte »' }],
  infox: [{ signal: 'source-peu-fiable', weight: 40, evidence: 'domaine noté « peu fiable »' }],
};

let db: Db;
let itemId: number;
const senders: AlertSender[] = [];
const closers: Array<() => Promise<void>> = [];

function sender(opts: ConstructorParameters<typeof AlertSender>[1] = {}): AlertSender {
  const s = new AlertSender(db, {
    baseDelayMs: 100,
    maxDelayMs: 400,
    timeoutMs: 3000,
    pollMs: 100,
    random: () => 0.5,
    ...opts,
  });
  senders.push(s);
  return s;
}
const waitFor = async (cond: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

beforeEach(() => {
  db = openDatabase(':memory:');
  const src = seedSource(db, 'Le Monde');
  itemId = seedItem(db, {
    sourceId: src,
    title: 'Covid-19 : la stratégie de Jean-Michel Blanquer à l’épreuve de la rentrée scolaire',
    summary: 'Malgré la vague Omicron…',
    link: 'https://www.lemonde.fr/education/article/2022/01/01/x_6107841_1473685.html',
    published: '2022-01-01T04:00:10.000Z',
    virality: 82,
    controversy: 55,
    infox: 12,
    storyId: 3,
    reasons: REASONS,
  });
});
afterEach(async () => {
  await Promise.all(senders.splice(0).map((s) => s.stop()));
  await Promise.all(closers.splice(0).map((c) => c()));
  db.close();
});

describe('SMTP', () => {
  async function sink(opts: Parameters<typeof startSmtpSink>[0] = {}): Promise<SmtpSink> {
    const s = await startSmtpSink(opts);
    closers.push(() => s.close());
    return s;
  }

  it('sends over STARTTLS with auth: French subject, text + HTML parts, stable Message-ID', async () => {
    const s = await sink({ auth: { user: 'veille', pass: 'S3cret-pass!' } });
    insertChannel(db, {
      name: 'Cabinet',
      kind: 'smtp',
      secret: 'S3cret-pass!',
      config: {
        host: '127.0.0.1',
        port: s.port,
        user: 'veille',
        from: 'Vigie <veille@vigie.test>',
        allowSelfSigned: true,
      },
    });
    const { deliveryIds } = pushAlert(db, {
      itemId,
      severity: 'urgent',
      comment: 'À transmettre au ministre avant 14 h — réaction attendue.',
      recipients: ['dircab@interieur.test', 'Veille@Interieur.test'],
      actor: 'Élodie Martin',
    });
    const report = await sender().drain();
    expect(report).toEqual({ sent: 2, failed: 0, dead: 0 });
    const mails = await s.waitForMails(2);
    expect(mails.map((m) => (m.parsed.to && !Array.isArray(m.parsed.to) ? m.parsed.to.text : '')).sort()).toEqual([
      'dircab@interieur.test',
      'veille@interieur.test',
    ]);
    const m = mails[0];
    expect(m.secure).toBe(true);
    expect(m.user).toBe('veille');
    expect(m.parsed.subject).toBe(
      '[URGENT] Covid-19 : la stratégie de Jean-Michel Blanquer à l’épreuve de la rentrée scolaire',
    );
    expect(m.parsed.text).toContain('Source : Le Monde (presse nationale)');
    expect(m.parsed.text).toContain('Publié : samedi 1 janvier 2022 à 5 h 00 (heure de Paris)');
    expect(m.parsed.text).toContain('Viralité : 82/100');
    expect(m.parsed.text).toContain('reprise-multi-sources (+30) : 12 médias en 1 h');
    expect(m.parsed.text).toContain('À transmettre au ministre avant 14 h — réaction attendue.');
    expect(m.parsed.text).toContain('Poussé par Élodie Martin');
    expect(m.parsed.html).toContain(
      '<a href="https://www.lemonde.fr/education/article/2022/01/01/x_6107841_1473685.html">',
    );
    expect(m.parsed.html).toContain('« scandale », « honte »');
    const keys = deliveryIds.map((id) => getDelivery(db, id)!.idem_key);
    expect([...s.uniqueMessageIds()].sort()).toEqual(keys.map((k) => `<${k}@vigie.test>`).sort());
    expect(listDeliveries(db).every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
  });

  it('sends in plain SMTP without TLS or auth (local relay)', async () => {
    const s = await sink({ starttls: false });
    insertChannel(db, {
      name: 'Relais',
      kind: 'smtp',
      config: { host: '127.0.0.1', port: s.port, from: 'veille@vigie.test', ignoreTLS: true },
    });
    pushAlert(db, { itemId, severity: 'flash', recipients: ['pc@interieur.test'], actor: 'a' });
    await sender().drain();
    const [m] = await s.waitForMails(1);
    expect(m.secure).toBe(false);
    expect(m.parsed.subject?.startsWith('[FLASH] ')).toBe(true);
  });

  it('refuses to send in clear when STARTTLS is required but not offered', async () => {
    const s = await sink({ starttls: false });
    insertChannel(db, {
      name: 'Strict',
      kind: 'smtp',
      config: { host: '127.0.0.1', port: s.port, from: 'veille@vigie.test' },
    });
    const { deliveryIds } = pushAlert(db, { itemId, severity: 'info', recipients: ['x@interieur.test'], actor: 'a' });
    await sender({ maxAttempts: 1 }).drain();
    expect(s.mails).toHaveLength(0);
    expect(getDelivery(db, deliveryIds[0])!.status).toBe('dead');
  });

  it('server down then up, and a 451: each mail arrives exactly once', async () => {
    const port = await freePort();
    insertChannel(db, {
      name: 'Cabinet',
      kind: 'smtp',
      config: { host: '127.0.0.1', port, from: 'veille@vigie.test', ignoreTLS: true },
    });
    const { deliveryIds } = pushAlert(db, {
      itemId,
      severity: 'urgent',
      recipients: ['a@interieur.test', 'b@interieur.test'],
      actor: 'a',
    });
    const snd = sender({ baseDelayMs: 300 }).start();
    await waitFor(() => listAudit(db).filter((a) => a.action === 'failed').length >= 2);
    const s = await sink({ port, starttls: false, failFirst: 1 });
    await waitFor(() => deliveryIds.every((id) => getDelivery(db, id)!.status === 'sent')).catch((e) => {
      throw new Error(
        `${e.message}: ${JSON.stringify(deliveryIds.map((id) => getDelivery(db, id)))} ${JSON.stringify(listAudit(db))}`,
      );
    });
    await snd.stop();
    expect(s.mails).toHaveLength(2);
    expect(s.uniqueMessageIds().size).toBe(2);
    const failed = listAudit(db).filter((a) => a.action === 'failed');
    expect(failed.some((a) => /ECONNREFUSED|ECONNECTION|connect/i.test(a.detail ?? ''))).toBe(true);
    expect(failed.some((a) => /451/.test(a.detail ?? ''))).toBe(true);
  });

  it('never leaks the password: listing, audit and error texts', async () => {
    const s = await sink({ auth: { user: 'veille', pass: 'right-password' } });
    insertChannel(db, {
      name: 'Cabinet',
      kind: 'smtp',
      secret: 'wrong-password-XYZ',
      config: { host: '127.0.0.1', port: s.port, user: 'veille', from: 'veille@vigie.test', allowSelfSigned: true },
    });
    const { deliveryIds } = pushAlert(db, { itemId, severity: 'info', recipients: ['a@interieur.test'], actor: 'a' });
    await sender().drain();
    const d = getDelivery(db, deliveryIds[0])!;
    expect(d.status).toBe('dead'); // 535 is permanent: dead-lettered at once, error shown
    expect(d.last_error_message).toMatch(/535|auth/i);
    const everything = JSON.stringify([listChannels(db), listAudit(db), listDeliveries(db)]);
    expect(everything).not.toContain('wrong-password-XYZ');
    expect(listChannels(db)[0]).toMatchObject({ hasSecret: true, secretScheme: 'plain' });
  });
});

describe('webhook and Matrix', () => {
  let rx: AlertReceiver;
  beforeEach(async () => {
    rx = await startAlertReceiver({ hmacSecret: 'hmac-key-123', matrixToken: 'syt_token' });
    closers.push(() => rx.close());
  });

  it('posts signed JSON with an idempotency key; the receiver verifies the HMAC', async () => {
    insertChannel(db, {
      name: 'SI cabinet',
      kind: 'webhook',
      secret: 'hmac-key-123',
      config: { url: `${rx.url}/hooks/vigie` },
    });
    const { deliveryIds } = pushAlert(db, {
      itemId,
      severity: 'flash',
      comment: 'Très sensible',
      recipients: [],
      channels: ['SI cabinet'],
      actor: 'a',
    });
    await sender().drain();
    expect(rx.requests).toHaveLength(1);
    const r = rx.requests[0];
    expect(r.signatureOk).toBe(true);
    expect(r.key).toBe(getDelivery(db, deliveryIds[0])!.idem_key);
    expect(r.body).toMatchObject({
      type: 'vigie.alert',
      severity: 'flash',
      subject: expect.stringMatching(/^\[FLASH\] Covid-19/),
      comment: 'Très sensible',
      scores: { virality: 82 },
    });
    expect(listChannels(db)[0].config.url).toBe(`${rx.url}/…`);
  });

  it('shapes Mattermost, Slack and Teams bodies', async () => {
    for (const preset of ['mattermost', 'slack', 'teams'])
      insertChannel(db, { name: preset, kind: 'webhook', config: { url: `${rx.url}/${preset}`, preset } });
    pushAlert(db, {
      itemId,
      severity: 'urgent',
      recipients: [],
      channels: ['mattermost', 'slack', 'teams'],
      actor: 'a',
    });
    await sender().drain();
    const by = Object.fromEntries(rx.requests.map((r) => [r.path.slice(1), r.body as Record<string, unknown>]));
    expect(by.mattermost.text).toContain('[Covid-19 : la stratégie');
    expect(by.mattermost.text).toContain('](https://www.lemonde.fr/');
    expect(by.slack.text).toContain('<https://www.lemonde.fr/');
    expect(by.teams).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } }],
    });
  });

  it('500 then 200, timeout, 429 with Retry-After: each alert accepted exactly once per key', async () => {
    insertChannel(db, { name: 'hook', kind: 'webhook', secret: 'hmac-key-123', config: { url: `${rx.url}/hook` } });
    rx.script.push({ status: 500 }, { status: 200, delayMs: 1500 }, { status: 429, headers: { 'retry-after': '1' } });
    const { deliveryIds } = pushAlert(db, {
      itemId,
      severity: 'urgent',
      recipients: [],
      channels: ['hook'],
      actor: 'a',
    });
    const t0 = Date.now();
    const snd = sender({ timeoutMs: 700 }).start();
    await waitFor(() => getDelivery(db, deliveryIds[0])!.status === 'sent');
    await snd.stop();
    const d = getDelivery(db, deliveryIds[0])!;
    expect(d.attempts).toBe(4);
    const statuses = rx.requests.map((r) => r.status);
    expect(statuses).toEqual([500, 200, 429, 200]); // the 200 after 1.5 s came too late: the client had timed out
    expect(rx.requests[3].at - rx.requests[2].at).toBeGreaterThanOrEqual(950); // Retry-After: 1 honoured
    expect(new Set(rx.requests.map((r) => r.key)).size).toBe(1); // one key: the receiver dedups the late 200
    expect(rx.acceptedKeys().size).toBe(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('dead-letters after N attempts with the error visible, then a manual retry delivers once', async () => {
    insertChannel(db, { name: 'hook', kind: 'webhook', secret: 'hmac-key-123', config: { url: `${rx.url}/hook` } });
    rx.script.push({ status: 503 }, { status: 503 }, { status: 503 });
    const { deliveryIds } = pushAlert(db, { itemId, severity: 'info', recipients: [], channels: ['hook'], actor: 'a' });
    const snd = sender({ maxAttempts: 3 }).start();
    await waitFor(() => getDelivery(db, deliveryIds[0])!.status === 'dead');
    expect(getDelivery(db, deliveryIds[0])).toMatchObject({
      attempts: 3,
      last_error_code: 'alert.webhook',
      last_error_message: 'HTTP 503',
    });
    retryDelivery(db, deliveryIds[0], Date.now());
    snd['pump']();
    await waitFor(() => getDelivery(db, deliveryIds[0])!.status === 'sent');
    expect(rx.acceptedKeys().size).toBe(1);
    expect(rx.requests).toHaveLength(4);
  });

  it('Matrix: PUT to the room with txnId = idempotency key; a resend gets the same event', async () => {
    insertChannel(db, {
      name: 'Tchap cabinet',
      kind: 'matrix',
      secret: 'syt_token',
      config: { homeserver: rx.url, roomId: '!cabinet:agent.tchap.gouv.fr' },
    });
    rx.script.push({ status: 502 }, { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 300 } });
    const { deliveryIds } = pushAlert(db, {
      itemId,
      severity: 'flash',
      comment: 'Pour information immédiate',
      recipients: [],
      channels: ['Tchap cabinet'],
      actor: 'a',
    });
    const snd = sender().start();
    await waitFor(() => getDelivery(db, deliveryIds[0])!.status === 'sent');
    await snd.stop();
    const key = getDelivery(db, deliveryIds[0])!.idem_key;
    expect(rx.requests.map((r) => [r.kind, r.status, r.key])).toEqual([
      ['matrix', 502, key],
      ['matrix', 429, key],
      ['matrix', 200, key],
    ]);
    expect(rx.requests[2].path).toBe(
      `/_matrix/client/v3/rooms/${encodeURIComponent('!cabinet:agent.tchap.gouv.fr')}/send/m.room.message/${key}`,
    );
    expect(rx.requests[2].body).toMatchObject({
      msgtype: 'm.text',
      format: 'org.matrix.custom.html',
      body: expect.stringContaining('[FLASH]'),
    });
    expect(getDelivery(db, deliveryIds[0])!.provider_ref).toBe('$ev1:test');
  });

  it('rate-limits per channel: the third send of the minute waits', async () => {
    insertChannel(db, { name: 'hook', kind: 'webhook', ratePerMin: 2, config: { url: `${rx.url}/hook` } });
    const ids = [1, 2, 3].map(
      () => pushAlert(db, { itemId, severity: 'info', recipients: [], channels: ['hook'], actor: 'a' }).deliveryIds[0],
    );
    await sender().drain(3000);
    expect(rx.requests).toHaveLength(2);
    const third = getDelivery(db, ids[2])!;
    expect(third).toMatchObject({ status: 'pending', attempts: 0 });
    expect(third.next_attempt_at - Date.now()).toBeGreaterThan(50_000);
  });
});

describe('desktop channel', () => {
  it('emits a notice the UI acknowledges; an unacknowledged notice is shown again with the same tag', async () => {
    insertChannel(db, { name: 'Poste', kind: 'desktop' });
    const { deliveryIds } = pushAlert(db, {
      itemId,
      severity: 'flash',
      recipients: [],
      channels: ['Poste'],
      actor: 'a',
    });
    const { acknowledgeDesktop } = await import('../../../electron/engine/alerts/sender');
    const snd = sender({ desktopAckMs: 200 });
    const notices: Array<{ tag: string; title: string }> = [];
    snd.on('desktop', (n) => notices.push(n));
    snd.start();
    await waitFor(() => notices.length >= 2, 5000);
    expect(notices[0].tag).toBe(notices[1].tag);
    expect(notices[0].title.startsWith('[FLASH] ')).toBe(true);
    expect(acknowledgeDesktop(db, deliveryIds[0], 'Élodie')).toBe(true);
    expect(getDelivery(db, deliveryIds[0])!.status).toBe('sent');
    const n = notices.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(notices.length).toBe(n);
  });
});

describe('sender robustness', () => {
  it('reports a database failure as an error event instead of crashing, and resumes', async () => {
    const rx = await startAlertReceiver({});
    closers.push(() => rx.close());
    insertChannel(db, { name: 'hook', kind: 'webhook', config: { url: `${rx.url}/hook` } });
    const snd = sender({ pollMs: 50 });
    const errors: unknown[] = [];
    snd.on('error', (e) => errors.push(e));
    db.exec('ALTER TABLE alert_outbox RENAME TO alert_outbox_moved');
    snd.start();
    await waitFor(() => errors.length >= 2, 3000);
    db.exec('ALTER TABLE alert_outbox_moved RENAME TO alert_outbox');
    const { deliveryIds } = pushAlert(db, { itemId, severity: 'info', recipients: [], channels: ['hook'], actor: 'a' });
    await waitFor(() => getDelivery(db, deliveryIds[0])!.status === 'sent', 5000);
    expect(rx.acceptedKeys().size).toBe(1);
  });
});
