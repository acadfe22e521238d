/** Audit log CSV export, secret codecs (a safeStorage-like codec injected by main), French message rendering. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { insertChannel, loadChannelForSend } from '../../../electron/engine/db/alerts-store';
import { pushAlert } from '../../../electron/engine/alerts/push';
import { acknowledgeDesktop } from '../../../electron/engine/alerts/sender';
import { parse } from 'csv-parse/sync';
import { exportAuditCsv, neutralizeFormulas } from '../../../electron/engine/alerts/audit';
import {
  PLAIN_CODEC,
  activeSecretCodec,
  redactSecrets,
  setSecretCodec,
  type SecretCodec,
} from '../../../electron/engine/alerts/secrets';
import { formatParisTime, renderAlertMessage } from '../../../electron/engine/alerts/message';
import { backoffDelay } from '../../../electron/engine/alerts/sender';
import { retryAfterMs } from '../../../electron/engine/alerts/channels/types';
import { signWebhook } from '../../../electron/engine/alerts/channels/webhook';
import { matrixSendUrl } from '../../../electron/engine/alerts/channels/matrix';
import { seedItem, seedSource } from '../../helpers/alerts-db';

let db: Db;
let itemId: number;
beforeEach(() => {
  db = openDatabase(':memory:');
  itemId = seedItem(db, {
    sourceId: seedSource(db, 'Libération'),
    title: '=HYPERLINK("http://evil") « Réforme » : la colère, "mot"',
    published: '2022-07-14T08:05:00.000Z',
    virality: 71,
  });
});
afterEach(() => {
  setSecretCodec(PLAIN_CODEC);
  db.close();
});

it('exports who pushed what, when, to whom, via which channel, and the result, as safe CSV', () => {
  const desk = insertChannel(db, { name: 'Poste', kind: 'desktop' });
  insertChannel(db, {
    name: 'Cabinet',
    kind: 'smtp',
    secret: 'pw-never-exported',
    config: { host: '127.0.0.1', from: 'v@vigie.test' },
  });
  const { deliveryIds } = pushAlert(db, {
    itemId,
    severity: 'flash',
    comment: 'Réponse, "urgente"\nsvp',
    recipients: ['dircab@interieur.test'],
    channels: ['Cabinet', desk.id],
    actor: 'Élodie Martin',
  });
  acknowledgeDesktop(db, deliveryIds[1], 'Élodie Martin');
  const csv = exportAuditCsv(db, { separator: ',' });
  expect(csv.startsWith('\ufeff"horodatage_utc","heure_paris","acteur","action"')).toBe(true);
  const rows = parse(csv.slice(1), { delimiter: ',' }) as string[][];
  expect(rows).toHaveLength(1 + 3); // 2 pushed + 1 acknowledged
  expect(rows[1].slice(2, 4)).toEqual(['Élodie Martin', 'pushed']);
  expect(rows[1].slice(8, 12)).toEqual(['smtp:Cabinet', 'dircab@interieur.test', 'flash', 'queued']);
  expect(rows[1]).toContain('Réponse, "urgente"\nsvp');
  expect(rows[1]).toContain('[FLASH] =HYPERLINK("http://evil") « Réforme » : la colère, "mot"');
  expect(rows[3][3]).toBe('acknowledged');
  expect(csv).not.toContain('pw-never-exported');
  expect(neutralizeFormulas('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
  expect(neutralizeFormulas('-1+2')).toBe("'-1+2");
  expect(neutralizeFormulas('ok')).toBe('ok');
});

it('no cell of the audit CSV is a formula under either separator, whichever one the reader splits on', () => {
  const desk = insertChannel(db, { name: 'Poste', kind: 'desktop', config: {} });
  const hostile = [
    "Manifestation;=cmd|' /C calc'!A0",
    'Bilan, +cmd|" /C calc"!A0',
    'Rappel\n@SUM(1+1)*cmd|" /C calc"!A0',
    'Fin ;  "=HYPERLINK(""http://evil"")',
    '\t-2+3+cmd|" /C calc"!A0',
  ];
  for (const [i, title] of hostile.entries()) {
    const id = seedItem(db, {
      sourceId: seedSource(db, `S${i}`),
      title,
      published: '2022-07-14T09:00:00.000Z',
      virality: 90,
    });
    pushAlert(db, {
      itemId: id,
      severity: 'urgent',
      comment: title,
      recipients: [],
      channels: [desk.id],
      actor: title,
    });
  }
  for (const written of [';', ','] as const) {
    const csv = exportAuditCsv(db, { separator: written }).slice(1);
    for (const read of [';', ',']) {
      // A spreadsheet reading with the other separator ignores quotes that no longer open a field.
      const rows = parse(csv, { delimiter: read, relax_quotes: true, relax_column_count: true }) as string[][];
      const cells = rows.flat();
      expect(cells.length).toBeGreaterThan(rows.length);
      const formulas = cells.filter((c) => /^[\s"]*[=+\-@]/.test(c));
      expect({ written, read, formulas }).toEqual({ written, read, formulas: [] });
    }
    // Read as written, the text is all there.
    const rows = parse(csv, { delimiter: written }) as string[][];
    expect(rows.flat()).toContain("[URGENT] Manifestation;'=cmd|' /C calc'!A0");
  }
});

it('seals secrets with the injected codec and reads them back; plain is flagged as unprotected', () => {
  expect(activeSecretCodec().protects).toBe(false);
  const key = randomBytes(32);
  const fakeSafeStorage: SecretCodec = {
    scheme: 'safeStorage',
    protects: true,
    encrypt: (s) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const e = Buffer.concat([c.update(s, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), e]).toString('base64');
    },
    decrypt: (b) => {
      const buf = Buffer.from(b, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
  const plain = insertChannel(db, {
    name: 'old',
    kind: 'matrix',
    secret: 'syt_plain_token',
    config: { homeserver: 'https://m.test', roomId: '!r:m.test' },
  });
  setSecretCodec(fakeSafeStorage);
  const sealed = insertChannel(db, {
    name: 'new',
    kind: 'matrix',
    secret: 'syt_sealed_token',
    config: { homeserver: 'https://m.test', roomId: '!r:m.test' },
  });
  const rows = db.prepare('SELECT name, secret, secret_scheme FROM alert_channels').all() as Array<{
    name: string;
    secret: string;
    secret_scheme: string;
  }>;
  expect(rows.find((r) => r.name === 'new')!.secret_scheme).toBe('safeStorage');
  expect(JSON.stringify(rows)).not.toContain('syt_sealed_token');
  expect(loadChannelForSend(db, sealed.id)!.secret).toBe('syt_sealed_token');
  expect(loadChannelForSend(db, plain.id)!.secret).toBe('syt_plain_token'); // older plain secrets still readable
  expect(redactSecrets('401 for token syt_sealed_token', ['syt_sealed_token'])).toBe('401 for token ***');
});

it('renders French subjects, Paris time across DST, update marker and escaped HTML', () => {
  expect(formatParisTime('2022-07-14T08:05:00.000Z')).toBe('jeudi 14 juillet 2022 à 10 h 05');
  expect(formatParisTime('2022-01-01T04:00:10.000Z')).toBe('samedi 1 janvier 2022 à 5 h 00');
  const item = {
    id: 1,
    title: '<b>Crise</b> à l’Assemblée',
    summary: null,
    contentText: null,
    categories: [],
    link: 'https://ex.test/a?b=1&c=2',
    published: '2022-03-27T01:30:00.000Z',
    fetchedAt: '2022-03-27T01:31:00.000Z',
    sourceId: 1,
    sourceName: 'France Info',
    sourceType: 'radio' as const,
    storyId: 4,
    virality: 88.4,
    controversy: null,
    infox: 20,
    reasons: {
      virality: [
        { signal: 'a', weight: 1.25, evidence: 'x' },
        { signal: 'b', weight: 9, evidence: 'y' },
        { signal: 'c', weight: 3, evidence: 'z' },
        { signal: 'd', weight: 0.5, evidence: 'w' },
      ],
      controversy: [],
      infox: [],
    },
    growth: 6,
  };
  const m = renderAlertMessage({
    item,
    severity: 'urgent',
    isUpdate: true,
    comment: 'Voir <script>',
    origin: 'Règle « Assemblée »',
  });
  expect(m.subject).toBe('[URGENT] MISE À JOUR — <b>Crise</b> à l’Assemblée');
  expect(m.publishedFr).toBe('dimanche 27 mars 2022 à 3 h 30'); // after the spring-forward jump
  expect(m.text).toContain('Viralité : 88/100');
  expect(m.text).toContain('Polémique : non calculé');
  expect(m.text).toMatch(/b \(\+9\) : y\n {4}• c \(\+3\) : z\n {4}• a \(\+1,3\) : x\n- Polémique/); // top 3 by weight
  expect(m.text).toContain('Croissance du récit : +6 articles en 60 min');
  expect(m.html).toContain('&lt;b&gt;Crise&lt;/b&gt;');
  expect(m.html).toContain('Voir &lt;script&gt;');
  expect(m.html).toContain('href="https://ex.test/a?b=1&amp;c=2"');
  expect(m.html).not.toContain('<script>');
});

it('computes backoff with jitter, Retry-After, signatures and Matrix URLs', () => {
  expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 5000, () => 0))).toEqual([500, 1000, 2000, 2500]);
  expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 5000, () => 1))).toEqual([1000, 2000, 4000, 5000]);
  expect(retryAfterMs('7')).toBe(7000);
  expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
  expect(retryAfterMs('soon')).toBeNull();
  expect(signWebhook('k', '1700000000', '{}')).toBe(
    'sha256=' + require('node:crypto').createHmac('sha256', 'k').update('1700000000.{}').digest('hex'),
  );
  expect(matrixSendUrl('https://m.test/', '!abc:m.test', 'vigie-1-x')).toBe(
    'https://m.test/_matrix/client/v3/rooms/!abc%3Am.test/send/m.room.message/vigie-1-x',
  );
});
