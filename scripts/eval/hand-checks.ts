/**
 * Hand-checked story clusters (scripts/eval/hand-checks/*.json): a day's sample of clusters, each
 * with its titles and a verdict read by a person — `coherent` (one event or development),
 * `mixed` (titles of different events) — and a note. `npm run eval` prints the share coherent
 * and how many of the judged clusters the current code still makes exactly, so a reader knows
 * whether the judgement is about the code as it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { clusterDocs } from '../../electron/engine/analysis/cluster-batch';
import { DATASETS } from './datasets';

/** One title of a day, with its outlet and optional lead. */
export interface DayTitle {
  outlet: string;
  title: string;
  text?: string;
}

/** The headlines of one day: fr-headlines-14-outlets (all homepage headlines) or rssTrends (unique links). */
export function dayTitles(set: 'headlines' | 'rsstrends', day: string): DayTitle[] {
  const seen = new Set<string>();
  if (set === 'headlines') {
    return (
      fs
        .readFileSync(path.join(DATASETS, 'fr-headlines-14-outlets/headlines.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { date: string; outlet: string; title: string; kind: string })
        // 2023 has every homepage headline; 2022 only each outlet's main one.
        .filter((r) => r.date === day && (r.kind === 'all-homepage-headlines' || day < '2023'))
        // A homepage repeats a headline across its sections: ingest stores it once (dedup by text).
        .filter((r) => !seen.has(`${r.outlet}|${r.title}`) && seen.add(`${r.outlet}|${r.title}`))
        .map((r) => ({ outlet: r.outlet, title: r.title }))
    );
  }
  const out: DayTitle[] = [];
  for (const l of fs.readFileSync(path.join(DATASETS, 'rsstrends-fr/news_items.jsonl'), 'utf8').split('\n')) {
    if (!l) continue;
    const r = JSON.parse(l) as {
      snapshot_date: string;
      outlet_host: string;
      title: string;
      summary?: string;
      link: string;
    };
    if (r.snapshot_date !== day || seen.has(r.link)) continue;
    seen.add(r.link);
    out.push({ outlet: r.outlet_host.replace(/^www\./, ''), title: r.title, text: r.summary ?? undefined });
  }
  return out;
}

/** A judged cluster. */
export interface JudgedCluster {
  titles: string[];
  verdict: 'coherent' | 'mixed' | '';
  note?: string;
}

/** A hand-check file. */
export interface HandCheck {
  set: 'headlines' | 'rsstrends';
  day: string;
  /** What made the clusters (code version, clusterer). */
  made: string;
  /** Who read them and how. */
  method: string;
  clusters: JudgedCluster[];
}

/** Directory of the hand-check files. */
export const HAND_CHECKS = path.resolve(__dirname, 'hand-checks');

/** Every hand-check file with its coherent share and how many judged clusters the code still makes. */
export function measureHandChecks(): Array<{
  file: string;
  set: string;
  day: string;
  judged: number;
  coherent: number;
  share: number;
  stillMade: number;
}> {
  if (!fs.existsSync(HAND_CHECKS)) return [];
  return fs
    .readdirSync(HAND_CHECKS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const hc = JSON.parse(fs.readFileSync(path.join(HAND_CHECKS, file), 'utf8')) as HandCheck;
      const judged = hc.clusters.filter((c) => c.verdict);
      const coherent = judged.filter((c) => c.verdict === 'coherent').length;
      const docs = dayTitles(hc.set, hc.day);
      const labels = clusterDocs(docs.map((d) => ({ title: d.title, text: d.text })));
      const groups = new Map<number, string[]>();
      labels.forEach((l, i) => groups.set(l, [...(groups.get(l) ?? []), `${docs[i]!.outlet} | ${docs[i]!.title}`]));
      const made = new Set([...groups.values()].map((g) => [...g].sort().join('\n')));
      const stillMade = judged.filter((c) => made.has([...c.titles].sort().join('\n'))).length;
      return {
        file,
        set: hc.set,
        day: hc.day,
        judged: judged.length,
        coherent,
        share: judged.length ? coherent / judged.length : 0,
        stillMade,
      };
    });
}
