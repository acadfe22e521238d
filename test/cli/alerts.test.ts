/** `vigie alerts …` end to end: channel with a secret from the environment, rule dry run, push --send to a loopback SMTP server, outbox, audit CSV. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../electron/engine/db/open';
import { seedItem, seedSource } from '../helpers/alerts-db';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let dbFile: string;
let sink: SmtpSink;
let itemId: number;

async function vigie(args: string[], env: Record<string, string> = {}): Promise<{ lines: unknown[]; stderr: string }> {
  const { stdout, stderr } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'electron/cli/vigie.ts'), '--db', dbFile, ...args],
    { cwd: ROOT, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...env } },
  );
  return {
    lines: stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
    stderr,
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-alerts-'));
  dbFile = path.join(dir, 'v.db');
  sink = await startSmtpSink({ auth: { user: 'veille', pass: 'mot-de-passe-secret' } });
  const db = openDatabase(dbFile);
  const src = seedSource(db, 'Le Figaro');
  const now = Date.now();
  const t = (min: number) => new Date(now - min * 60_000).toISOString();
  itemId = seedItem(db, {
    sourceId: src,
    title: 'Nucléaire : EDF annonce un arrêt de réacteurs',
    published: t(30),
    virality: 75,
    storyId: 1,
  });
  seedItem(db, {
    sourceId: src,
    title: 'Centrales nucléaires : la polémique enfle',
    published: t(20),
    virality: 85,
    storyId: 1,
  });
  seedItem(db, { sourceId: src, title: 'Nucléaire : débat à l’Assemblée', published: t(10), virality: 40, storyId: 2 });
  seedItem(db, { sourceId: src, title: 'Football : le PSG gagne', published: t(5), virality: 95, storyId: 3 });
  db.close();
});
afterAll(async () => {
  await sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('configures, dry-runs, pushes, sends and audits from the command line', async () => {
  const ch = await vigie(
    [
      'alerts',
      'channels',
      'add',
      '--name',
      'Cabinet',
      '--kind',
      'smtp',
      '--host',
      '127.0.0.1',
      '--port',
      String(sink.port),
      '--user',
      'veille',
      '--from',
      'Vigie <veille@vigie.test>',
      '--allow-self-signed',
      '--secret-env',
      'VIGIE_SMTP_PW',
    ],
    { VIGIE_SMTP_PW: 'mot-de-passe-secret' },
  );
  expect(ch.lines[0]).toMatchObject({ name: 'Cabinet', kind: 'smtp', hasSecret: true });
  expect(JSON.stringify(ch)).not.toContain('mot-de-passe-secret');

  const rule = await vigie([
    'alerts',
    'rules',
    'add',
    '--name',
    'Nucléaire',
    '--query',
    'nucleaire*',
    '--min-virality',
    '60',
    '--escalate',
    'urgent:virality=80',
    '--to',
    'dircab@interieur.test',
    '--channel',
    'Cabinet',
  ]);
  expect(rule.lines[0]).toMatchObject({
    rule: { id: 1, name: 'Nucléaire' },
    test: { itemsScanned: 4, wouldFire: 2, updates: 1 },
  });
  expect(rule.stderr).toContain('aurait déclenché 2 alerte(s)');

  const push = await vigie([
    'alerts',
    'push',
    String(itemId),
    '--severity',
    'urgent',
    '--to',
    'ministre@interieur.test',
    '--comment',
    'À lire avant le point presse',
    '--by',
    'Élodie',
    '--send',
  ]);
  expect(push.lines[0]).toMatchObject({
    alertId: 1,
    deliveries: [{ status: 'sent', recipient: 'ministre@interieur.test', channelKind: 'smtp' }],
  });
  const [mail] = await sink.waitForMails(1);
  expect(mail.parsed.subject).toBe('[URGENT] Nucléaire : EDF annonce un arrêt de réacteurs');
  expect(mail.parsed.text).toContain('À lire avant le point presse');
  expect(mail.secure).toBe(true);

  const outbox = await vigie(['alerts', 'outbox']);
  expect(outbox.lines).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
  const send = await vigie(['alerts', 'send']);
  expect(send.lines[0]).toEqual({ sent: 0, failed: 0, dead: 0, pending: 0 });

  const csvFile = path.join(dir, 'audit.csv');
  await vigie(['alerts', 'audit', '--csv', csvFile]);
  const csv = fs.readFileSync(csvFile, 'utf8');
  // French Excel's separator by default, every field quoted.
  expect(csv).toContain('"Élodie";"pushed"');
  expect(csv).toMatch(
    /"vigie";"delivered";"1";"1";"1";"\[URGENT\] Nucléaire[^"]*";"smtp:Cabinet";"ministre@interieur.test";"urgent";"sent";"250/,
  );
  expect(csv).not.toContain('mot-de-passe-secret');

  await expect(vigie(['alerts', 'retry', '1'])).rejects.toThrow(/déjà remis/);
}, 180_000); // a dozen CLI processes: minutes on a loaded 2-core machine
