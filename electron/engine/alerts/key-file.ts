/**
 * The secrets key of the CLI and web mode, where Electron's safeStorage is not available: 32
 * random bytes in a file of its own (mode 0600, in the per-user data folder, mode 0700), never in
 * the database, so a copied database (backup, shared folder) holds no readable secret.
 * `VIGIE_SECRET_KEY_FILE` puts it elsewhere (a mounted secret, a hardware-backed path).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { defaultDataDir } from '../paths';
import { createDataKeyCodec, KEY_FILE_SCHEME } from '../api/data-key-codec';
import { activeSecretCodec, setSecretCodec } from './secrets';

/** Where the key file is: VIGIE_SECRET_KEY_FILE, else `secret.key` in the data folder. */
export function keyFilePath(): string {
  return process.env.VIGIE_SECRET_KEY_FILE || path.join(defaultDataDir(), 'secret.key');
}

/** Reads the key file, creating it (0600, exclusive) on first use; refuses one other users can read. */
export function loadKeyFile(file: string = keyFilePath()): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it meanwhile: read that one.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const st = fs.statSync(file);
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
    throw new AppError(
      'alert.config',
      `secret key file ${file} is readable by other users (mode ${(st.mode & 0o777).toString(8)}): chmod 600 it`,
      { file },
    );
  const key = fs.readFileSync(file);
  if (key.length !== 32)
    throw new AppError('alert.config', `secret key file ${file} is damaged (not 32 bytes)`, { file });
  return key;
}

/**
 * Makes the key file's codec the active one in this process, unless a protecting codec is
 * already installed (Electron's safeStorage). Returns whether secrets are now encrypted.
 */
export function useKeyFileCodec(file: string = keyFilePath()): boolean {
  if (activeSecretCodec().protects) return true;
  setSecretCodec(createDataKeyCodec(loadKeyFile(file), KEY_FILE_SCHEME));
  return true;
}
