/** Web mode over real HTTP on 127.0.0.1 (port 0): token, loopback Host, CSP, contract round trip, SSE. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { startWebServer, type WebServer } from '../../electron/web/server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with full control of the headers (fetch forbids setting Host). */
function request(
  server: WebServer,
  method: string,
  pathName: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: pathName,
        headers: { host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

let engine: Engine;
let server: WebServer;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-web-'));
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Vigie</title><script type="module" src="./assets/app.js"></script>',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("vigie")');
  engine = createEngine({ dbPath: ':memory:' });
  server = await startWebServer({ engine, port: 0, rendererDir, heartbeatMs: 200 });
});

afterAll(async () => {
  await server.close();
  await engine.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

describe('web mode server', () => {
  test('listens on loopback with a long random token in the printed URL', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
  });

  test('API calls without or with a wrong token get 401', async () => {
    const none = await request(server, 'POST', '/api/app:info', { 'content-type': 'application/json' }, '{}');
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'auth.denied' } });
    const wrong = await request(server, 'POST', '/api/app:info', json('x'.repeat(server.token.length)), '{}');
    expect(wrong.status).toBe(401);
    const sse = await request(server, 'GET', '/api/events?token=nope');
    expect(sse.status).toBe(401);
  });

  test('non-loopback Host headers are refused (DNS rebinding), loopback names accepted', async () => {
    const evil = await request(
      server,
      'POST',
      '/api/app:info',
      { ...json(server.token), host: `attacker.example:${server.port}` },
      '{}',
    );
    expect(evil.status).toBe(403);
    const evilPage = await request(server, 'GET', '/', { host: 'attacker.example' });
    expect(evilPage.status).toBe(403);
    const local = await request(
      server,
      'POST',
      '/api/app:info',
      { ...json(server.token), host: `localhost:${server.port}` },
      '{}',
    );
    expect(local.status).toBe(200);
  });

  test('pages carry a strict CSP and security headers; the built renderer is served with an SPA fallback', async () => {
    const page = await request(server, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Vigie</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const route = await request(server, 'GET', '/stories/12');
    expect(route.body).toContain('<title>Vigie</title>');
    const asset = await request(server, 'GET', '/assets/app.js');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await request(server, 'GET', '/assets/missing.js')).status).toBe(404);
  });

  test('paths cannot escape the renderer directory', async () => {
    fs.writeFileSync(path.join(path.dirname(rendererDir), 'vigie-secret.txt'), 'secret');
    const r = await request(server, 'GET', `/..%2F${path.basename(rendererDir)}%2F..%2Fvigie-secret.txt`);
    expect(r.body).not.toContain('secret');
    const r2 = await request(server, 'GET', '/../vigie-secret.txt');
    expect(r2.body).not.toContain('secret');
  });

  test('opening the printed URL moves the token to the fragment of / and sets no cookie', async () => {
    const r = await request(server, 'GET', `/?token=${server.token}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(`/#token=${server.token}`);
    // Cookies are not scoped by port: one would reach every other service on 127.0.0.1.
    expect(r.headers['set-cookie']).toBeUndefined();
    const withCookie = await request(
      server,
      'POST',
      '/api/app:info',
      { 'content-type': 'application/json', cookie: `vigie_token=${server.token}` },
      '{}',
    );
    expect(withCookie.status).toBe(401);
    expect((await request(server, 'GET', '/?token=wrong')).status).toBe(401);
  });

  test('the token redirect never leaves the origin, whatever the path (/.//evil.com)', async () => {
    for (const p of ['/.//evil.com', '//evil.com', '/./%2Fevil.com', '/\\evil.com', '/a/..//evil.com']) {
      const r = await request(server, 'GET', `${p}?token=${server.token}`);
      expect(r.status).toBe(302);
      expect(r.headers.location).toBe(`/#token=${server.token}`);
    }
  });

  test('a body over the cap is a 413 answer, not a reset socket', async () => {
    const big = '{"x":"' + 'a'.repeat(10 * 1024 * 1024 + 10) + '"}';
    const r = await request(server, 'POST', '/api/app:info', json(server.token), big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    // Streamed without a length (chunked) too.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/app:info',
          headers: { ...json(server.token), host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 11; i++) req.write('a'.repeat(1024 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
  });

  test('a malformed % escape in a channel name is a client error, not a 500', async () => {
    const r = await request(server, 'POST', '/api/items:%E0%A4%A', json(server.token), '{}');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });

  test('a contract call round trip: demo load, list, triage, validation errors as envelopes', async () => {
    const load = JSON.parse((await request(server, 'POST', '/api/demo:load', json(server.token), '{}')).body);
    expect(load).toEqual({ ok: true, value: { loaded: true, sources: 8, items: expect.any(Number) } });
    const list = JSON.parse(
      (
        await request(
          server,
          'POST',
          '/api/items:list',
          json(server.token),
          JSON.stringify({ sort: 'recent', limit: 5 }),
        )
      ).body,
    );
    expect(list.ok).toBe(true);
    expect(list.value.total).toBe(load.value.items);
    expect(list.value.items).toHaveLength(5);
    const id = list.value.items[0].id as number;
    const triage = JSON.parse(
      (
        await request(
          server,
          'POST',
          '/api/items:setTriage',
          json(server.token),
          JSON.stringify({ ids: [id], state: 'follow' }),
        )
      ).body,
    );
    expect(triage).toMatchObject({ ok: true, value: { changed: 1 } });
    const item = JSON.parse(
      (await request(server, 'POST', '/api/items:get', json(server.token), JSON.stringify({ id }))).body,
    );
    expect(item.value.item.triage).toBe('follow');

    const bad = JSON.parse(
      (
        await request(
          server,
          'POST',
          '/api/items:setTriage',
          json(server.token),
          JSON.stringify({ ids: [id], state: 'burn' }),
        )
      ).body,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const extra = JSON.parse(
      (await request(server, 'POST', '/api/items:get', json(server.token), JSON.stringify({ id, evil: true }))).body,
    );
    expect(extra).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const unknown = await request(server, 'POST', '/api/fs:readFile', json(server.token), '{}');
    expect(unknown.status).toBe(404);
    const badJson = await request(server, 'POST', '/api/app:info', json(server.token), '{oops');
    expect(badJson.status).toBe(400);
  });

  test('writes need JSON and the same origin', async () => {
    const form = await request(
      server,
      'POST',
      '/api/app:info',
      { authorization: `Bearer ${server.token}`, 'content-type': 'text/plain' },
      '{}',
    );
    expect(form.status).toBe(415);
    const cross = await request(
      server,
      'POST',
      '/api/app:info',
      { ...json(server.token), origin: 'https://attacker.example' },
      '{}',
    );
    expect(cross.status).toBe(403);
    const same = await request(
      server,
      'POST',
      '/api/app:info',
      { ...json(server.token), origin: `http://127.0.0.1:${server.port}` },
      '{}',
    );
    expect(same.status).toBe(200);
  });

  test('events are delivered over SSE as named events', async () => {
    const received: string[] = [];
    const got = new Promise<string>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let buf = '';
          res.on('data', (c: Buffer) => {
            buf += c.toString('utf8');
            received.push(c.toString('utf8'));
            if (buf.includes(': connected')) {
              // Subscribed: trigger a change through the API.
              void request(
                server,
                'POST',
                '/api/items:setStarred',
                json(server.token),
                JSON.stringify({ ids: [1, 2], starred: true }),
              );
              buf = buf.replace(': connected', '');
            }
            const m = /event: items:changed\ndata: (.*)\n\n/.exec(buf);
            if (m) {
              req.destroy();
              resolve(m[1]!);
            }
          });
        },
      );
      req.on('error', (e) => {
        if (!String(e).includes('socket hang up')) reject(e);
      });
    });
    expect(JSON.parse(await got)).toEqual({ ids: [1, 2] });
  });
});
