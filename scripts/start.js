#!/usr/bin/env node
/**
 * `npm start`: builds the renderer when renderer/dist is missing, then runs the Electron app when
 * `require('electron')` resolves to an existing binary, otherwise web mode (`vigie serve --open`)
 * in the default browser — saying so on stderr. The first start with an empty database loads the
 * demo workspace. Extra arguments: `--db PATH`, `--port N` (web mode), `--web` (force web mode),
 * `--no-open` (do not open a browser), `--renderer-dir DIR` (serve another build; tests).
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const isWin = process.platform === 'win32';
const say = (msg) => process.stderr.write(`vigie: ${msg}\n`);

function run(script) {
  say(`npm run ${script} …`);
  const r = spawnSync(isWin ? 'npm.cmd' : 'npm', ['run', '-s', script], { cwd: ROOT, stdio: 'inherit', shell: isWin });
  if (r.status !== 0) {
    say(`« npm run ${script} » a échoué (code ${r.status}).`);
    process.exit(r.status || 1);
  }
}

/** Path of the Electron binary, or null when the optional dependency has no binary here. */
function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** Splits our own flags from the rest. */
function parseArgs(argv) {
  const out = { web: false, open: true, db: null, rendererDir: null, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--web') out.web = true;
    else if (argv[i] === '--no-open') out.open = false;
    else if (argv[i] === '--db') out.db = argv[++i];
    else if (argv[i] === '--renderer-dir') out.rendererDir = path.resolve(argv[++i]);
    else out.rest.push(argv[i]);
  }
  return out;
}

function forwardSignals(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

/** Newest modification time of the TypeScript sources under the given folders. */
function newestSource(dirs) {
  let newest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (fs.existsSync(d)) walk(d);
  return newest;
}

const args = parseArgs(process.argv.slice(2));
const rendererDir = args.rendererDir || path.join(ROOT, 'renderer', 'dist');
if (!fs.existsSync(path.join(rendererDir, 'index.html'))) run('build:renderer');

const electron = args.web ? null : electronBinary();
if (electron) {
  // Rebuild the main process when it is missing or older than its sources (a checkout being worked on).
  const mainJs = path.join(ROOT, 'dist', 'electron', 'main', 'index.js');
  const srcDirs = ['electron', 'shared'].map((d) => path.join(ROOT, d));
  if (!fs.existsSync(mainJs) || (fs.existsSync(srcDirs[0]) && fs.statSync(mainJs).mtimeMs < newestSource(srcDirs)))
    run('build:main');
  say('démarrage de l’application Electron');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  const child = spawn(electron, [ROOT, ...args.rest], { cwd: ROOT, stdio: 'inherit', env });
  forwardSignals(child);
} else {
  say(
    args.web
      ? 'mode web demandé (--web) : l’interface s’ouvre dans votre navigateur.'
      : 'Electron n’est pas installé sur cette machine (pas de binaire) : mode web, l’interface s’ouvre dans votre navigateur.',
  );
  const cliArgs = [
    ...(args.db ? ['--db', args.db] : []),
    'serve',
    ...(args.open ? ['--open'] : []),
    '--demo-if-empty',
    ...(args.rendererDir ? ['--renderer-dir', args.rendererDir] : []),
    ...args.rest,
  ];
  // From a checkout, run the sources with tsx (never a stale build); else the compiled CLI.
  let tsx = null;
  try {
    tsx = require.resolve('tsx/cli', { paths: [ROOT] });
  } catch {
    /* no dev dependencies */
  }
  const entry = tsx
    ? [tsx, path.join(ROOT, 'electron', 'cli', 'vigie.ts')]
    : [path.join(ROOT, 'dist', 'electron', 'cli', 'vigie.js')];
  const child = spawn(process.execPath, [...entry, ...cliArgs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
  });
  forwardSignals(child);
}
