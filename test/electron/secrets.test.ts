/** Channel secrets under Electron: a safeStorage-protected data key in main, AES-256-GCM in the worker. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDataKey } from '../../electron/main/secret-key';
import { createDataKeyCodec, DATA_KEY_SCHEME } from '../../electron/engine/api/data-key-codec';
import { openSecret, PLAIN_CODEC, sealSecret, setSecretCodec } from '../../electron/engine/alerts/secrets';

/** A stand-in for the OS keychain: reversible, but the file never holds the key in clear. */
function fakeSafeStorage(available = true) {
  const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => mask(Buffer.from(s, 'utf8')),
    decryptString: (b: Buffer) => mask(b).toString('utf8'),
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-key-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  setSecretCodec(PLAIN_CODEC);
});

describe('data key', () => {
  test('is created once, stored only encrypted, and read back identically', () => {
    const file = path.join(dir, 'secret-key.bin');
    const key = loadDataKey(fakeSafeStorage(), file)!;
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(fs.readFileSync(file).toString('utf8')).not.toContain(key);
    expect(loadDataKey(fakeSafeStorage(), file)).toBe(key);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  test('without OS encryption there is no key (secrets stay plain and flagged)', () => {
    expect(loadDataKey(fakeSafeStorage(false), path.join(dir, 'k.bin'))).toBeNull();
    expect(fs.existsSync(path.join(dir, 'k.bin'))).toBe(false);
  });

  test('an unreadable key file is set aside and replaced', () => {
    const file = path.join(dir, 'secret-key.bin');
    fs.writeFileSync(file, 'garbage');
    const logs: string[] = [];
    const key = loadDataKey(fakeSafeStorage(), file, (m) => logs.push(m));
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(logs.join()).toMatch(/entered again/);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('secret-key.bin.unreadable-'))).toBe(true);
  });
});

describe('AES-256-GCM codec in the engine', () => {
  test('seals channel secrets with the data key; a wrong key or tampering is refused', () => {
    const key = Buffer.alloc(32, 7);
    setSecretCodec(createDataKeyCodec(key));
    const sealed = sealSecret('mot de passe SMTP');
    expect(sealed.scheme).toBe(DATA_KEY_SCHEME);
    expect(Buffer.from(sealed.secret, 'base64').toString('latin1')).not.toContain('mot de passe');
    expect(openSecret(sealed.secret, sealed.scheme)).toBe('mot de passe SMTP');
    expect(sealSecret('mot de passe SMTP').secret).not.toBe(sealed.secret); // fresh IV each time
    const raw = Buffer.from(sealed.secret, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => createDataKeyCodec(key).decrypt(raw.toString('base64'))).toThrow(/cannot be opened/);
    expect(() => createDataKeyCodec(Buffer.alloc(32, 8)).decrypt(sealed.secret)).toThrow(/cannot be opened/);
    expect(() => createDataKeyCodec(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
