/**
 * Replicates the raw Le Monde snapshots into a temp directory, each copy with unique item
 * guids and links (the channel is unchanged, so the 16 section sources stay 16), to build
 * realistic large ingest workloads for benchmarks and crash tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { datasetPath, haveDatasets } from './datasets';

/** Folder of the raw Le Monde RSS snapshots. */
export const LEMONDE_RAW = datasetPath('lemonde-2022-rss', 'raw-snapshots');

/** Every raw snapshot file (including the 0-byte one), sorted; none without the datasets (suites gated on them). */
export function lemondeRawFiles(): string[] {
  const out: string[] = [];
  if (!haveDatasets()) return out;
  const walk = (d: string): void => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(LEMONDE_RAW);
  return out;
}

/** Rewrites items so copy `k` holds distinct articles: '/c<k>/' after the URL host, '(k) ' before the title. */
function uniquify(xml: string, k: number): string {
  if (k === 0) return xml;
  // Titles change too, or the dedup chain's last link (same source + same text) would merge copies.
  return xml.replace(/<item>[\s\S]*?<\/item>/g, (item) =>
    item
      .replace(/(<(?:guid|link)[^>]*>\s*(?:<!\[CDATA\[)?https?:\/\/[^/<\s]+)\//g, `$1/c${k}/`)
      .replace(/(<title>\s*(?:<!\[CDATA\[)?)/, `$1(${k}) `),
  );
}

/**
 * Writes `copies` copies of the non-empty snapshots under `dest/c<k>/…`; returns the files
 * written and the number of item occurrences they hold.
 */
export function replicateLeMonde(dest: string, copies: number): { files: string[]; occurrences: number } {
  const files: string[] = [];
  let occurrences = 0;
  const sources = lemondeRawFiles().filter((f) => fs.statSync(f).size > 0);
  for (let k = 0; k < copies; k++) {
    for (const src of sources) {
      const rel = path.relative(LEMONDE_RAW, src);
      const out = path.join(dest, `c${String(k).padStart(3, '0')}`, rel);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const xml = uniquify(fs.readFileSync(src, 'utf8'), k);
      occurrences += (xml.match(/<item>/g) ?? []).length;
      fs.writeFileSync(out, xml);
      files.push(out);
    }
  }
  return { files, occurrences };
}
