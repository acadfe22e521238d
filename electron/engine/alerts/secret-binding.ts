/**
 * A channel secret is bound to the destination it was entered for (SMTP server, port, login and
 * TLS mode; webhook URL; Matrix homeserver). Whoever can edit a channel must not be able to send
 * the stored password or token elsewhere: changing the destination requires re-entering the
 * secret, and a secret whose binding no longer matches the channel is never sent.
 */
import { AppError } from '../../../shared/errors';
import type { ChannelKind } from '../../../shared/types/alerts';

/** Sealed-secret envelope version: `{"v":1,"secret":…,"to":…}` inside the codec's ciphertext. */
const ENVELOPE_VERSION = 1;

/** Origin (scheme, host, port) of a URL, lower-cased; the raw string when it is no URL. */
function originOf(value: unknown): string {
  const s = typeof value === 'string' ? value.trim() : '';
  try {
    return new URL(s).origin.toLowerCase();
  } catch {
    return s.toLowerCase();
  }
}

/** The destination a secret of this channel goes to, as a stable string. */
export function destinationOf(kind: ChannelKind, config: Record<string, unknown>): string {
  switch (kind) {
    case 'smtp': {
      const host = String(config.host ?? '')
        .trim()
        .toLowerCase();
      // Port, login and TLS mode are part of where the password goes (a downgrade sends it in clear).
      const port = Number(config.port ?? (config.secure ? 465 : 587));
      const tls = config.secure
        ? 'tls'
        : config.ignoreTLS
          ? 'none'
          : config.requireTLS === false
            ? 'opportunistic'
            : 'starttls';
      return `smtp:${host}:${port}:${String(config.user ?? '')}:${tls}:${config.allowSelfSigned ? 'any-cert' : 'valid-cert'}`;
    }
    case 'webhook': {
      // The whole URL: a path or query on the same host can be another tenant's endpoint.
      const url = typeof config.url === 'string' ? config.url.trim() : '';
      return `webhook:${url}`;
    }
    case 'matrix':
      return `matrix:${originOf(config.homeserver)}`;
    default:
      return `${kind}:`;
  }
}

/** The plaintext sealed for a secret: the secret with its destination. */
export function bindSecret(secret: string, destination: string): string {
  return JSON.stringify({ v: ENVELOPE_VERSION, secret, to: destination });
}

/** A stored secret's plaintext read back: the secret and its destination (null for a secret stored before bindings). */
export function unbindSecret(plain: string): { secret: string; to: string | null } {
  if (plain.startsWith(`{"v":${ENVELOPE_VERSION},`)) {
    try {
      const e = JSON.parse(plain) as { v: number; secret: unknown; to: unknown };
      if (typeof e.secret === 'string' && typeof e.to === 'string') return { secret: e.secret, to: e.to };
    } catch {
      /* not an envelope: a secret that happens to look like one */
    }
  }
  return { secret: plain, to: null };
}

/**
 * Refuses a channel update that moves a stored secret to another destination without a new
 * secret in the same save (`alert.secret_required`, with the fields that changed).
 */
export function assertSecretFollows(
  kind: ChannelKind,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  opts: { hasSecret: boolean; secretReentered: boolean },
): void {
  if (!opts.hasSecret || opts.secretReentered) return;
  if (destinationOf(kind, before) === destinationOf(kind, after)) return;
  const fields = ['host', 'port', 'user', 'secure', 'ignoreTLS', 'requireTLS', 'allowSelfSigned', 'url', 'homeserver'];
  throw new AppError(
    'alert.secret_required',
    'La destination du canal change : ressaisissez le mot de passe, le jeton ou la clé pour cette nouvelle destination.',
    { kind, changed: fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])) },
  );
}
