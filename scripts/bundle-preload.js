#!/usr/bin/env node
// Bundles the Electron preload into ONE file: a sandboxed preload can require only 'electron'
// (and a few built-ins), not the project's own modules. esbuild ships with tsx (a dev dependency).
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
// Optional argument: output file (tests bundle into a temporary directory).
const outfile = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist/electron/preload/index.js');
esbuild.buildSync({
  entryPoints: [path.join(root, 'electron/preload/index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});
process.stderr.write(`preload bundled: ${path.relative(root, outfile)}\n`);
