import zlib from 'node:zlib';
import { fetchFeed, parseMaxAge, parseRetryAfter } from '../../../electron/engine/ingest/fetcher';
import { AppError } from '../../../shared/errors';
import { respond, rssDocument, startTestServer, type TestServer } from '../../helpers/http-test-server';

const FEED = rssDocument('Test', 3, new Date('2024-05-01T10:00:00Z'));

async function fetchError(url: string, opts = {}): Promise<AppError> {
  try {
    await fetchFeed(url, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error(`expected ${url} to fail`);
}

describe('fetchFeed', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv.close());

  it('returns the body, validators and cache hints on 200', async () => {
    srv.route(
      '/ok',
      respond(200, FEED, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"v1"',
        'last-modified': 'Wed, 01 May 2024 10:00:00 GMT',
        'cache-control': 'public, max-age=600',
        expires: 'Wed, 01 May 2024 11:00:00 GMT',
      }),
    );
    const r = await fetchFeed(srv.at('/ok'));
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.body.toString('utf8')).toBe(FEED);
    expect(r.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(r.etag).toBe('"v1"');
    expect(r.lastModified).toBe('Wed, 01 May 2024 10:00:00 GMT');
    expect(r.maxAgeSec).toBe(600);
    expect(r.expires).toBe('2024-05-01T11:00:00.000Z');
    expect(r.finalUrl).toBe(srv.at('/ok'));
    const req = srv.requests.at(-1)!;
    expect(req.headers['user-agent']).toMatch(/^Vigie\//);
  });

  it('sends If-None-Match and gets 304 for a matching ETag', async () => {
    srv.route('/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"abc"') res.writeHead(304, { etag: '"abc"' }).end();
      else res.writeHead(200, { etag: '"abc"', 'content-type': 'application/rss+xml' }).end(FEED);
    });
    const first = await fetchFeed(srv.at('/etag'));
    expect(first.status).toBe('ok');
    const second = await fetchFeed(srv.at('/etag'), { etag: first.status === 'ok' ? first.etag : null });
    expect(second.status).toBe('not-modified');
    expect('body' in second).toBe(false);
  });

  it('sends If-Modified-Since and gets 304 for an unchanged Last-Modified', async () => {
    const lm = 'Wed, 01 May 2024 10:00:00 GMT';
    srv.route('/lm', (req, res) => {
      if (req.headers['if-modified-since'] === lm) res.writeHead(304).end();
      else res.writeHead(200, { 'last-modified': lm }).end(FEED);
    });
    const first = await fetchFeed(srv.at('/lm'));
    expect(first.status === 'ok' && first.lastModified).toBe(lm);
    expect((await fetchFeed(srv.at('/lm'), { lastModified: lm })).status).toBe('not-modified');
  });

  it.each([404, 410, 500])('maps HTTP %i to the http.NNN code', async (status) => {
    srv.route(`/s${status}`, respond(status, 'nope'));
    const err = await fetchError(srv.at(`/s${status}`));
    expect(err.code).toBe(`http.${status}`);
    expect(err.context.status).toBe(status);
    expect(err.message).toContain(String(status));
  });

  it('reads Retry-After in seconds on 429', async () => {
    srv.route('/429', respond(429, '', { 'retry-after': '120' }));
    const err = await fetchError(srv.at('/429'));
    expect(err.code).toBe('http.429');
    expect(err.context.retryAfterSec).toBe(120);
  });

  it('reads Retry-After as an HTTP date on 503', async () => {
    const when = new Date(Date.now() + 3_600_000).toUTCString();
    srv.route('/503', respond(503, '', { 'retry-after': when }));
    const err = await fetchError(srv.at('/503'));
    expect(err.code).toBe('http.503');
    expect(err.context.retryAfterSec).toBeGreaterThan(3500);
    expect(err.context.retryAfterSec).toBeLessThanOrEqual(3600);
  });

  it.each([301, 302, 307, 308])('follows a %i redirect chain and reports the final URL', async (code) => {
    srv.route(`/r${code}a`, respond(code, '', { location: `/r${code}b` }));
    srv.route(`/r${code}b`, respond(code, '', { location: srv.at(`/r${code}c`) }));
    srv.route(`/r${code}c`, respond(200, FEED));
    const r = await fetchFeed(srv.at(`/r${code}a`));
    expect(r.status).toBe('ok');
    expect(r.finalUrl).toBe(srv.at(`/r${code}c`));
    expect(r.permanentRedirect).toBe(code === 301 || code === 308);
  });

  it('detects a redirect loop', async () => {
    srv.route('/loop1', respond(302, '', { location: '/loop2' }));
    srv.route('/loop2', respond(302, '', { location: '/loop1' }));
    const err = await fetchError(srv.at('/loop1'));
    expect(err.code).toBe('fetch.too_many_redirects');
    expect(err.message).toMatch(/loop/);
  });

  it('caps the number of redirects', async () => {
    for (let i = 0; i < 10; i++) srv.route(`/hop${i}`, respond(301, '', { location: `/hop${i + 1}` }));
    srv.route('/hop10', respond(200, FEED));
    const err = await fetchError(srv.at('/hop0'), { maxRedirects: 3 });
    expect(err.code).toBe('fetch.too_many_redirects');
    expect(srv.hits('/hop4')).toBe(0);
    expect((await fetchFeed(srv.at('/hop0'), { maxRedirects: 10 })).status).toBe('ok');
  });

  it('times out on a slow answer (headers or body)', async () => {
    srv.route('/slow-headers', (_req, res) => {
      setTimeout(() => res.writeHead(200).end(FEED), 2000).unref();
    });
    srv.route('/slow-body', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss>');
      setTimeout(() => res.end('</rss>'), 2000).unref();
    });
    const t0 = Date.now();
    expect((await fetchError(srv.at('/slow-headers'), { timeoutMs: 200 })).code).toBe('fetch.timeout');
    expect((await fetchError(srv.at('/slow-body'), { timeoutMs: 200 })).code).toBe('fetch.timeout');
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('stops reading a streamed body over the cap', async () => {
    let written = 0;
    srv.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }); // chunked: no Content-Length
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        written = Infinity;
      });
      pump();
    });
    const err = await fetchError(srv.at('/huge'), { maxBytes: 1024 * 1024 });
    expect(err.code).toBe('fetch.too_large');
    expect(err.message).toMatch(/larger than 1 MB/);
    // The server was cut off long before sending its 50 MB.
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toBe(Infinity);
  });

  it('refuses a declared Content-Length over the cap', async () => {
    srv.route('/big-declared', respond(200, Buffer.alloc(2048, 'x'), { 'content-length': '2048' }));
    expect((await fetchError(srv.at('/big-declared'), { maxBytes: 1000 })).code).toBe('fetch.too_large');
  });

  it('applies the cap to decoded bytes (gzip bomb)', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(5 * 1024 * 1024, ' '));
    expect(bomb.length).toBeLessThan(100_000);
    srv.route('/bomb', respond(200, bomb, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' }));
    expect((await fetchError(srv.at('/bomb'), { maxBytes: 1024 * 1024 })).code).toBe('fetch.too_large');
  });

  it.each([
    ['gzip', (b: Buffer) => zlib.gzipSync(b)],
    ['br', (b: Buffer) => zlib.brotliCompressSync(b)],
    ['deflate', (b: Buffer) => zlib.deflateSync(b)],
  ] as const)('decodes a %s body', async (enc, compress) => {
    srv.route(`/enc-${enc}`, (req, res) => {
      expect(String(req.headers['accept-encoding'])).toContain(enc);
      res
        .writeHead(200, { 'content-encoding': enc, 'content-type': 'application/rss+xml' })
        .end(compress(Buffer.from(FEED)));
    });
    const r = await fetchFeed(srv.at(`/enc-${enc}`));
    expect(r.status === 'ok' && r.body.toString('utf8')).toBe(FEED);
  });

  it('passes non-UTF-8 bytes through untouched for the decoder', async () => {
    const latin1 = Buffer.from('<rss><channel><title>Fran\xe7ais \xe9t\xe9</title></channel></rss>', 'latin1');
    srv.route('/latin1', respond(200, latin1, { 'content-type': 'text/xml; charset=ISO-8859-1' }));
    const r = await fetchFeed(srv.at('/latin1'));
    expect(r.status === 'ok' && r.body.equals(latin1)).toBe(true);
  });

  it('reports connection refused as fetch.network', async () => {
    const dead = await startTestServer();
    const url = dead.at('/x');
    await dead.close();
    const err = await fetchError(url);
    expect(err.code).toBe('fetch.network');
  });

  it('rejects invalid and non-http URLs', async () => {
    expect((await fetchError('not a url')).code).toBe('fetch.invalid_url');
    expect((await fetchError('file:///etc/passwd')).code).toBe('fetch.invalid_url');
    srv.route('/to-file', respond(302, '', { location: 'file:///etc/passwd' }));
    expect((await fetchError(srv.at('/to-file'))).code).toBe('fetch.invalid_url');
  });

  it('reports a caller abort as fetch.aborted, not a timeout', async () => {
    srv.route('/hang', () => {
      /* never answers */
    });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    expect((await fetchError(srv.at('/hang'), { signal: ctl.signal, timeoutMs: 5000 })).code).toBe('fetch.aborted');
  });
});

describe('header parsing', () => {
  it('parses Retry-After forms', () => {
    const now = new Date('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 May 2024 10:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
  it('parses Cache-Control max-age', () => {
    expect(parseMaxAge('public, max-age=300')).toBe(300);
    expect(parseMaxAge('s-maxage=10, max-age="60"')).toBe(60);
    expect(parseMaxAge('no-cache')).toBe(0);
    expect(parseMaxAge('public')).toBeNull();
  });
});
