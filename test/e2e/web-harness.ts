/**
 * E2E harness: starts `vigie serve` as a child process on a temp database, reads the URL it prints
 * on stdout, and launches Debian Chromium through playwright-core (no downloaded browser).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

import { ROOT, startServe, type Served } from './vigie-process';
import { haveDatasets } from '../helpers/datasets';

export { ROOT, runVigie, startServe, type Served } from './vigie-process';
/** Where screenshots go (git-ignored). */
export const SCREENSHOTS = path.join(ROOT, 'test/output/screenshots');
/** The system Chromium (Debian package; `.ci/run` installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags for a quiet, offline, headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--lang=fr-FR',
];

/**
 * `describe` when Chromium (and the datasets, if needed) are here, else `describe.skip` on a
 * developer machine. Under CI a missing prerequisite is an error, not a silent skip: `.ci/run`
 * installs Chromium, so its absence means the run did not test the UI.
 */
export function describeInChromium(needDatasets: boolean): jest.Describe {
  const missing = [
    !fs.existsSync(CHROMIUM) && CHROMIUM,
    needDatasets && !haveDatasets() && '../shared/datasets',
  ].filter(Boolean);
  if (missing.length === 0) return describe;
  if (process.env.CI) throw new Error(`e2e prerequisites missing under CI: ${missing.join(', ')}`);
  return describe.skip;
}

/** Calls the API the way the renderer does (Bearer token), to check what the engine stored. */
export async function callApi<T>(served: Served, channel: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${served.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

/** A web-mode workstation on a fresh demo database, open in Chromium. */
export interface DemoWorkstation {
  served: Served;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page, to assert none at the end. */
  pageErrors: string[];
  /** Closes the browser, stops the server and removes the temp directory. */
  close(): Promise<void>;
}

/**
 * Starts `vigie serve` on a temp database, loads the demo workspace, lets `prepare` configure it
 * through the API (channels, rules…), then opens the app in Chromium (1440×1000, fr-FR, Paris).
 */
export async function openDemoWorkstation(
  name: string,
  prepare?: (served: Served) => Promise<void>,
): Promise<DemoWorkstation> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vigie-e2e-${name}-`));
  await ensureRendererBuilt();
  const served = await startServe(path.join(dir, `${name}.db`));
  await callApi(served, 'demo:load', { force: true });
  if (prepare) await prepare(served);
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(served.url);
  await page.locator('h1').first().waitFor();
  return {
    served,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await served.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Builds the renderer when renderer/dist is missing or older than the sources. */
export async function ensureRendererBuilt(): Promise<void> {
  const dist = path.join(ROOT, 'renderer/dist/index.html');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      if (e.name === 'dist' || e.name === 'node_modules') return m;
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs >= newest(path.join(ROOT, 'renderer'))) return;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed\n${err}`))));
  });
}

/** Launches the system Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Axe violations of impact serious or critical on the current page. */
export async function seriousAxeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; help: string; nodes: string[] }>> {
  // The page's CSP (script-src 'self') rightly refuses an injected <script>; DevTools evaluation
  // is not subject to it, so axe is loaded that way.
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{
            violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
  });
}
