/**
 * A deeply nested feed against the real processes (High 1 of the trust issue): `vigie serve`
 * keeps answering while it refreshes the feed and records `parse.too_complex` in the source's
 * health; `vigie parse` reports the same code on the file's line, quickly.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe, ROOT, type Served } from '../e2e/vigie-process';
import { startTestServer, type TestServer } from '../helpers/http-test-server';

const nested = (depth: number) => '<div>'.repeat(depth) + 'x' + '</div>'.repeat(depth);
const deepFeed = (depth: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Profond</title><link>https://ex.fr/</link>` +
  `<item><title>a</title><link>https://ex.fr/a</link><description><![CDATA[${nested(depth)}]]></description></item>` +
  `</channel></rss>`;

let dir: string;
let srv: TestServer;
let served: Served | null = null;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-hostile-'));
  srv = await startTestServer();
  srv.route('/deep.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(deepFeed(100_000));
  });
});
afterAll(async () => {
  await served?.stop();
  await srv.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call<T>(s: Served, channel: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${s.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { code: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.code}`);
  return body.value;
}

test('vigie serve answers throughout the refresh of a deeply nested feed, then shows parse.too_complex', async () => {
  served = await startServe(path.join(dir, 'serve.db'));
  const s = served;
  const src = await call<{ id: number }>(s, 'sources:add', { url: srv.at('/deep.xml'), name: 'Profond', type: 'web' });
  let done = false;
  const refresh = call<{ errors: number }>(s, 'sources:refresh', { ids: [src.id] }).finally(() => {
    done = true;
  });
  let worst = 0;
  let answered = 0;
  while (!done) {
    const t0 = Date.now();
    await call(s, 'app:info');
    worst = Math.max(worst, Date.now() - t0);
    answered++;
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(await refresh).toMatchObject({ errors: 1 });
  expect(answered).toBeGreaterThan(0);
  expect(worst).toBeLessThan(1000);
  const list = await call<Array<{ id: number; health: { lastErrorCode: string | null; errorCount: number } }>>(
    s,
    'sources:list',
  );
  expect(list.find((x) => x.id === src.id)!.health).toMatchObject({
    lastErrorCode: 'parse.too_complex',
    errorCount: 1,
  });
}, 120_000);

test('vigie parse reports a 200,000-deep file as parse.too_complex on its line', () => {
  const file = path.join(dir, 'deep.xml');
  fs.writeFileSync(file, deepFeed(200_000));
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'electron/cli/vigie.ts'), 'parse', file],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } },
  );
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout.trim())).toMatchObject({ file, ok: false, error: { code: 'parse.too_complex' } });
  // 33 s before the limits on an idle machine (quadratic); now the tsx start-up dominates, even under load.
  expect(Date.now() - t0).toBeLessThan(60_000);
}, 90_000);
