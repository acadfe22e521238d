/**
 * Secret codec for the engine worker under Electron: AES-256-GCM with a data key that Electron
 * main keeps encrypted by the OS keychain (safeStorage) and hands to the worker at start-up. The
 * worker cannot call safeStorage itself (main-process only), hence this envelope scheme.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { SecretCodec } from '../alerts/secrets';

/** Scheme name stored beside each secret sealed with this codec. */
export const DATA_KEY_SCHEME = 'safeStorage-aes256gcm';

/** Scheme of secrets sealed with the key file of the CLI and web mode (see alerts/key-file.ts). */
export const KEY_FILE_SCHEME = 'keyfile-aes256gcm';

/** Builds the codec from a 32-byte key. Stored form: base64(iv[12] | tag[16] | ciphertext). */
export function createDataKeyCodec(key: Buffer, scheme: string = DATA_KEY_SCHEME): SecretCodec {
  if (key.length !== 32) throw new AppError('alert.config', 'data key must be 32 bytes', { length: key.length });
  return {
    scheme,
    protects: true,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
    },
    decrypt(stored) {
      const raw = Buffer.from(stored, 'base64');
      if (raw.length < 28) throw new AppError('alert.config', 'sealed secret is truncated', {});
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch (err) {
        throw new AppError('alert.config', 'sealed secret cannot be opened with this key', {}, { cause: err });
      }
    },
  };
}
