/** Emailing the brief through an SMTP alert channel, to a real loopback SMTP server. */
import { emailBrief } from '../../../electron/engine/brief/email';
import { insertChannel } from '../../../electron/engine/db/alerts-store';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { seedItem, seedSource } from './brief-db';

let db: Db;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink({ failFirst: 1 });
  db = openDatabase(':memory:');
  const s = seedSource(db, 'Le Monde', 'press-national');
  seedItem(db, {
    sourceId: s,
    title: 'Guerre en Ukraine : « le choix de la guerre » dénoncé',
    summary: 'Le président français a prévenu que la Russie devra « rendre des comptes » pour l’invasion de l’Ukraine.',
    published: '2022-02-24T16:00:00.000Z',
  });
  insertChannel(db, {
    name: 'Cabinet',
    kind: 'smtp',
    config: {
      host: '127.0.0.1',
      port: sink.port,
      from: 'veille@vigie.test',
      allowSelfSigned: true,
      defaultTo: ['dircab@interieur.test', 'cellule@interieur.test'],
    },
  });
});

afterAll(async () => {
  db.close();
  await sink.close();
});

test('sends the HTML brief with PNG charts and a text part; a refused recipient is reported and audited', async () => {
  const r = await emailBrief(db, {
    from: '2022-02-24T00:00:00+01:00',
    to: '2022-02-25T00:00:00+01:00',
    channel: 'Cabinet',
    options: { marking: 'Diffusion restreinte' },
    actor: 'Élodie Martin',
    timeoutMs: 10_000,
  });
  expect(r.subject).toBe('[Diffusion restreinte] Synthèse quotidienne — jeudi 24 février 2022');
  // The sink answers 451 to the first message: that recipient fails, the second gets the brief.
  expect(r.failed.map((f) => f.recipient)).toEqual(['dircab@interieur.test']);
  expect(r.sent).toEqual(['cellule@interieur.test']);
  const [mail] = await sink.waitForMails(1);
  expect(mail!.parsed.subject).toBe(r.subject);
  const html = String(mail!.parsed.html);
  expect(html).toContain('« le choix de la guerre »');
  expect((html.match(/src="data:image\/png;base64,/g) ?? []).length).toBe(2);
  expect(mail!.parsed.text).toContain('## À retenir');
  expect(mail!.parsed.text).not.toContain('data:image');
  const audit = db
    .prepare("SELECT action, recipient, actor FROM alert_audit WHERE action LIKE 'brief-%' ORDER BY id")
    .all();
  expect(audit).toEqual([
    { action: 'brief-email-failed', recipient: 'dircab@interieur.test', actor: 'Élodie Martin' },
    { action: 'brief-emailed', recipient: 'cellule@interieur.test', actor: 'Élodie Martin' },
  ]);
}, 60_000);

test('refuses a non-SMTP channel', async () => {
  insertChannel(db, { name: 'Bureau', kind: 'desktop' });
  await expect(
    emailBrief(db, { from: '2022-02-24T00:00:00Z', to: '2022-02-25T00:00:00Z', channel: 'Bureau' }),
  ).rejects.toMatchObject({ code: 'alert.config' });
});
