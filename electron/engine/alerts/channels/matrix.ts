/**
 * Matrix (Tchap) delivery with the client-server API:
 * `PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}`. The txnId is the
 * delivery's idempotency key: the spec makes the homeserver return the same event for a repeated
 * txnId from the same access token, so a resend after a crash never posts twice.
 */
import { deliveryError, htmlFragment, isRetryableStatus, retryAfterMs, type ChannelSend } from './types';

/** Non-secret Matrix settings (the access token is the channel secret). */
export interface MatrixConfig {
  /** Base URL, e.g. https://matrix.agent.tchap.gouv.fr */
  homeserver: string;
  /** Room id (!abc:server) or alias-resolved id. */
  roomId: string;
}

/** The URL of the send endpoint for a room and transaction id. */
export function matrixSendUrl(homeserver: string, roomId: string, txnId: string): string {
  return `${homeserver.replace(/\/+$/, '')}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
}

/** Sends one alert to the room. */
export const sendMatrix: ChannelSend = async ({ channel, secret, idemKey, message, timeoutMs }) => {
  const cfg = channel.config as unknown as MatrixConfig;
  if (!cfg.homeserver || !cfg.roomId || !secret)
    throw deliveryError('alert.config', 'Canal Matrix incomplet (serveur, salon, jeton)', false);
  const content = {
    msgtype: 'm.text',
    body: `${message.subject}\n\n${message.text}`,
    format: 'org.matrix.custom.html',
    formatted_body: htmlFragment(message.html),
  };
  let res: Response;
  try {
    res = await fetch(matrixSendUrl(cfg.homeserver, cfg.roomId, idemKey), {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(content),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const timeout = (err as Error).name === 'TimeoutError';
    throw deliveryError(
      'alert.matrix',
      timeout ? `délai dépassé (${timeoutMs} ms)` : `réseau : ${(err as Error).message}`,
      true,
      { timeout },
      undefined,
      err,
    );
  }
  const json = (await res.json().catch(() => ({}))) as {
    event_id?: string;
    errcode?: string;
    retry_after_ms?: number;
    error?: string;
  };
  if (res.ok && json.event_id) return { providerRef: json.event_id };
  if (res.ok) throw deliveryError('alert.matrix', 'réponse sans event_id', true, { status: res.status });
  const retryAfter =
    typeof json.retry_after_ms === 'number' ? json.retry_after_ms : retryAfterMs(res.headers.get('retry-after'));
  throw deliveryError(
    res.status === 429 ? 'alert.rate_limited' : 'alert.matrix',
    `HTTP ${res.status} ${json.errcode ?? ''}`.trim(),
    isRetryableStatus(res.status),
    { status: res.status, errcode: json.errcode ?? null },
    retryAfter ?? undefined,
  );
};
