/**
 * Ingest benchmark (`npm run bench:ingest`): end-to-end `ingest-files` throughput against
 * rss-parser parse-only on the same files, peak memory, and FTS search latency.
 * Workload: the raw Le Monde 2022 snapshots replicated with unique guids/links (~100k item
 * occurrences). Targets: ≥ 10,000 occurrences/s end to end, ≥ 0.5× rss-parser, search p95 ≤ 20 ms.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import { openDatabase } from '../electron/engine/db/open';
import { listItems } from '../electron/engine/db/items-store';
import { ingestFiles } from '../electron/engine/ingest/ingest-files';
import { parseFeed } from '../electron/engine/ingest/parse-feed';
import { replicateLeMonde } from '../test/helpers/lemonde-replica';

/** Copies of the 351 non-empty snapshots (6,985 occurrences each). */
const COPIES = Number(process.env.BENCH_COPIES ?? 15);

/** French analyst queries: single words, accents typed or not, phrases, boolean, prefixes. */
const QUERIES = [
  'ukraine', 'russie', 'poutine', 'zelensky', 'macron', 'présidentielle', 'presidentielle', 'élection', 'covid', 'vaccin',
  'omicron', 'pass vaccinal', '"guerre en Ukraine"', 'sanctions russie', 'réfugiés', 'refugies', 'otan OR nato', 'kiev OR kyiv',
  'marioupol', 'gaz', 'pétrole', 'inflation', 'pouvoir d\'achat', 'retraites', 'réfor*', 'gouv*', 'zemmour', 'pécresse',
  'le pen', 'mélenchon', 'jadot', 'hidalgo', 'climat', 'giec', 'sécheresse', 'football', 'ligue des champions', 'tennis',
  'cinéma', 'festival', 'livres', 'prefete', 'justice -procès', 'police', 'immigration', 'école', 'université', 'santé OU hôpital',
  'technologie', 'intelligence artificielle',
];

/** Percentile of sorted numbers. */
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Lists every file under a directory. */
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-ingest-'));
  try {
    const dataDir = path.join(tmp, 'feeds');
    const { files, occurrences } = replicateLeMonde(dataDir, COPIES);
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    console.log(`load average before start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`workload: ${files.length} files, ${occurrences} item occurrences, ${(bytes / 1048576).toFixed(1)} MB, ${os.cpus().length} CPUs`);

    // 1. End to end: ingest-files into a fresh on-disk database (WAL), as the CLI does.
    const dbFile = path.join(tmp, 'bench.db');
    const db = openDatabase(dbFile);
    const t0 = process.hrtime.bigint();
    const res = await ingestFiles(db, [dataDir]);
    const e2eSec = Number(process.hrtime.bigint() - t0) / 1e9;
        const e2eRate = res.items / e2eSec;

    // 1b. Same path without analysis (analysis is its own stage; this isolates parse + dedup + store + FTS).
    const db2 = openDatabase(path.join(tmp, 'bench-noanalysis.db'));
    const t3 = process.hrtime.bigint();
    const res2 = await ingestFiles(db2, [dataDir], { analyze: false });
    const storeSec = Number(process.hrtime.bigint() - t3) / 1e9;
    db2.close();
    const storeRate = res2.items / storeSec;

    const maxRssMb = process.resourceUsage().maxRSS / 1024;

    // 2. Parse-only: our parser, then rss-parser, on the same files (read included in both).
    const list = walk(dataDir).sort();
    let ours = 0;
    const t1 = process.hrtime.bigint();
    for (const f of list) ours += (await parseFeed(fs.readFileSync(f), { fetchedAt: new Date() })).items.length;
    const oursSec = Number(process.hrtime.bigint() - t1) / 1e9;
    const parser = new Parser();
    let theirs = 0;
    const t2 = process.hrtime.bigint();
    for (const f of list) theirs += (await parser.parseString(fs.readFileSync(f, 'utf8'))).items.length;
    const theirsSec = Number(process.hrtime.bigint() - t2) / 1e9;
    const rssParserRate = theirs / theirsSec;

    // 3. Search latency over the resulting database (first page, newest first).
    for (const q of QUERIES) listItems(db, { query: q, limit: 50 }); // warm the page cache
    const times: number[] = [];
    let hits = 0;
    for (let round = 0; round < 5; round++) {
      for (const q of QUERIES) {
        const s = process.hrtime.bigint();
        hits += listItems(db, { query: q, limit: 50 }).length;
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
    }
    times.sort((a, b) => a - b);
    // Inbox pages without a query (newest first, and by virality), the UI's most frequent reads.
    const inbox: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const sort of ['recent', 'virality'] as const) {
        const s = process.hrtime.bigint();
        listItems(db, { sort, limit: 100, offset: round * 100 });
        inbox.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
    }
    inbox.sort((a, b) => a - b);
    const dbMb = fs.statSync(dbFile).size / 1048576;
    db.close();

    const rows: [string, string][] = [
      ['files / errors', `${res.files} / ${res.errors}`],
      ['occurrences stored / new items', `${res.items} / ${res.new}`],
      ['end to end (ingest-files, with analysis)', `${e2eRate.toFixed(0)} occ/s  (${e2eSec.toFixed(2)} s)   target ≥ 10000`],
      ['ingest without analysis (parse+dedup+store+FTS)', `${storeRate.toFixed(0)} occ/s  (${storeSec.toFixed(2)} s)`],
      ['ratio without analysis / rss-parser', `${(storeRate / rssParserRate).toFixed(2)}×`],
      ['parse-only, Vigie parseFeed', `${(ours / oursSec).toFixed(0)} items/s  (${oursSec.toFixed(2)} s)`],
      ['parse-only, rss-parser', `${rssParserRate.toFixed(0)} items/s  (${theirsSec.toFixed(2)} s)`],
      ['ratio end to end / rss-parser', `${(e2eRate / rssParserRate).toFixed(2)}×   target ≥ 0.5`],
      ['peak RSS (after both ingests)', `${maxRssMb.toFixed(0)} MB`],
      ['database size', `${dbMb.toFixed(1)} MB`],
      [`FTS search (${QUERIES.length} queries × 5, limit 50)`, `p50 ${pct(times, 50).toFixed(2)} ms  p95 ${pct(times, 95).toFixed(2)} ms  max ${times[times.length - 1].toFixed(2)} ms   target p95 ≤ 20`],
      ['inbox page, no query (recent/virality, limit 100)', `p50 ${pct(inbox, 50).toFixed(2)} ms  p95 ${pct(inbox, 95).toFixed(2)} ms`],
      ['search hits (sanity)', String(hits)],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(44)} ${v}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
