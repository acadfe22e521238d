/**
 * Places at the département level on the hand-labelled headlines (scripts/eval/geo-labels.jsonl,
 * labelled before any tuning, see geo-labels.md): micro precision and recall per split.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gazetteer, placesOfItem } from '../../electron/engine/analysis/places';
import { DATASETS, loadLeMonde } from './datasets';

/** One labelled headline with its text resolved from the datasets. */
export interface PlaceLabel {
  title: string;
  source: string;
  split: 'dev' | 'heldout';
  sample: string;
  departements: string[];
  regions: string[];
}

/** The labelled headlines (throws when a reference no longer matches its title hash). */
export function loadPlaceLabels(): PlaceLabel[] {
  const rows = fs
    .readFileSync(path.join(__dirname, 'geo-labels.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const byLink = new Map(loadLeMonde().map((x) => [x.link, x.title]));
  const headlines = fs
    .readFileSync(path.join(DATASETS, 'fr-headlines-14-outlets/headlines.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  return rows.map((r) => {
    let title: string, source: string;
    if (r.set === 'lemonde-2022-rss') {
      title = byLink.get(String(r.link)) ?? '';
      source = 'Le Monde';
    } else {
      const h = JSON.parse(headlines[Number(r.line)]!) as { title: string; outlet: string };
      title = h.title;
      source = h.outlet;
    }
    const sha = crypto.createHash('sha1').update(title).digest('hex').slice(0, 10);
    if (sha !== r.titleSha1)
      throw new Error(`geo-labels: reference ${String(r.link ?? r.line)} does not match its title`);
    return {
      title,
      source,
      split: r.split as PlaceLabel['split'],
      sample: String(r.sample),
      departements: r.departements as string[],
      regions: r.regions as string[],
    };
  });
}

/** Micro precision / recall / F1 over sets of codes. */
function prf(pairs: Array<{ gold: string[]; pred: string[] }>) {
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const { gold, pred } of pairs) {
    const g = new Set(gold);
    for (const p of new Set(pred)) {
      if (g.has(p)) tp++;
      else fp++;
    }
    for (const x of g) if (!pred.includes(x)) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    tp,
    fp,
    fn,
  };
}

/** Département-level (and région-level) precision and recall, dev and held-out splits; `cost`: µs per headline. */
export function measurePlaces() {
  const labels = loadPlaceLabels();
  gazetteer(); // loaded once per process; the cost per headline is measured without it
  const t0 = process.hrtime.bigint();
  const preds = labels.map((l) => placesOfItem({ title: l.title, source: l.source }));
  const us = Number(process.hrtime.bigint() - t0) / 1e3 / labels.length;
  const rows = labels.map((l, i) => ({
    label: l,
    deps: preds[i]!.filter((p) => p.level === 'departement').map((p) => p.code),
    regions: preds[i]!.filter((p) => p.level === 'region').map((p) => p.code),
  }));
  const of = (split: string | null) => rows.filter((r) => !split || r.label.split === split);
  const dep = (rs: typeof rows) => prf(rs.map((r) => ({ gold: r.label.departements, pred: r.deps })));
  const reg = (rs: typeof rows) => prf(rs.map((r) => ({ gold: r.label.regions, pred: r.regions })));
  return {
    n: labels.length,
    dev: { n: of('dev').length, dep: dep(of('dev')), region: reg(of('dev')) },
    heldout: { n: of('heldout').length, dep: dep(of('heldout')), region: reg(of('heldout')) },
    all: { dep: dep(of(null)), region: reg(of(null)) },
    usPerHeadline: us,
    /** Dev rows only: the errors one may read to tune. */
    devErrors: of('dev').filter(
      (r) => r.deps.slice().sort().join() !== [...new Set(r.label.departements)].sort().join(),
    ),
  };
}
