/** A real loopback HTTP server (127.0.0.1, port 0) for fetch tests: routes are plain handlers. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route handler; it owns the response. */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

/** A running test server. */
export interface TestServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:43567. */
  url: string;
  /** Absolute URL of a path. */
  at(path: string): string;
  /** Adds or replaces the handler of an exact path (query string ignored). */
  route(path: string, handler: Handler): void;
  /** Requests received, in order (method, path with query, headers). */
  requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders }>;
  /** Number of requests received on a path. */
  hits(path: string): number;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with a free port. Unknown paths get 404. */
export async function startTestServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: TestServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const handler = table.get(path.split('?')[0]);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    at: (p) => url + p,
    route: (p, h) => {
      table.set(p, h);
    },
    requests,
    hits: (p) => requests.filter((r) => r.path.split('?')[0] === p).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A handler that answers with a fixed status, headers and body. */
export function respond(status: number, body: string | Buffer = '', headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, headers).end(body);
  };
}

/** A minimal valid RSS 2.0 document with `n` items dated one hour apart before `newest`. */
export function rssDocument(title: string, n: number, newest = new Date(), extra = ''): string {
  const items = Array.from({ length: n }, (_, i) => {
    const d = new Date(newest.getTime() - i * 3_600_000).toUTCString();
    return (
      `<item><title>${title} article ${i + 1}</title><link>https://example.org/${encodeURIComponent(title)}/${i + 1}</link>` +
      `<guid>https://example.org/${encodeURIComponent(title)}/${i + 1}</guid><pubDate>${d}</pubDate><description>Résumé ${i + 1}</description></item>`
    );
  }).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link>` +
    `<description>Test feed</description>${extra}${items}</channel></rss>`
  );
}
