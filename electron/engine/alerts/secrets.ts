/**
 * Channel secrets (SMTP password, webhook HMAC key, Matrix token) at rest. The engine never
 * imports electron: Electron main injects a codec backed by `safeStorage` (OS keychain /
 * DPAPI / libsecret); without one, secrets are stored as plain base64 and flagged 'plain' so
 * the UI can warn. Secrets never appear in logs, audit rows, exports or API results.
 */

import { AppError } from '../../../shared/errors';

/** Encrypts/decrypts secret strings; `scheme` is stored next to the ciphertext. */
export interface SecretCodec {
  /** Stable name stored with each secret ('plain', 'safeStorage', …). */
  scheme: string;
  /** False when the codec does not really protect the secret (the UI shows a warning). */
  protects: boolean;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

/** Default codec: base64 only (NOT encryption), flagged `protects: false`. */
export const PLAIN_CODEC: SecretCodec = {
  scheme: 'plain',
  protects: false,
  encrypt: (plain) => Buffer.from(plain, 'utf8').toString('base64'),
  decrypt: (stored) => Buffer.from(stored, 'base64').toString('utf8'),
};

const codecs = new Map<string, SecretCodec>([['plain', PLAIN_CODEC]]);
let active: SecretCodec = PLAIN_CODEC;

/**
 * Installs the codec used for new secrets (and registers it for reading). Electron main calls:
 * `setSecretCodec({ scheme: 'safeStorage', protects: true, encrypt: (s) => safeStorage.encryptString(s).toString('base64'), decrypt: (b) => safeStorage.decryptString(Buffer.from(b, 'base64')) })`
 * when `safeStorage.isEncryptionAvailable()`; the engine worker receives it through its host.
 */
export function setSecretCodec(codec: SecretCodec): void {
  codecs.set(codec.scheme, codec);
  active = codec;
}

/** The codec used for new secrets. */
export function activeSecretCodec(): SecretCodec {
  return active;
}

/** Encodes a secret with the active codec. */
export function sealSecret(plain: string): { secret: string; scheme: string } {
  return { secret: active.encrypt(plain), scheme: active.scheme };
}

/** Decodes a stored secret; throws `alert.config` when its codec is not available in this process. */
export function openSecret(stored: string | null, scheme: string | null): string | null {
  if (stored == null) return null;
  const codec = codecs.get(scheme ?? 'plain');
  if (!codec)
    throw new AppError('alert.config', `Secret illisible : schéma ${scheme} indisponible dans ce processus`, {
      scheme,
    });
  return codec.decrypt(stored);
}

/** Replaces every occurrence of the given secrets in a message (error texts can echo them back). */
export function redactSecrets(text: string, secrets: Array<string | null | undefined>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}
