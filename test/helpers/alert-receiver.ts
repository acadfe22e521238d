/**
 * A loopback HTTP receiver for alert tests and the bench: a webhook endpoint (verifies the HMAC
 * signature, records the Idempotency-Key) and a fake Matrix homeserver send route (checks the
 * bearer token; a repeated txnId returns the same event id, as the spec requires). Responses can
 * be scripted (500, 429 + Retry-After, slow replies) to inject failures.
 */
import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** A scripted reply for the next request. */
export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

/** One request as received. */
export interface ReceivedRequest {
  kind: 'webhook' | 'matrix';
  key: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  signatureOk: boolean | null;
  status: number;
  at: number;
}

/** A running receiver. */
export interface AlertReceiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Replies to use, in order, before falling back to success. */
  script: ScriptedReply[];
  /** Changes the delay of later successful replies, ms. */
  setDelay(ms: number): void;
  /** Requests answered 2xx, by idempotency key. */
  acceptedKeys(): Map<string, number>;
  waitForAccepted(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Options of the receiver. */
export interface ReceiverOptions {
  /** HMAC key the webhook signature must verify against (null: no signature expected). */
  hmacSecret?: string | null;
  /** Bearer token the Matrix route accepts. Default 'syt_test_token'. */
  matrixToken?: string;
  /** Delay every successful reply, ms. */
  delayMs?: number;
  port?: number;
}

function verify(secret: string, ts: string | undefined, sig: string | undefined, body: string): boolean {
  if (!ts || !sig) return false;
  const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex'));
  const got = Buffer.from(sig);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

/** Starts the receiver on 127.0.0.1. */
export async function startAlertReceiver(opts: ReceiverOptions = {}): Promise<AlertReceiver> {
  const requests: ReceivedRequest[] = [];
  const script: ScriptedReply[] = [];
  const events = new Map<string, string>();
  const token = opts.matrixToken ?? 'syt_test_token';
  let okDelay = opts.delayMs ?? 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      const url = req.url ?? '/';
      const m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/m\.room\.message\/([^/?]+)$/.exec(url);
      const kind: 'webhook' | 'matrix' = m ? 'matrix' : 'webhook';
      const key = m ? decodeURIComponent(m[2]) : String(req.headers['idempotency-key'] ?? '');
      const signatureOk =
        kind === 'webhook' && opts.hmacSecret
          ? verify(
              opts.hmacSecret,
              req.headers['x-vigie-timestamp'] as string | undefined,
              req.headers['x-vigie-signature'] as string | undefined,
              raw,
            )
          : null;
      const scripted = script.shift();
      let status = scripted?.status ?? 200;
      let replyBody: unknown = scripted?.body ?? {};
      if (!scripted) {
        if (kind === 'matrix' && req.headers.authorization !== `Bearer ${token}`) {
          status = 401;
          replyBody = { errcode: 'M_UNKNOWN_TOKEN' };
        } else if (kind === 'matrix' && req.method !== 'PUT') status = 405;
        else if (signatureOk === false) status = 401;
        else if (kind === 'matrix') {
          if (!events.has(key)) events.set(key, `$ev${events.size + 1}:test`);
          replyBody = { event_id: events.get(key) };
        }
      }
      // Recorded on arrival: a receiver processes a request even if its reply comes too late.
      requests.push({ kind, key, path: url, headers: req.headers, body, signatureOk, status, at: Date.now() });
      const delay = scripted?.delayMs ?? (status < 300 ? okDelay : 0);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...(scripted?.headers ?? {}) });
      res.end(JSON.stringify(replyBody));
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const accepted = () => {
    const map = new Map<string, number>();
    for (const r of requests) if (r.status < 300) map.set(r.key, (map.get(r.key) ?? 0) + 1);
    return map;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    script,
    setDelay: (ms) => {
      okDelay = ms;
    },
    acceptedKeys: accepted,
    async waitForAccepted(n, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (accepted().size < n) {
        if (Date.now() > until) throw new Error(`receiver: ${accepted().size}/${n} accepted after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}
