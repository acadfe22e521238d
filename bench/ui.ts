/**
 * UI benchmark (`npm run bench:ui`), measured in Debian Chromium against web mode on a database
 * of ≥ 100,000 real Le Monde items (the 2022 raw snapshots replicated with unique links, cached
 * in bench/output/ after the first run). Prints, side by side with the targets:
 *  - time to first contentful paint and to the first rows of the Priorité list (target ≤ 1 s);
 *  - the 100k-item list: rows in the DOM, frame times while flinging through it, and time to show
 *    rows after a jump to the end (pages fetched on demand);
 *  - triage action latency: key press → row updated on screen (target ≤ 50 ms), and the API
 *    round trip that stores it.
 * Env: BENCH_UI_ITEMS (default 100000), BENCH_UI_REBUILD=1 to rebuild the database.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/engine/db/open';
import { ingestFiles } from '../electron/engine/ingest/ingest-files';
import { replicateLeMonde } from '../test/helpers/lemonde-replica';
import { ensureRendererBuilt, launchChromium, startServe } from '../test/e2e/web-harness';

const TARGET_ITEMS = Number(process.env.BENCH_UI_ITEMS ?? 100_000);
const OUT = path.resolve(__dirname, 'output');
const DB = path.join(OUT, `ui-${TARGET_ITEMS}.db`);
/** Unique articles per replicated copy of the snapshots (measured: 2,292). */
const UNIQUE_PER_COPY = 2292;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Builds (or reuses) the benchmark database. */
async function buildDatabase(): Promise<number> {
  fs.mkdirSync(OUT, { recursive: true });
  if (fs.existsSync(DB) && !process.env.BENCH_UI_REBUILD) {
    const db = openDatabase(DB);
    const n = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    db.close();
    if (n >= TARGET_ITEMS) return n;
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DB + suffix, { force: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-ui-'));
  const copies = Math.ceil(TARGET_ITEMS / UNIQUE_PER_COPY) + 1;
  process.stderr.write(`bench:ui: building ${DB} from ${copies} copies of the Le Monde snapshots…\n`);
  const t0 = Date.now();
  replicateLeMonde(tmp, copies);
  const db = openDatabase(DB);
  // Scores are not needed to measure the list; the analysis stage has its own benchmark.
  await ingestFiles(db, [tmp], { analyze: false, onError: () => undefined });
  const n = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`bench:ui: ${n} items in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return n;
}

async function main(): Promise<void> {
  const [count] = await Promise.all([buildDatabase(), ensureRendererBuilt()]);
  const served = await startServe(DB);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    // Warm-up load (server caches, SQLite pages), then the measured cold navigation in a fresh page.
    await page.goto(served.url);
    await page.locator('#inbox-row-0 .row-title').waitFor({ timeout: 60_000 });
    await page.close();

    const loads: Array<{ fcp: number; rows: number; total: number; api: number }> = [];
    for (let run = 0; run < 5; run++) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
      const p = await ctx.newPage();
      await p.goto(served.url);
      await p.locator('#inbox-row-0 .row-title').waitFor({ timeout: 60_000 });
      loads.push(
        await p.evaluate(() => ({
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
          rows: performance.getEntriesByName('vigie:first-rows')[0]?.startTime ?? performance.now(),
          total: Number(document.querySelector('[role="listbox"]')?.getAttribute('data-count') ?? 0),
          api: performance.getEntriesByType('resource').find((e) => e.name.includes('items:list'))?.duration ?? NaN,
        })),
      );
      await ctx.close();
    }

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    // tsx (esbuild keepNames) wraps named functions in __name(); define it in the page for evaluate().
    await ctx.addInitScript('window.__name = (f) => f;');
    const p = await ctx.newPage();
    await p.goto(served.url);
    await p.locator('#inbox-row-0 .row-title').waitFor({ timeout: 60_000 });
    await p.waitForFunction(() => Number(document.querySelector('[role="listbox"]')?.getAttribute('data-count')) > 0);

    // Fling through the list: 240 frames, 4,000 px per frame (≈ 77 rows per frame), frame intervals recorded.
    const scroll = await p.evaluate(async () => {
      const lb = document.querySelector('.vlist') as HTMLElement;
      const intervals: number[] = [];
      let maxRows = 0;
      let last = performance.now();
      for (let f = 0; f < 240; f++) {
        lb.scrollTop += 4000;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        intervals.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, lb.querySelectorAll('[role="option"]').length);
      }
      // Jump to the very end, then wait until the rows there are filled (their page fetched).
      const t0 = performance.now();
      lb.scrollTop = lb.scrollHeight;
      await new Promise<void>((resolve) => {
        const check = () => {
          const opts = [...lb.querySelectorAll('[role="option"]')];
          const lastRow = opts.reduce((m, o) => Math.max(m, Number(o.getAttribute('data-index'))), -1);
          if (lastRow >= Number(lb.getAttribute('data-count')) - 1 && !lb.querySelector('.row-loading')) resolve();
          else requestAnimationFrame(check);
        };
        check();
      });
      return {
        intervals,
        maxRows,
        endMs: performance.now() - t0,
        heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
      };
    });

    // Triage latency: back to the top, then 30 × "e"; time to the row showing "escaladé" on screen,
    // and the items:setTriage round trip (fetch timed in the page).
    const triage = await p.evaluate(async () => {
      const lb = document.querySelector('.vlist') as HTMLElement;
      lb.scrollTop = 0;
      lb.focus();
      await new Promise((r) => setTimeout(r, 300));
      const api: number[] = [];
      const orig = window.fetch.bind(window);
      window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const t = performance.now();
        const r = await orig(input, init);
        if (String(input).includes('items:setTriage')) api.push(performance.now() - t);
        return r;
      };
      const ui: number[] = [];
      for (let i = 0; i < 30; i++) {
        const id = lb.getAttribute('aria-activedescendant')!;
        const t0 = performance.now();
        lb.dispatchEvent(new KeyboardEvent('keydown', { key: 'e', bubbles: true }));
        await new Promise<void>((resolve) => {
          const check = () =>
            document.getElementById(id)?.querySelector('.state')?.textContent === 'escaladé'
              ? resolve()
              : requestAnimationFrame(check);
          check();
        });
        // Until the frame with the change is painted.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        ui.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 60));
      }
      await new Promise((r) => setTimeout(r, 500));
      window.fetch = orig;
      return { ui, api };
    });
    await ctx.close();

    const fcp = loads.map((l) => l.fcp);
    const rows = loads.map((l) => l.rows);
    const frames = scroll.intervals.slice(1);
    const table: Array<[string, string, string, string]> = [
      ['items in the database', String(count), `≥ ${TARGET_ITEMS}`, count >= TARGET_ITEMS ? 'ok' : 'LOW'],
      ['items in the Priorité list', String(loads[0].total), '', ''],
      ['first contentful paint (median of 5)', ms(pct(fcp, 50)), '≤ 1000 ms', pct(fcp, 50) <= 1000 ? 'ok' : 'SLOW'],
      [
        'first rows of the 100k list (median of 5)',
        ms(pct(rows, 50)),
        '≤ 1000 ms',
        pct(rows, 50) <= 1000 ? 'ok' : 'SLOW',
      ],
      ['  worst of 5', ms(Math.max(...rows)), '', ''],
      [
        '  of which items:list first page (engine, median)',
        ms(
          pct(
            loads.map((l) => l.api),
            50,
          ),
        ),
        '',
        '',
      ],
      [
        'rows in the DOM while scrolling (max)',
        String(scroll.maxRows),
        `≪ ${loads[0].total}`,
        scroll.maxRows < 200 ? 'ok' : 'HIGH',
      ],
      ['frame interval while flinging, mean', ms(mean(frames)), '≈ 16.7 ms', ''],
      ['frame interval while flinging, p95', ms(pct(frames, 95)), '≤ 50 ms', pct(frames, 95) <= 50 ? 'ok' : 'JANK'],
      ['jump to the end → rows filled', ms(scroll.endMs), '≤ 1000 ms', scroll.endMs <= 1000 ? 'ok' : 'SLOW'],
      [
        'triage key → row updated & painted, median',
        ms(pct(triage.ui, 50)),
        '≤ 50 ms',
        pct(triage.ui, 50) <= 50 ? 'ok' : 'SLOW',
      ],
      [
        'triage key → row updated & painted, p95',
        ms(pct(triage.ui, 95)),
        '≤ 50 ms',
        pct(triage.ui, 95) <= 50 ? 'ok' : 'SLOW',
      ],
      ['items:setTriage API round trip, median', ms(pct(triage.api, 50)), '', ''],
      ['items:setTriage API round trip, p95', ms(pct(triage.api, 95)), '', ''],
      ['JS heap after scrolling', scroll.heap ? `${(scroll.heap / 1048576).toFixed(1)} MB` : 'n/a', '', ''],
    ];
    const w = [Math.max(...table.map((r) => r[0].length)), 12, 12];
    process.stdout.write(`${'metric'.padEnd(w[0])}  ${'measured'.padStart(w[1])}  ${'target'.padStart(w[2])}\n`);
    for (const [m, v, t, okFlag] of table)
      process.stdout.write(`${m.padEnd(w[0])}  ${v.padStart(w[1])}  ${t.padStart(w[2])}  ${okFlag}\n`);
  } finally {
    await browser.close();
    await served.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:ui failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
