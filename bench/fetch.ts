/**
 * bench:fetch — the fetch path measured side by side against a loopback server:
 * raw fetcher throughput (identity vs gzip), a cold pass over many feeds (download → parse →
 * store), the same pass answered by 304s, and the pool's effect under simulated latency.
 * Run: npm run bench:fetch [-- --feeds 200]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { openDatabase } from '../electron/engine/db/open';
import { addSource } from '../electron/engine/db/sources-store';
import { fetchFeed } from '../electron/engine/ingest/fetcher';
import { refreshAll } from '../electron/engine/ingest/scheduler';

const argFeeds = process.argv.indexOf('--feeds');
const FEEDS = argFeeds > 0 ? Number(process.argv[argFeeds + 1]) : 200;
const ITEMS = 30;

function feedXml(n: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const d = new Date(Date.now() - i * 1_800_000).toUTCString();
    return (
      `<item><title>Flux ${n} : la préfète annonce la mesure ${i}</title><link>https://bench.example/${n}/${i}</link>` +
      `<guid>https://bench.example/${n}/${i}</guid><pubDate>${d}</pubDate><description>Résumé de l'article ${i} du flux ${n}, « citations » et accents.</description></item>`
    );
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Flux ${n}</title><link>https://bench.example/${n}</link><description>d</description>${items}</channel></rss>`;
}

async function main(): Promise<void> {
  const bodies = new Map<string, Buffer>();
  const big = Buffer.from(
    feedXml(0)
      .repeat(1)
      .padEnd(8 * 1024 * 1024, ' '),
  );
  const bigGz = zlib.gzipSync(big);
  let latencyMs = 0;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/big') return void res.writeHead(200).end(big);
    if (path === '/big-gz') return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(bigGz);
    const body = bodies.get(path) ?? Buffer.from(feedXml(Number(path.slice(2)) || 0));
    bodies.set(path, body);
    const etag = `"${path}"`;
    setTimeout(() => {
      if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
      else res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
    }, latencyMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows: Array<[string, string]> = [];

  // 1. Raw fetcher throughput.
  for (const [label, path] of [
    ['identity', '/big'],
    ['gzip', '/big-gz'],
  ] as const) {
    const t0 = performance.now();
    const runs = 5;
    for (let i = 0; i < runs; i++) await fetchFeed(base + path, { maxBytes: 16 * 1024 * 1024 });
    const s = (performance.now() - t0) / 1000;
    rows.push([`fetchFeed 8 MB ${label}`, `${((big.length * runs) / s / 1024 / 1024).toFixed(0)} MB/s decoded`]);
  }

  // 2. Cold pass then 304 pass over FEEDS hosts' worth of feeds (one host here: perHost = concurrency).
  const db = openDatabase(':memory:');
  for (let i = 1; i <= FEEDS; i++) addSource(db, { name: `f${i}`, url: `${base}/f${i}`, type: 'web' });
  let t0 = performance.now();
  const cold = await refreshAll(db, { all: true, concurrency: 8, perHost: 8, skipAnalysis: true });
  let ms = performance.now() - t0;
  rows.push([
    `cold pass, ${FEEDS} feeds × ${ITEMS} items (fetch+parse+store)`,
    `${ms.toFixed(0)} ms | ${(FEEDS / (ms / 1000)).toFixed(0)} feeds/s | ${(cold.new / (ms / 1000)).toFixed(0)} items/s | ok ${cold.ok}`,
  ]);
  t0 = performance.now();
  const warm = await refreshAll(db, { all: true, concurrency: 8, perHost: 8, skipAnalysis: true });
  ms = performance.now() - t0;
  rows.push([
    `304 pass, ${FEEDS} feeds`,
    `${ms.toFixed(0)} ms | ${(FEEDS / (ms / 1000)).toFixed(0)} feeds/s | not-modified ${warm.notModified}`,
  ]);
  db.close();

  // 3. Pool under 100 ms latency: sequential vs concurrent (304s, so only the network wait counts).
  latencyMs = 100;
  const n = Math.min(FEEDS, 40);
  const db2 = openDatabase(':memory:');
  for (let i = 1; i <= n; i++) addSource(db2, { name: `f${i}`, url: `${base}/f${i}`, type: 'web' });
  await refreshAll(db2, { all: true, concurrency: 16, perHost: 16, skipAnalysis: true });
  for (const c of [1, 8]) {
    t0 = performance.now();
    await refreshAll(db2, { all: true, concurrency: c, perHost: c, skipAnalysis: true });
    rows.push([`${n} feeds at 100 ms latency, concurrency ${c}`, `${(performance.now() - t0).toFixed(0)} ms`]);
  }
  db2.close();
  server.close();

  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});
