/** `npm start` without an Electron binary (this machine): web mode, said on stderr, demo loaded into the empty database. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function post(url: URL, channel: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `/api/${channel}`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

let child: ChildProcess | null = null;
let dir: string;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('falls back to web mode, says so, prints the tokenized URL, and the first start loads the demo', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-start-'));
  const renderer = path.join(dir, 'renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Vigie</title>');
  child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'scripts', 'start.js'),
      '--db',
      path.join(dir, 'vigie.db'),
      '--no-open',
      '--no-refresh',
      '--renderer-dir',
      renderer,
      '--port',
      '0',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c) => {
    stderr += c;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL; stderr: ${stderr}`)), 45_000);
    child!.stdout!.on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child!.on('exit', (code) => reject(new Error(`exited ${code}; stderr: ${stderr}`)));
  });
  expect(stderr).toMatch(/Electron n’est pas installé.*mode web/);
  const u = new URL(url);
  const token = u.searchParams.get('token')!;
  const info = await post(u, 'app:info', token);
  expect(info.status).toBe(200);
  expect(JSON.parse(info.body).value).toMatchObject({ mode: 'web', demoLoaded: true, sourceCount: 8 });
  expect((await post(u, 'app:info', 'wrong')).status).toBe(401);
});
