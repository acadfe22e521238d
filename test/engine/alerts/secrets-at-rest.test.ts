/**
 * Secrets at rest in CLI and web mode (Medium 9 of the trust issue): the database and its folder
 * are the user's alone, channel secrets are encrypted with a key kept in a 0600 file outside the
 * database, and secrets stored the old way (base64) are re-sealed on the next open.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../electron/engine/db/open';
import { insertChannel, loadChannelForSend } from '../../../electron/engine/db/alerts-store';
import { PLAIN_CODEC, setSecretCodec } from '../../../electron/engine/alerts/secrets';
import { useKeyFileCodec } from '../../../electron/engine/alerts/key-file';
import { runVigieSync } from '../../helpers/cli';

const TOKEN = 'syt_tr3s_secret_token';
let dir: string;
let env: NodeJS.ProcessEnv;
const mode = (p: string) => fs.statSync(p).mode & 0o777;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-rest-'));
  fs.mkdirSync(path.join(dir, 'keys'));
  env = { VIGIE_HOME: path.join(dir, 'home'), VIGIE_SECRET_KEY_FILE: path.join(dir, 'keys', 'secret.key'), TOKEN };
});
afterEach(() => {
  setSecretCodec(PLAIN_CODEC);
  fs.rmSync(dir, { recursive: true, force: true });
});

const addMatrix = () =>
  runVigieSync(
    [
      'alerts',
      'channels',
      'add',
      '--name',
      'Tchap',
      '--kind',
      'matrix',
      '--homeserver',
      'https://matrix.example.fr',
      '--room',
      '!a:example.fr',
      '--secret-env',
      'TOKEN',
    ],
    env,
  );

test('the default database is 0600 in a 0700 folder; the secret is encrypted with a 0600 key file outside it', () => {
  const r = addMatrix();
  expect(r.stderr).not.toMatch(/sans chiffrement/);
  expect(r.code).toBe(0);
  const home = path.join(dir, 'home');
  expect(mode(home)).toBe(0o700);
  for (const f of fs.readdirSync(home).filter((f) => f.startsWith('vigie.db')))
    expect(mode(path.join(home, f))).toBe(0o600);
  expect(mode(env.VIGIE_SECRET_KEY_FILE!)).toBe(0o600);
  expect(fs.readdirSync(home)).not.toContain('secret.key'); // the key is not beside the database
  const raw = fs.readFileSync(path.join(home, 'vigie.db'));
  const db = openDatabase(path.join(home, 'vigie.db'), { readonly: true });
  const row = db.prepare('SELECT secret, secret_scheme FROM alert_channels').get() as {
    secret: string;
    secret_scheme: string;
  };
  db.close();
  expect(row.secret_scheme).toBe('keyfile-aes256gcm');
  for (const leak of [TOKEN, Buffer.from(TOKEN).toString('base64')]) {
    expect(row.secret).not.toContain(leak);
    expect(raw.includes(leak)).toBe(false);
  }
  // Read back with the key, for the sender.
  useKeyFileCodec(env.VIGIE_SECRET_KEY_FILE);
  const d2 = openDatabase(path.join(home, 'vigie.db'));
  expect(loadChannelForSend(d2, 1)!.secret).toBe(TOKEN);
  d2.close();
});

test('base64 secrets of an existing database are re-sealed with the key on the next open', () => {
  const file = path.join(dir, 'old.db');
  const db = openDatabase(file);
  insertChannel(db, {
    name: 'Mail',
    kind: 'smtp',
    config: { host: 'smtp.example.fr', from: 'v@example.fr' },
    secret: 'mot-de-passe-42',
  });
  db.close();
  fs.chmodSync(file, 0o644);
  const before = openDatabase(file, { readonly: true });
  expect(before.prepare('SELECT secret_scheme AS s FROM alert_channels').get()).toEqual({ s: 'plain' });
  before.close();
  const r = runVigieSync(['--db', file, 'alerts', 'channels', 'list'], env);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/1 channel secret\(s\) now encrypted/);
  expect(mode(file)).toBe(0o600);
  const after = openDatabase(file, { readonly: true });
  const row = after.prepare('SELECT secret, secret_scheme FROM alert_channels').get() as {
    secret: string;
    secret_scheme: string;
  };
  after.close();
  expect(row.secret_scheme).toBe('keyfile-aes256gcm');
  expect(row.secret).not.toContain(Buffer.from('mot-de-passe-42').toString('base64'));
  useKeyFileCodec(env.VIGIE_SECRET_KEY_FILE);
  const d = openDatabase(file);
  expect(loadChannelForSend(d, 1)!.secret).toBe('mot-de-passe-42');
  d.close();
});

test('a key file other users can read is refused with a clear error', () => {
  expect(addMatrix().code).toBe(0);
  fs.chmodSync(env.VIGIE_SECRET_KEY_FILE!, 0o644);
  const r = runVigieSync(['alerts', 'channels', 'list'], env);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/readable by other users.*chmod 600/);
});
