/** `vigie serve [--port N] [--open]`: web mode — the renderer and the contract API on loopback with a token. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createEngine } from '../../engine/engine';
import { startWebServer } from '../../web/server';
import { dbPathFromCommand, exitWithError, log, protectSecrets } from '../output';
import { useKeyFileCodec } from '../../engine/alerts/key-file';

/** The app version from the nearest package.json named vigie. */
export function appVersion(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vigie' && pkg.version) return pkg.version;
    } catch {
      /* keep looking */
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

/** Opens a URL in the default browser; failures are reported, never fatal. */
export function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd as string, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => log(`vigie: could not open a browser; open ${url} yourself`));
    child.unref();
  } catch {
    log(`vigie: could not open a browser; open ${url} yourself`);
  }
}

interface ServeOptions {
  port: string;
  open?: boolean;
  token?: string;
  refresh: boolean;
  demoIfEmpty?: boolean;
  rendererDir?: string;
}

/** Registers `serve`. */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('web mode: serve the interface and API on 127.0.0.1 with a random token (prints the URL)')
    .option('--port <n>', 'TCP port (0 = any free port)', '0')
    .option('--open', 'open the URL in the default browser')
    .option('--token <token>', 'use this access token instead of a random one (tests; default: VIGIE_TOKEN or random)')
    .option('--no-refresh', 'do not fetch sources in the background (alerts still run)')
    .option('--demo-if-empty', 'load the demo workspace when the database has no source')
    .option('--renderer-dir <dir>', 'built renderer to serve (default renderer/dist)')
    .action(async (opts: ServeOptions, cmd: Command) => {
      try {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new Error(`--port: not a port number: ${opts.port}`);
        const dbPath = dbPathFromCommand(cmd);
        // Secrets sealed with the key file before the sender can read one.
        useKeyFileCodec();
        const engine = createEngine({
          dbPath,
          mode: 'web',
          version: appVersion(),
          background: true,
          refresh: opts.refresh,
          demoIfEmpty: !!opts.demoIfEmpty,
        });
        protectSecrets(engine.db);
        const server = await startWebServer({
          engine,
          port,
          token: opts.token ?? process.env.VIGIE_TOKEN ?? undefined,
          rendererDir: opts.rendererDir,
        });
        // The URL is the command's documented output (scripts read it); the rest goes to stderr.
        process.stdout.write(server.url + '\n');
        log(`vigie: web mode on ${server.origin} (loopback only) — database ${dbPath}; Ctrl+C to stop`);
        if (opts.open) openInBrowser(server.url);
        const stop = async () => {
          await server.close();
          await engine.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      } catch (err) {
        exitWithError(err);
      }
    });
}
