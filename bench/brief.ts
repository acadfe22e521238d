/**
 * `npm run bench:brief` — the daily brief for a day of 5,000 items (real Le Monde 2022 titles and
 * chapôs re-dated into one day, spread over 48 sources of the 8 types, analysed by the real
 * pipeline), in all four formats. Prints the time per format (gather + charts + render + write)
 * and the total against the 10 s budget, plus a shared-model run (gather once, render four times).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { analyzeAll } from '../electron/engine/analysis/pipeline';
import { generateBrief, renderBrief, renderModelCharts } from '../electron/engine/brief/brief';
import { selectBrief } from '../electron/engine/brief/select';
import { BRIEF_FORMATS } from '../electron/engine/brief/types';
import { openDatabase } from '../electron/engine/db/open';
import { SOURCE_TYPES } from '../shared/types/domain';

const N = Number(process.env.BENCH_ITEMS ?? 5000);
const DATASETS = path.resolve(__dirname, '../../shared/datasets');
const FROM = '2022-02-24T06:00:00.000Z',
  TO = '2022-02-25T06:00:00.000Z';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-brief-'));
  const db = openDatabase(process.env.BENCH_KEEP_DB ?? path.join(dir, 'bench.db'));
  const rows = zlib
    .gunzipSync(fs.readFileSync(path.join(DATASETS, 'lemonde-2022-rss', 'items.jsonl.gz')))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { title: string; description: string | null; link: string; published: string })
    .filter((r) => r.published >= '2022-02-01' && r.published < '2022-04-01')
    .slice(0, N);
  if (rows.length < N) throw new Error(`only ${rows.length} items in Feb–Mar 2022`);

  let t = performance.now();
  const now = new Date().toISOString();
  const src = db.prepare('INSERT INTO sources (name, url, type, created_at, last_success_at) VALUES (?,?,?,?,?)');
  const sources = Array.from({ length: 48 }, (_, i) => {
    const type = SOURCE_TYPES[i % SOURCE_TYPES.length]!;
    return {
      id: Number(src.run(`Source ${i + 1} (${type})`, `https://bench.invalid/${i}`, type, now, now).lastInsertRowid),
      type,
    };
  });
  const ins = db.prepare(
    `INSERT INTO items (source_id, guid, link, title, summary, published, fetched_at, content_hash, starred, triage) VALUES (?,?,?,?,?,?,?,?,?,?)`,
  );
  const carry = db.prepare(
    'INSERT INTO item_sources (item_id, source_id, first_seen_at, last_seen_at) VALUES (?,?,?,?)',
  );
  const span = Date.parse(TO) - Date.parse(FROM);
  db.transaction(() => {
    rows.forEach((r, i) => {
      const s = sources[i % sources.length]!;
      // Spread over the day with a morning and an evening peak (two triangular humps).
      const u = (i * 0.6180339887) % 1,
        hump = i % 2 ? 0.3 : 0.75;
      const at = new Date(Date.parse(FROM) + Math.min(0.999, Math.max(0, hump + (u - 0.5) * 0.5)) * span).toISOString();
      const id = Number(
        ins.run(
          s.id,
          r.link,
          r.link,
          r.title,
          r.description,
          at,
          at,
          `h${i}`,
          i % 700 === 0 ? 1 : 0,
          i % 900 === 0 ? 'escalated' : 'new',
        ).lastInsertRowid,
      );
      carry.run(id, s.id, at, at);
    });
  })();
  const seedMs = performance.now() - t;
  t = performance.now();
  analyzeAll(db);
  const analyseMs = performance.now() - t;
  const stories = (db.prepare('SELECT COUNT(*) AS n FROM stories').get() as { n: number }).n;
  console.log(
    `setup: ${N} items, ${sources.length} sources, ${stories} stories — seed ${seedMs.toFixed(0)} ms, analysis ${analyseMs.toFixed(0)} ms (not counted)`,
  );

  // Warm-up: loads fonts, echarts, docx, pdfkit once (as a running app would have).
  await generateBrief(db, { from: FROM, to: TO, format: 'html', out: path.join(dir, 'warm.html') });

  console.log('\nformat | ms (gather + charts + render + write) | bytes');
  let total = 0;
  for (const format of BRIEF_FORMATS) {
    const t0 = performance.now();
    const r = await generateBrief(db, {
      from: FROM,
      to: TO,
      format,
      out: path.join(dir, `brief.${format}`),
      options: { marking: 'Diffusion restreinte' },
    });
    const ms = performance.now() - t0;
    total += ms;
    console.log(`${format.padEnd(6)} | ${ms.toFixed(0).padStart(6)} | ${r.bytes.length}`);
    if (format === 'pdf')
      console.log(
        `         (items in period ${r.model.figures.total}, stories ${r.model.figures.stories}, top ${r.model.top.length})`,
      );
  }
  console.log(
    `all four formats: ${(total / 1000).toFixed(2)} s (budget 10 s) — ${total < 10_000 ? 'OK' : 'OVER BUDGET'}`,
  );

  // Shared model: what the UI export of several formats at once costs.
  let t1 = performance.now();
  const model = selectBrief(db, FROM, TO);
  const gather = performance.now() - t1;
  t1 = performance.now();
  const charts = renderModelCharts(model);
  const chartMs = performance.now() - t1;
  const parts: string[] = [`gather ${gather.toFixed(0)} ms`, `charts ${chartMs.toFixed(0)} ms`];
  for (const format of BRIEF_FORMATS) {
    t1 = performance.now();
    await renderBrief(model, charts, format, 'brief');
    parts.push(`${format} ${(performance.now() - t1).toFixed(0)} ms`);
  }
  console.log(`shared model: ${parts.join(' · ')}`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
