/**
 * Virality quality figures on ../shared/datasets (no prominence set of our own exists, so each one
 * is a proxy for "this story mattered that day" taken from a different source of evidence):
 * - Le Monde 2022: the articles of each day through `vigie score`, against being carried by the
 *   "une" (front page) feed; one outlet, so only its own coverage speaks;
 * - rssTrends (12 outlets' feeds, captured daily): against an article still being in its outlet's
 *   feed at the next daily capture (time on the front page; compared within each outlet, whose
 *   feed length sets how long anything stays), and against rssTrends' own topic groups spanning
 *   at least three outlets (an independent clusterer's multi-outlet coverage);
 * - ties among the stories of those batches, and the stability of stored scores under rebuild.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { scoreBatchStories, type ScoreInput, type ScoreOutput } from '../../electron/engine/analysis/score-batch';
import { analyzeAll } from '../../electron/engine/analysis/pipeline';
import { openDatabase, type Db } from '../../electron/engine/db/open';
import { ingestFiles } from '../../electron/engine/ingest/ingest-files';
import { auc } from './metrics';
import { DATASETS } from './datasets';

const jsonl = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The une (front page) feed of Le Monde in the 2022 corpus. */
const LE_MONDE_UNE = '0,2-3208,1-0,0.xml';

/** One scored day: the batch, its labels and (optionally) a grouping inside which pairs are compared. */
interface ScoredDay {
  out: ScoreOutput[];
  stories: number[];
  labels: boolean[];
  groups?: string[];
}

