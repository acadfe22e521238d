/**
 * Prints a reproducible sample of story clusters of one day for reading by hand:
 *
 *   npx tsx scripts/eval/hand-check-sample.ts headlines 2023-01-24 [--n 40] [--json]
 *   npx tsx scripts/eval/hand-check-sample.ts rsstrends 2025-02-10
 *
 * Clusters are made by the batch clusterer (what `vigie cluster` and `vigie analyze` use) over
 * the day's headlines; the sample takes clusters of two or more titles in an order fixed by a
 * hash of their first title, so a rerun gives the same sample while the clustering is the same.
 * `--json` prints the sample in the format of scripts/eval/hand-checks/*.json (verdicts empty).
 */
import { clusterDocs } from '../../electron/engine/analysis/cluster-batch';
import { dayTitles } from './hand-checks';

const [setName, day] = process.argv.slice(2);
const n = Number(process.argv[process.argv.indexOf('--n') + 1]) || 40;
if ((setName !== 'headlines' && setName !== 'rsstrends') || !day) {
  process.stderr.write('usage: hand-check-sample.ts headlines|rsstrends YYYY-MM-DD [--n 40] [--json]\n');
  process.exit(2);
}
const docs = dayTitles(setName, day);
const labels = clusterDocs(
  docs.map((d) => ({ title: d.title, text: d.text })),
  { evidence: !process.argv.includes('--no-evidence') },
);
const groups = new Map<number, number[]>();
labels.forEach((l, i) => groups.set(l, [...(groups.get(l) ?? []), i]));
const hash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};
const multi = [...groups.values()].filter((g) => g.length >= 2);
const sample = multi
  .map((g) => ({ g, h: hash(docs[g[0]!]!.title) }))
  .sort((a, b) => a.h - b.h)
  .slice(0, n)
  .map(({ g }) => g);
const singletons = [...groups.values()].filter((g) => g.length === 1).length;
if (process.argv.includes('--json')) {
  const out = sample.map((g) => ({
    titles: g.map((i) => `${docs[i]!.outlet} | ${docs[i]!.title}`),
    verdict: '',
    note: '',
  }));
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
} else {
  process.stdout.write(
    `${setName} ${day}: ${docs.length} titles, ${groups.size} clusters (${singletons} singletons, ${multi.length} of 2+)\n`,
  );
  sample.forEach((g, k) => {
    process.stdout.write(`\n#${k + 1} (${g.length})\n`);
    for (const i of g) process.stdout.write(`  ${docs[i]!.outlet} | ${docs[i]!.title}\n`);
  });
}
