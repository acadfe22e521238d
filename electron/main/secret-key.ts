/**
 * The data key protecting channel secrets: 32 random bytes, stored in userData only as
 * `safeStorage.encryptString` output (OS keychain / DPAPI / libsecret). Returns null when the OS
 * offers no encryption: secrets then stay 'plain' and the UI warns.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';

/** Loads (or creates on first use) the data key; base64, or null without OS encryption. */
export function loadDataKey(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  file: string,
  log: (m: string) => void = () => undefined,
): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (fs.existsSync(file)) {
    try {
      const key = safeStorage.decryptString(fs.readFileSync(file));
      if (Buffer.from(key, 'base64').length === 32) return key;
      log('secret key file is damaged; channel secrets must be entered again');
    } catch {
      // A different OS user or a reset keychain: the old secrets are unreadable either way.
      log('secret key cannot be decrypted by this OS account; channel secrets must be entered again');
    }
    fs.renameSync(file, `${file}.unreadable-${Date.now()}`);
  }
  const key = randomBytes(32).toString('base64');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
  return key;
}
