/** Loaders for the labelled datasets in ../shared/datasets (read at run time, never copied). */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Root of the shared datasets (VIGIE_DATASETS overrides). */
export const DATASETS = process.env.VIGIE_DATASETS ?? path.resolve(__dirname, '../../../shared/datasets');

const read = (rel: string) => fs.readFileSync(path.join(DATASETS, rel), 'utf8');
const jsonl = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Google News headline clusters: title and gold cluster id. */
export function loadGoogleNews(): Array<{ title: string; cluster: string }> {
  return jsonl(read('fr-news-clustering-googlenews/googlenews_clusters.jsonl')).map((r) => ({
    title: String(r.title),
    cluster: String(r.clusterId),
  }));
}

/** A Le Monde article of 2022. */
export interface LeMondeItem {
  title: string;
  description: string;
  link: string;
  published: string;
  titleVariants: string[];
}

let leMonde: LeMondeItem[] | null = null;
/** Le Monde 2022 articles (30,912), cached. */
export function loadLeMonde(): LeMondeItem[] {
  if (!leMonde) {
    const text = zlib
      .gunzipSync(fs.readFileSync(path.join(DATASETS, 'lemonde-2022-rss/items.jsonl.gz')))
      .toString('utf8');
    leMonde = jsonl(text).map((r) => ({
      title: String(r.title ?? ''),
      description: String(r.description ?? ''),
      link: String(r.link ?? ''),
      published: String(r.published ?? ''),
      titleVariants: (r.titleVariants as string[]) ?? [],
    }));
  }
  return leMonde;
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, newlines in quotes). */
export function parseCsv(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    f = '',
    q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          f += '"';
          i++;
        } else q = false;
      } else f += c;
    } else if (c === '"') q = true;
    else if (c === sep) {
      row.push(f);
      f = '';
    } else if (c === '\n') {
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
    } else if (c !== '\r') f += c;
  }
  if (f || row.length) {
    row.push(f);
    rows.push(row);
  }
  return rows;
}

/** MLMA French tweets with their hostility label (`normal` or a hostility type). */
export function loadMlma(): Array<{ tweet: string; sentiment: string }> {
  return parseCsv(read('mlma-hate-speech-fr/fr_dataset.csv'))
    .slice(1)
    .filter((r) => r.length >= 3)
    .map((r) => ({ tweet: r[1]!, sentiment: r[2]! }));
}

/** Décodex 2017 sites: domains (no social paths) and note (1 satire, 2 very unreliable, 3 unreliable, 4 rather reliable). */
export function loadDecodex(): Array<{ name: string; domains: string[]; note: number }> {
  return (
    JSON.parse(read('source-reliability/decodex-2017/decodex_sites_latest.json')) as Array<{
      name: string;
      urls: string[];
      decodexNote: number;
    }>
  ).map((s) => ({
    name: s.name,
    domains: s.urls.filter((u) => !u.includes('/')).map((u) => u.toLowerCase().replace(/^www\./, '')),
    note: s.decodexNote,
  }));
}

/** DACCORD premise/hypothesis pairs from AFP Factuel fact-checks. */
export function loadDaccord(): Array<{ premise: string; hypothesis: string; contradiction: boolean }> {
  return parseCsv(read('daccord-fr-contradictions/daccord_dataset.tsv'), '\t')
    .slice(1)
    .filter((r) => r.length >= 4)
    .map((r) => ({ premise: r[1]!, hypothesis: r[2]!, contradiction: r[3] === '1' }));
}

/** LIAR statements (English) with their PolitiFact label. */
export function loadLiar(): Array<{ statement: string; label: string }> {
  return fs
    .readFileSync(path.join(DATASETS, 'fakenews-en/liar/test.tsv'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'))
    .map((c) => ({ label: c[1]!, statement: c[2]! }));
}
