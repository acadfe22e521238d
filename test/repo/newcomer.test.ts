/**
 * The newcomer's two commands (README): `npm install && npm test` on a fresh clone, with no
 * ../shared beside it and no Electron binary, on the Node version package.json states. The
 * full fresh-clone run is done by hand before landing; these checks keep its parts from rotting.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The oldest Node the project says it supports (e.g. 20.19.0 for ">=20.19.0"). */
const oldestNode = semver.minVersion(pkg.engines.node)!.version;

test('package.json states a Node 20 floor and the README says the same', () => {
  expect(semver.major(oldestNode)).toBe(20);
  expect(readme).toContain(`Node.js ${semver.major(oldestNode)}.${semver.minor(oldestNode)}`);
});

test('every locked package accepts that Node version (no EBADENGINE warning on install)', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[]; version?: string }>;
  };
  const refused = Object.entries(lock.packages)
    .filter(([name, p]) => name && p.engines && !Array.isArray(p.engines) && p.engines.node)
    .filter(([, p]) => !semver.satisfies(oldestNode, (p.engines as { node: string }).node, { includePrerelease: true }))
    .map(([name, p]) => `${name}@${p.version}: ${(p.engines as { node: string }).node}`);
  expect(refused).toEqual([]);
});

test('.ci/run ends with exactly the README test command, after a clean install', () => {
  const ci = fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8').trim().split('\n');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
  expect(blocks).toContain('npm install && npm test');
  expect(ci[ci.length - 1]).toBe('npm test');
  expect(ci.some((l) => /^npm ci\b/.test(l))).toBe(true);
});

/** Runs jest on `files` as a fresh clone would: no datasets, `electron` not installed. */
function freshJest(files: string[], env: Record<string, string | undefined>) {
  const config = {
    ...require(path.join(ROOT, 'jest.config.js')),
    rootDir: ROOT,
    // Hides the optional electron package, as when its binary download failed and npm dropped it.
    modulePathIgnorePatterns: ['<rootDir>/node_modules/electron/'],
  };
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    VIGIE_DATASETS: '/nonexistent/datasets',
    ...env,
  };
  for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
  return spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--runTestsByPath', ...files],
    { cwd: ROOT, env: childEnv as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 240_000 },
  );
}

const SUITES = ['test/electron/preload.test.ts', 'test/engine/parse/dates.test.ts'];

test('without ../shared/datasets nor electron, the suites pass and one line says what was skipped', () => {
  const r = freshJest(SUITES, { CI: undefined, JEST_WORKER_ID: undefined });
  expect(r.stderr).not.toMatch(/Cannot find module 'electron'/);
  expect(r.stdout).toMatch(/^skipped \d+ tests in 1 suites: \.\.\/shared\/datasets not found/m);
  expect(r.stdout).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/m);
  expect(r.status).toBe(0);
}, 300_000);

test('under CI=true the same missing datasets fail the run', () => {
  const r = freshJest(['test/engine/parse/dates.test.ts'], { CI: 'true', JEST_WORKER_ID: undefined });
  expect(r.stderr).toContain('CI: /nonexistent/datasets is missing');
  expect(r.status).not.toBe(0);
}, 300_000);
