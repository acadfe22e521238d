/**
 * Runs the vigie CLI as child processes (tsx, like `npm run -s vigie`): one-shot commands and
 * `vigie serve` (waiting for the URL it prints on stdout). No browser here, so jsdom tests can use it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '../..');

/** A running `vigie serve`. */
export interface Served {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Runs a vigie CLI command to completion (tsx, like `npm run -s vigie`); resolves to stdout. */
export function runVigie(args: string[], timeoutMs = 240_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'electron/cli/vigie.ts'), ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vigie ${args.join(' ')} timed out\n${err}`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`vigie ${args.join(' ')} exited ${code}\n${err.slice(-2000)}`));
    });
  });
}

/** Starts `vigie --db DB serve --port 0` and waits for the URL line on stdout. */
export function startServe(dbPath: string, extra: string[] = []): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        path.join(ROOT, 'electron/cli/vigie.ts'),
        '--db',
        dbPath,
        'serve',
        '--port',
        '0',
        '--no-refresh',
        ...extra,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not print a URL in 90 s\n${err}`));
    }, 90_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([^\s]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[0],
        origin: m[1],
        token: decodeURIComponent(m[2]),
        child,
        stderr: () => err,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) {
              done();
              return;
            }
            child.once('exit', () => done());
            child.kill('SIGTERM');
            const t = setTimeout(() => child.kill('SIGKILL'), 5000) as unknown as { unref?: () => void };
            t.unref?.();
          }),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}\n${err}`));
    });
  });
}