/** Mean of the per-day AUCs (days with both classes), optionally compared inside groups only. */
function meanAuc(days: readonly ScoredDay[]): { auc: number; days: number; items: number; positives: number } {
  const aucs: number[] = [];
  let items = 0,
    positives = 0;
  for (const d of days) {
    items += d.out.length;
    positives += d.labels.filter(Boolean).length;
    if (!d.groups) {
      if (d.labels.some(Boolean) && d.labels.some((l) => !l))
        aucs.push(
          auc(
            d.out.map((o) => o.virality),
            d.labels,
          ),
        );
      continue;
    }
    // Within-group AUC: pairs only inside a group, weighted by each group's number of pairs.
    let num = 0,
      den = 0;
    const byGroup = new Map<string, number[]>();
    d.groups.forEach((g, i) => (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(i));
    for (const idx of byGroup.values()) {
      const pos = idx.filter((i) => d.labels[i]).length,
        neg = idx.length - pos;
      if (!pos || !neg) continue;
      num +=
        auc(
          idx.map((i) => d.out[i]!.virality),
          idx.map((i) => d.labels[i]!),
        ) *
        pos *
        neg;
      den += pos * neg;
    }
    if (den) aucs.push(num / den);
  }
  return { auc: aucs.reduce((a, x) => a + x, 0) / Math.max(1, aucs.length), days: aucs.length, items, positives };
}

let leMondeDays: Array<{ inputs: ScoreInput[]; labels: boolean[] }> | null = null;
/** Le Monde 2022 articles grouped by the day they first appeared (every `step`-th day). */
function loadLeMondeDays(step: number) {
  if (leMondeDays) return leMondeDays;
  const text = zlib
    .gunzipSync(fs.readFileSync(path.join(DATASETS, 'lemonde-2022-rss/items.jsonl.gz')))
    .toString('utf8');
  const byDay = new Map<string, Array<Record<string, unknown>>>();
  for (const l of text.split('\n')) {
    if (!l.trim()) continue;
    const r = JSON.parse(l) as Record<string, unknown>;
    const day = String(r.firstSeenSnapshot ?? '').slice(0, 10);
    (byDay.get(day) ?? byDay.set(day, []).get(day)!).push(r);
  }
  leMondeDays = [...byDay.keys()]
    .sort()
    .filter((_, i) => i % step === 0)
    .map((day) => {
      const rows = byDay.get(day)!;
      return {
        inputs: rows.map((r, k) => ({
          id: k,
          title: String(r.title ?? ''),
          text: String(r.description ?? ''),
          url: String(r.link ?? ''),
          source: 'Le Monde',
          sourceType: 'press-national',
          published: String(r.published ?? ''),
        })),
        labels: rows.map((r) => ((r.feeds as string[]) ?? []).includes(LE_MONDE_UNE)),
      };
    });
  return leMondeDays;
}

/** Le Monde 2022, one `vigie score` batch per day: AUC of virality for "carried by the une feed". */
export function measureLeMondeUne(step = 3) {
  const days = loadLeMondeDays(step).map((d) => ({ ...scoreBatchStories(d.inputs), labels: d.labels }));
  return { ...meanAuc(days), ties: tiesOf(days) };
}

interface RssItem {
  day: string;
  host: string;
  title: string;
  summary: string;
  link: string;
}

let rss: { items: RssItem[]; trends: Array<{ day: string; links: string[] }> } | null = null;
function loadRss() {
  if (rss) return rss;
  const items = jsonl(path.join(DATASETS, 'rsstrends-fr/news_items.jsonl')).map((r) => ({
    day: String(r.snapshot_date),
    host: String(r.outlet_host).replace(/^www\./, ''),
    title: String(r.title ?? ''),
    summary: String(r.summary ?? ''),
    link: String(r.link ?? ''),
  }));
  const trends = jsonl(path.join(DATASETS, 'rsstrends-fr/trends.jsonl')).map((r) => ({
    day: String(r.snapshot_date),
    links: ((r.docs as Array<[number, number, string]>) ?? []).map((d) => String(d[2])),
  }));
  rss = { items, trends };
  return rss;
}

/** The articles first captured on `day` (an article stays in a feed for several captures). */
function rssBatch(day: string, seenBefore: Set<string>, items: readonly RssItem[]) {
  const fresh = items.filter((i) => i.day === day && !seenBefore.has(i.link));
  const inputs: ScoreInput[] = fresh.map((i, k) => ({
    id: k,
    title: i.title,
    text: i.summary,
    url: i.link,
    source: i.host,
    sourceType: 'press-national',
    // The captures keep no publication time: every article of the day reads as published at the capture (21:00 UTC).
    published: `${day}T21:00:00Z`,
  }));
  return { fresh, inputs };
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * rssTrends February 2025 (contiguous daily captures): per day, the articles first captured that
 * day through `vigie score`; positive when the next capture still carries the article. Compared
 * within each outlet (a long feed keeps everything longer).
 */
export function measureRssPersistence() {
  const { items } = loadRss();
  const feb = [...new Set(items.map((i) => i.day))].filter((d) => d.startsWith('2025-02')).sort();
  const linksOf = new Map<string, Set<string>>();
  for (const i of items) (linksOf.get(i.day) ?? linksOf.set(i.day, new Set()).get(i.day)!).add(i.link);
  const days: ScoredDay[] = [];
  for (let k = 1; k < feb.length; k++) {
    const day = feb[k]!,
      next = linksOf.get(nextDay(day));
    // A missing capture (10 Feb) or the last day cannot say whether an article stayed.
    if (
      !next ||
      !linksOf.has(feb[k - 1]!) ||
      feb[k - 1] !== new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10)
    )
      continue;
    const { fresh, inputs } = rssBatch(day, linksOf.get(feb[k - 1]!)!, items);
    days.push({
      ...scoreBatchStories(inputs),
      labels: fresh.map((i) => next.has(i.link)),
      groups: fresh.map((i) => i.host),
    });
  }
  return { ...meanAuc(days), ties: tiesOf(days) };
}

/** rssTrends, every captured day: positive when the article is in one of rssTrends' topic groups spanning >= 3 outlets. */
export function measureRssCoverage(minOutlets = 3) {
  const { items, trends } = loadRss();
  const hostOf = new Map(items.map((i) => [i.link, i.host]));
  const covered = new Set<string>();
  for (const t of trends) {
    const hosts = new Set(t.links.map((l) => hostOf.get(l) ?? l));
    if (hosts.size >= minOutlets) for (const l of t.links) covered.add(`${t.day} ${l}`);
  }
  const days: ScoredDay[] = [];
  for (const day of [...new Set(items.map((i) => i.day))].sort()) {
    const { fresh, inputs } = rssBatch(day, new Set(), items);
    days.push({ ...scoreBatchStories(inputs), labels: fresh.map((i) => covered.has(`${day} ${i.link}`)) });
  }
  return { ...meanAuc(days), ties: tiesOf(days) };
}

/**
 * Ties among stories: per batch, the 20 most viral stories (a story's score = its best item's),
 * the share of them sharing their score with another of them, and `worst`, the largest number of
 * distinct stories sharing one score in any batch.
 */
export function tiesOf(batches: ReadonlyArray<{ out: ScoreOutput[]; stories: number[] }>): {
  tiedShare: number;
  worst: number;
} {
  let tied = 0,
    top = 0,
    worst = 0;
  for (const { out, stories } of batches) {
    const best = new Map<number, number>();
    out.forEach((o, i) => best.set(stories[i]!, Math.max(best.get(stories[i]!) ?? -1, o.virality)));
    const scores = [...best.values()].sort((a, b) => b - a).slice(0, 20);
    const count = new Map<number, number>();
    for (const s of scores) count.set(s, (count.get(s) ?? 0) + 1);
    for (const s of scores) if (count.get(s)! > 1) tied++;
    top += scores.length;
    for (const c of count.values()) worst = Math.max(worst, c);
  }
  return { tiedShare: tied / Math.max(1, top), worst };
}

/**
 * fr-headlines-14-outlets, 24 and 28 Jan 2023: every homepage headline of 15 outlets through
 * `vigie score` (one batch per day); positive when it is its outlet's main headline that day.
 */
export function measureMainHeadlines() {
  const rows = jsonl(path.join(DATASETS, 'fr-headlines-14-outlets/headlines.jsonl')).map((r) => ({
    date: String(r.date),
    outlet: String(r.outlet),
    title: String(r.title ?? '').trim(),
    kind: String(r.kind),
  }));
  const main = new Set(
    rows.filter((r) => r.kind === 'front-page-main-headline').map((r) => `${r.date} ${r.outlet} ${r.title}`),
  );
  const days: ScoredDay[] = [];
  for (const date of ['2023-01-24', '2023-01-28']) {
    const all = rows.filter((r) => r.date === date && r.kind === 'all-homepage-headlines');
    const inputs: ScoreInput[] = all.map((r, k) => ({
      id: k,
      title: r.title,
      source: r.outlet,
      sourceType: 'press-national',
      published: `${date}T12:00:00Z`,
    }));
    days.push({ ...scoreBatchStories(inputs), labels: all.map((r) => main.has(`${r.date} ${r.outlet} ${r.title}`)) });
  }
  return { ...meanAuc(days), ties: tiesOf(days) };
}

/** The Le Monde raw snapshot folders of 20–26 Feb 2022 (16 section feeds captured each evening). */
function leMondeFebruaryFiles(): string[] {
  const root = path.join(DATASETS, 'lemonde-2022-rss/raw-snapshots/2022/Feb');
  return ['20', '21', '22', '23', '24', '25', '26'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
}

/** Item scores as stored: virality and its reasons, by guid (stable across rebuilds). */
function storedVirality(db: Db): Map<number, { virality: number; reasons: string; story: number }> {
  const rows = db.prepare('SELECT id, virality, reasons, story_id AS story FROM items').all() as Array<{
    id: number;
    virality: number;
    reasons: string;
    story: number;
  }>;
  return new Map(
    rows.map((r) => [
      r.id,
      { virality: r.virality, reasons: JSON.stringify(JSON.parse(r.reasons).virality), story: r.story },
    ]),
  );
}

/**
 * Rebuild stability on Le Monde 20–26 Feb 2022: the snapshots are ingested in order (analysis at
 * ingest), then `vigie analyze` recomputes everything; the share of items whose virality and
 * reasons are identical, overall and among items whose story held the same earlier items (the
 * part virality answers for: the rebuild may group items differently).
 */
export async function measureRebuildStability() {
  const files = leMondeFebruaryFiles();
  const db = openDatabase(':memory:');
  try {
    await ingestFiles(db, files, { workers: 0, onError: () => undefined });
    const before = storedVirality(db);
    const membersBefore = membersByItem(db);
    analyzeAll(db);
    const after = storedVirality(db);
    const membersAfter = membersByItem(db);
    let same = 0,
      sameStory = 0,
      sameStorySame = 0;
    for (const [id, b] of before) {
      const a = after.get(id)!;
      const equal = a.virality === b.virality && a.reasons === b.reasons;
      if (equal) same++;
      if (membersBefore.get(id) === membersAfter.get(id)) {
        sameStory++;
        if (equal) sameStorySame++;
      }
    }
    return {
      items: before.size,
      identical: same / Math.max(1, before.size),
      sameStory,
      identicalSameStory: sameStorySame / Math.max(1, sameStory),
      files: files.length,
    };
  } finally {
    db.close();
  }
}

/** For each item, the ids of the items of its story that arrived no later than it (its story "as of" then). */
function membersByItem(db: Db): Map<number, string> {
  const rows = db.prepare('SELECT id, story_id AS story, fetched_at AS at FROM items ORDER BY id').all() as Array<{
    id: number;
    story: number;
    at: string;
  }>;
  const byStory = new Map<number, typeof rows>();
  for (const r of rows) (byStory.get(r.story) ?? byStory.set(r.story, []).get(r.story)!).push(r);
  const out = new Map<number, string>();
  for (const r of rows)
    out.set(
      r.id,
      byStory
        .get(r.story)!
        .filter((m) => m.at <= r.at)
        .map((m) => m.id)
        .join(','),
    );
  return out;
}

/**
 * Le Monde on the evening of 24 Feb 2022 (Russia invades Ukraine, two months before the
 * presidential election): the snapshots of 20–24 Feb ingested, then the stories ranked by their
 * virality as of the 24 Feb snapshot; `top` lists the 10 first with their items that day.
 */
export async function leMondeInvasionEvening() {
  const files = leMondeFebruaryFiles().filter((f) => path.basename(f) <= '24');
  const db = openDatabase(':memory:');
  try {
    await ingestFiles(db, files, { workers: 0, onError: () => undefined });
    const top = db
      .prepare(
        `SELECT s.id, s.title, s.virality, s.item_count AS items, s.last_seen AS lastSeen
         FROM stories s WHERE s.last_seen >= '2022-02-24' ORDER BY s.virality DESC LIMIT 10`,
      )
      .all() as Array<{ id: number; title: string; virality: number; items: number; lastSeen: string }>;
    return { top };
  } finally {
    db.close();
  }
}
