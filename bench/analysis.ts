/**
 * `npm run bench:analysis`: per-item analysis cost (stories + virality + controversy + infox,
 * written to SQLite) as the archive grows to 10k, 100k and 1M items. The archive is synthetic
 * from real Le Monde 2022 titles and chapôs, 20,000 items a day over 12 sources; at each
 * checkpoint the last 5,000 items' analysis is timed. Items older than the story window (3 days,
 * 65,000 items) are stored unanalysed to keep the run short; the window before each checkpoint
 * is analysed in full. Cost stays flat because candidate stories
 * come from an inverted index over open stories (3-day window), never from the archive.
 * Usage: npm run bench:analysis [-- --max 1000000]
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/engine/db/open';
import { analyzeNewItems } from '../electron/engine/analysis/pipeline';
import { loadLeMonde } from '../scripts/eval/datasets';

const argMax = process.argv.indexOf('--max');
const MAX = argMax > 0 ? Number(process.argv[argMax + 1]) : 1_000_000;
const CHECKPOINTS = [10_000, 100_000, 1_000_000].filter((c) => c <= MAX);
const MEASURE = 5_000,
  BATCH = 500,
  PER_DAY = 20_000;
const TYPES = ['press-national', 'press-regional', 'social', 'web', 'tv', 'official'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-analysis-'));
const db = openDatabase(path.join(dir, 'bench.db'));
const articles = loadLeMonde();
const now = new Date().toISOString();
const sourceIds: number[] = [];
for (let s = 0; s < 12; s++) {
  sourceIds.push(
    Number(
      db
        .prepare(`INSERT INTO sources (name, url, type, reach_weight, created_at) VALUES (?, ?, ?, ?, ?)`)
        .run(`source ${s}`, `https://s${s}.example/feed`, TYPES[s % TYPES.length], 0.5 + (s % 3) * 0.25, now)
        .lastInsertRowid,
    ),
  );
}
const insert = db.prepare(
  `INSERT INTO items (source_id, link, title, summary, published, fetched_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)`,
);
const start = Date.parse('2022-01-01T00:00:00Z');
let n = 0;
/** Inserts `count` items (one transaction) and returns their ids. */
function insertItems(count: number): number[] {
  const ids: number[] = [];
  db.transaction(() => {
    for (let k = 0; k < count; k++, n++) {
      const a = articles[n % articles.length]!;
      const t = new Date(start + Math.floor((n * 86_400_000) / PER_DAY)).toISOString();
      ids.push(
        Number(
          insert.run(sourceIds[n % sourceIds.length], `${a.link}#${n}`, a.title, a.description, t, t, `h${n}`)
            .lastInsertRowid,
        ),
      );
    }
  })();
  return ids;
}

const WINDOW = 65_000; // 3 days at 20,000 items/day, plus margin: what the story index holds
const results: Array<{ archive: number; usPerItem: number; cpuUsPerItem: number; insertUsPerItem: number }> = [];
const t0 = Date.now();
for (const cp of CHECKPOINTS) {
  // Items older than the index window are stored without analysis (their analysis cannot
  // influence the cost of a new item: stories closed for 3 days leave the index).
  while (n < cp - WINDOW) insertItems(Math.min(20_000, cp - WINDOW - n));
  while (n < cp - MEASURE) analyzeNewItems(db, insertItems(Math.min(BATCH * 4, cp - MEASURE - n)));
  let analyse = 0,
    ins = 0,
    cpu = 0;
  while (n < cp) {
    const a = process.hrtime.bigint();
    const ids = insertItems(BATCH);
    const b = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    analyzeNewItems(db, ids);
    const c1 = process.cpuUsage(c0);
    const c = process.hrtime.bigint();
    ins += Number(b - a);
    analyse += Number(c - b);
    cpu += c1.user + c1.system;
  }
  results.push({
    archive: cp,
    usPerItem: analyse / MEASURE / 1000,
    cpuUsPerItem: cpu / MEASURE,
    insertUsPerItem: ins / MEASURE / 1000,
  });
  process.stderr.write(`archive ${cp} reached after ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}
const stories = db.prepare('SELECT COUNT(*) FROM stories').pluck().get() as number;
const row = (label: string, f: (r: (typeof results)[number]) => string) =>
  console.log(label.padEnd(30) + results.map((r) => f(r).padStart(12)).join(''));
row('archive items', (r) => String(r.archive));
row('analysis wall µs/item', (r) => r.usPerItem.toFixed(1));
row('analysis CPU µs/item', (r) => r.cpuUsPerItem.toFixed(1));
row('analysis items/s (wall)', (r) => String(Math.round(1e6 / r.usPerItem)));
row('SQLite insert µs/item (load)', (r) => r.insertUsPerItem.toFixed(1));
row('analysis / insert ratio', (r) => (r.usPerItem / r.insertUsPerItem).toFixed(2));
if (results.length > 1) {
  const cpu = results.map((r) => r.cpuUsPerItem);
  console.log(
    `CPU cost ratio largest/smallest archive: ${(cpu[cpu.length - 1]! / cpu[0]!).toFixed(2)} (flat = ~1); stories: ${stories}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`,
  );
}
db.close();
fs.rmSync(dir, { recursive: true, force: true });
