/** What every channel adapter receives and how it reports failures (retryable or not). */
import { AppError, type ErrorCode } from '../../../../shared/errors';
import type { AlertChannel, AlertMessage } from '../../../../shared/types/alerts';
import { parseRetryAfter } from '../../ingest/fetcher';

/** One delivery attempt. */
export interface SendRequest {
  channel: AlertChannel;
  /** Decrypted secret (password, token, HMAC key) or null; never log it. */
  secret: string | null;
  recipient: string;
  /** Idempotency key, identical on every retry of this delivery. */
  idemKey: string;
  message: AlertMessage;
  /** Per-attempt timeout, ms. */
  timeoutMs: number;
}

/** A successful send: the receiver's reference (SMTP reply, HTTP status, Matrix event id). */
export interface SendResult {
  providerRef: string | null;
}

/** A channel adapter. */
export type ChannelSend = (req: SendRequest) => Promise<SendResult>;

/** Builds the AppError a channel throws: `retryable` decides retry vs dead-letter; retryAfterMs honours 429s. */
export function deliveryError(
  code: ErrorCode,
  message: string,
  retryable: boolean,
  context: Record<string, unknown> = {},
  retryAfterMs?: number,
  cause?: unknown,
): AppError {
  return new AppError(
    code,
    message,
    { ...context, retryable, ...(retryAfterMs != null ? { retryAfterMs } : {}) },
    { cause },
  );
}

/** True unless the error says it is permanent (unknown errors are retried). */
export function isRetryable(err: unknown): boolean {
  return !(err instanceof AppError && err.context.retryable === false);
}

/** Server-requested delay, ms, when the error carries one. */
export function retryAfterOf(err: unknown): number | null {
  return err instanceof AppError && typeof err.context.retryAfterMs === 'number' ? err.context.retryAfterMs : null;
}

/** An HTTP Retry-After header in ms (the fetcher's parser, in whole seconds); null when absent or invalid. */
export function retryAfterMs(value: string | null, nowMs = Date.now()): number | null {
  const sec = parseRetryAfter(value, new Date(nowMs));
  return sec === null ? null : sec * 1000;
}

/** The body of an HTML document (channels that take an HTML fragment). */
export function htmlFragment(html: string): string {
  const m = /<body>([\s\S]*)<\/body>/.exec(html);
  return m ? m[1] : html;
}

/** Classifies an HTTP status: 2xx ok; 408, 425, 429 and 5xx retryable; other 4xx permanent. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
