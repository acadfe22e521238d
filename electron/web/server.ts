/**
 * Web mode (`vigie serve`): the same contract as Electron's IPC, over HTTP on loopback only.
 * POST /api/<channel> with a JSON body → the Result envelope; GET /api/events → Server-Sent
 * Events (`event: <name>`, `data: <json>`); everything else → the built renderer with a strict
 * CSP. Every API request needs the random token; Host must be loopback (DNS rebinding).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { EVENTS, type EventName, type EventPayloads } from '../../shared/api/contract';
import type { Result } from '../../shared/result';
import { createToken, hasValidToken, isLoopbackHost, isSameOrigin, setSecurityHeaders } from './security';
import { serveStatic } from './static';

/** What the server needs from the engine (createEngine's facade satisfies it). */
export interface WebEngine {
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Options of startWebServer. */
export interface WebServerOptions {
  engine: WebEngine;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Built renderer directory. Default `<repo>/renderer/dist`. */
  rendererDir?: string;
  /** Access token. Default: a new random one. */
  token?: string;
  /** Largest accepted request body, bytes. Default 10 MB (OPML and reliability imports). */
  maxBodyBytes?: number;
  /** SSE keep-alive comment interval, ms. Default 25 000. */
  heartbeatMs?: number;
}

/** A running server. */
export interface WebServer {
  /** Base URL (http://127.0.0.1:PORT). */
  origin: string;
  /** URL to open: base URL with `?token=` (sets the session cookie, then the token leaves the address bar). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Default location of the built renderer (from src/ or dist/). */
export function defaultRendererDir(): string {
  const fromHere = path.resolve(__dirname, '../../renderer/dist');
  const fromDist = path.resolve(__dirname, '../../../renderer/dist');
  return __dirname.includes(`${path.sep}dist${path.sep}`) ? fromDist : fromHere;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const denied = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, { ok: false, error: { code: 'auth.denied', message } });

/**
 * Reads the body up to a cap; rejects with 'too-large' beyond it. A declared Content-Length over
 * the cap is refused before reading; otherwise the rest is drained (not read into memory) so the
 * 413 answer reaches the client instead of a reset socket.
 */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) {
      req.resume();
      reject(new Error('too-large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        reject(new Error('too-large'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** Starts the server on 127.0.0.1 (never another interface). */
export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? createToken();
  const root = path.resolve(opts.rendererDir ?? defaultRendererDir());
  const maxBody = opts.maxBodyBytes ?? 10 * 1024 * 1024;
  const heartbeatMs = opts.heartbeatMs ?? 25_000;
  const streams = new Set<ServerResponse>();

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const isEvents = url.pathname === '/api/events';
    if (!hasValidToken(req, url, token, isEvents)) {
      denied(res, 401, 'missing or wrong token');
      return;
    }
    if (isEvents) {
      if (req.method !== 'GET') {
        res.writeHead(405, { Allow: 'GET' }).end();
        return;
      }
      openEventStream(req, res);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    // Cross-site forms cannot send JSON without a preflight we never answer; Origin is checked too.
    if (!isSameOrigin(req)) {
      denied(res, 403, 'cross-origin request refused');
      return;
    }
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      sendJson(res, 415, {
        ok: false,
        error: { code: 'input.invalid', message: 'Content-Type must be application/json' },
      });
      return;
    }
    let input: unknown;
    try {
      const text = await readBody(req, maxBody);
      input = text.trim() ? JSON.parse(text) : {};
    } catch (err) {
      const tooLarge = err instanceof Error && err.message === 'too-large';
      // After a 413 the connection closes: the rest of an oversized body is not worth reading.
      if (tooLarge) res.setHeader('Connection', 'close');
      sendJson(res, tooLarge ? 413 : 400, {
        ok: false,
        error: { code: 'input.invalid', message: tooLarge ? 'request body too large' : 'invalid JSON body' },
      });
      return;
    }
    let channel: string;
    try {
      channel = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      // A malformed escape (`/api/items:%E0%A4%A`) is the client's error, not the server's.
      sendJson(res, 404, { ok: false, error: { code: 'input.invalid', message: 'malformed channel name' } });
      return;
    }
    const result = await opts.engine.call(channel, input);
    // Envelopes travel with 200 (failure is data); an unknown channel is also a 404 for HTTP tools.
    const unknown =
      !result.ok && result.error.code === 'input.invalid' && result.error.message.startsWith('unknown channel');
    sendJson(res, unknown ? 404 : 200, result);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n: connected\n\n');
    streams.add(res);
    const offs = EVENTS.map((name) =>
      opts.engine.on(name, (payload) => {
        res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const beat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    const cleanup = () => {
      clearInterval(beat);
      for (const off of offs) off();
      streams.delete(res);
    };
    req.on('close', cleanup);
    res.on('error', cleanup);
  }

  const server = http.createServer((req, res) => {
    setSecurityHeaders(res);
    if (!isLoopbackHost(req.headers.host)) {
      denied(res, 403, 'Host must be a loopback address');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, url).catch((err) => {
        if (!res.headersSent)
          sendJson(res, 500, {
            ok: false,
            error: { code: 'internal', message: err instanceof Error ? err.message : String(err) },
          });
        else res.end();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      // Opening the printed URL: the token moves to the fragment (never sent over the network,
      // read by the renderer into sessionStorage). Always to '/': echoing the request path made
      // `/.//evil.com?token=…` a redirect to //evil.com carrying the token.
      if (queryToken !== token) {
        denied(res, 401, 'wrong token');
        return;
      }
      res.writeHead(302, { Location: `/#token=${encodeURIComponent(token)}`, 'Cache-Control': 'no-store' }).end();
      return;
    }
    serveStatic(root, url.pathname, res, req.method === 'HEAD');
  });
  // Long-lived SSE connections must not keep close() waiting forever.
  server.keepAliveTimeout = 5000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        origin,
        port,
        token,
        url: `${origin}/?token=${encodeURIComponent(token)}`,
        close: () =>
          new Promise<void>((done) => {
            for (const s of streams) s.end();
            streams.clear();
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}
