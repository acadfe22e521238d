/** Prints the feed parser's pass rate on every peer suite, one line each: `npx tsx scripts/parser-conformance.ts`. */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { parseFeedDate } from '../electron/engine/ingest/dates';
import { parseFeed } from '../electron/engine/ingest/parse-feed';
import { formatTally, walkFiles, type Tally } from '../test/engine/parse/conformance-common';
import {
  runFeedparserEncoding,
  runFeedparserManifest,
  runSanitizerSuite,
} from '../test/engine/parse/conformance-feedparser';
import {
  runFeedvalidatorDates,
  runFeedvalidatorValid,
  runLeMonde,
  runMinifluxTraps,
  runRobustness,
} from '../test/engine/parse/conformance-corpora';
import {
  runFeedRs,
  runGofeedParser,
  runGofeedUniversal,
  runRssParserGoldens,
} from '../test/engine/parse/conformance-peers';
import { dateVectorTally } from '../test/engine/parse/date-vectors';
import { RSS_CASES, runFieldCases } from '../test/engine/parse/field-sources';
import { ATOM_AND_BASE_CASES } from '../test/engine/parse/field-sources-atom';
import { datasetPath } from '../test/helpers/datasets';

/** Loads the Le Monde corpus index (guid → article). */
function loadLeMondeIndex(): Map<string, Record<string, unknown>> {
  const index = new Map<string, Record<string, unknown>>();
  const text = zlib.gunzipSync(fs.readFileSync(datasetPath('lemonde-2022-rss/items.jsonl.gz'))).toString('utf8');
  for (const line of text.split('\n'))
    if (line) {
      const r = JSON.parse(line) as Record<string, unknown>;
      index.set(String(r.id), r);
    }
  return index;
}

/** Warm parse throughput on the Le Monde raw snapshots (items/s), second pass of two. */
async function measureThroughput(): Promise<string> {
  const files = walkFiles(datasetPath('lemonde-2022-rss/raw-snapshots'))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => fs.readFileSync(f))
    .filter((b) => b.length > 0);
  let line = '';
  for (let pass = 0; pass < 2; pass++) {
    let items = 0;
    const start = process.hrtime.bigint();
    for (const bytes of files) items += (await parseFeed(bytes)).items.length;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    line = `parseFeed throughput (Le Monde, ${files.length} files, ${items} items): ${Math.round(items / seconds)} items/s, ${((seconds * 1000) / files.length).toFixed(2)} ms/file`;
  }
  return line;
}

/** The feedparser manifest split by its categories (rule classes), files passed per class on one line. */
async function feedparserByClass(): Promise<string> {
  const manifest = fs.readFileSync(datasetPath('feedparser-tests/manifest.jsonl'), 'utf8');
  const classes = [
    ...new Set(
      manifest
        .split('\n')
        .filter(Boolean)
        .map((l) => String(JSON.parse(l).category)),
    ),
  ].sort();
  const parts: string[] = [];
  for (const cls of classes) {
    const t = await runFeedparserManifest(new RegExp(`^${cls.replace(/[/]/g, '\\/')}$`));
    if (t.files) parts.push(`${cls.replace('wellformed/', '')} ${t.filesPassed}/${t.files}`);
  }
  return `feedparser manifest by class: ${parts.join(', ')}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const tallies: Tally[] = [];
  tallies.push(await runRssParserGoldens());
  tallies.push(await runGofeedParser());
  tallies.push(await runGofeedUniversal());
  tallies.push(await runFeedRs());
  tallies.push(await runFeedparserManifest());
  tallies.push(await runFeedparserEncoding());
  tallies.push(await runFeedvalidatorValid());
  tallies.push(await runMinifluxTraps());
  tallies.push(
    await runRobustness(
      'feedjira real feeds (no crash, items, dates)',
      walkFiles(datasetPath('feedjira-sample-feeds/spec/sample_feeds')),
    ),
  );
  tallies.push(
    await runRobustness(
      'miniflux large feeds',
      walkFiles(datasetPath('miniflux-testdata/internal/reader/parser/testdata')),
    ),
  );
  tallies.push(
    await runLeMonde(
      loadLeMondeIndex(),
      walkFiles(datasetPath('lemonde-2022-rss/raw-snapshots')).filter((f) => f.endsWith('.xml')),
    ),
  );
  tallies.push(dateVectorTally(parseFeedDate));
  const fvDates = await runFeedvalidatorDates();
  tallies.push(fvDates.valid, fvDates.invalidRejected);
  const { safety, textKept } = await runSanitizerSuite();
  tallies.push(safety, textKept);
  tallies.push(await runFieldCases('field sources by rule class, RSS/RDF/JSON (docs/feeds.md, synthetic)', RSS_CASES));
  tallies.push(await runFieldCases('field sources by rule class, Atom and base URIs (synthetic)', ATOM_AND_BASE_CASES));
  for (const t of tallies) console.log(formatTally(t));
  console.log(await feedparserByClass());
  console.log(await measureThroughput());
  if (process.argv.includes('--failures'))
    for (const t of tallies) for (const f of t.failures.slice(0, 15)) console.log(`  [${t.suite}] ${f}`);
  console.error(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

void main();
