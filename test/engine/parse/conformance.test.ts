/** Peer-suite conformance of parseFeed: pass rates are printed and held to the floors reached. */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { datasetPath, describeWithDatasets } from '../../helpers/datasets';
import { checkRate, fileRate, formatTally, walkFiles, type Tally } from './conformance-common';
import { runFeedparserEncoding, runFeedparserManifest } from './conformance-feedparser';
import {
  runFeedvalidatorDates,
  runFeedvalidatorValid,
  runLeMonde,
  runMinifluxTraps,
  runRobustness,
} from './conformance-corpora';
import { runFeedRs, runGofeedParser, runGofeedUniversal, runRssParserGoldens } from './conformance-peers';

/** Prints a tally (so CI logs carry the figures) and returns it. */
function report(t: Tally): Tally {
  console.error(formatTally(t));
  return t;
}

describeWithDatasets('parser conformance on peer suites', () => {
  it('rss-parser goldens (misses are golden artefacts: xml2js reordering, block spacing)', async () => {
    const t = report(await runRssParserGoldens());
    expect(fileRate(t)).toBeGreaterThanOrEqual(0.85);
    expect(checkRate(t)).toBeGreaterThanOrEqual(0.99);
  });

  it('gofeed parser/ goldens', async () => {
    const t = report(await runGofeedParser());
    expect(t.files).toBeGreaterThanOrEqual(430);
    expect(fileRate(t)).toBeGreaterThanOrEqual(0.965);
  });

  it('gofeed universal-model pairs (the translator comparison; multi-valued dc:creator kept whole by design)', async () => {
    const t = report(await runGofeedUniversal());
    expect(t.files).toBeGreaterThanOrEqual(6);
    expect(fileRate(t)).toBeGreaterThanOrEqual(0.83);
  });

  it('feed-rs fixtures (real BBC, Spiegel, YouTube, Reddit feeds)', async () => {
    const t = report(await runFeedRs());
    expect(fileRate(t)).toBeGreaterThanOrEqual(0.98);
  });

  it('feedparser manifest simple expectations that map to our model', async () => {
    const t = report(await runFeedparserManifest());
    expect(t.files).toBeGreaterThanOrEqual(300);
    expect(fileRate(t)).toBeGreaterThanOrEqual(0.985);
  });

  it('feedparser encoding and ill-formed documents decode cleanly with their HTTP headers', async () => {
    const t = report(await runFeedparserEncoding());
    expect(t.files).toBeGreaterThanOrEqual(50);
    expect(fileRate(t)).toBe(1);
  });

  it('feedvalidator valid feeds all parse', async () => {
    const t = report(await runFeedvalidatorValid());
    expect(fileRate(t)).toBe(1);
  });

  it('feedvalidator: every date it calls valid is parsed', async () => {
    const { valid, invalidRejected } = await runFeedvalidatorDates();
    report(valid);
    report(invalidRejected);
    expect(valid.files).toBeGreaterThanOrEqual(50);
    expect(fileRate(valid)).toBe(1);
    // Out-of-range fields (day 32, hour 25, month 13) are always rejected.
    expect(invalidRejected.filesPassed).toBeGreaterThanOrEqual(30);
  });

  it('Miniflux charset traps decode to the right titles without U+FFFD', async () => {
    const t = report(await runMinifluxTraps());
    expect(t.failures).toEqual([]);
  });

  it('real-world feeds (feedjira, Miniflux large feeds): no crash, items found, dates parsed', async () => {
    const jira = report(
      await runRobustness('feedjira real feeds', walkFiles(datasetPath('feedjira-sample-feeds/spec/sample_feeds'))),
    );
    const large = report(
      await runRobustness(
        'miniflux large feeds',
        walkFiles(datasetPath('miniflux-testdata/internal/reader/parser/testdata')),
      ),
    );
    expect(fileRate(jira)).toBeGreaterThanOrEqual(0.97);
    expect(fileRate(large)).toBe(1);
  });

  it('Le Monde raw snapshots match the corpus index (titles, links, dates), 0-byte file → parse.empty', async () => {
    const index = new Map<string, Record<string, unknown>>();
    for (const line of zlib
      .gunzipSync(fs.readFileSync(datasetPath('lemonde-2022-rss/items.jsonl.gz')))
      .toString('utf8')
      .split('\n')) {
      if (line) {
        const r = JSON.parse(line) as Record<string, unknown>;
        index.set(String(r.id), r);
      }
    }
    const t = report(
      await runLeMonde(
        index,
        walkFiles(datasetPath('lemonde-2022-rss/raw-snapshots')).filter((f) => f.endsWith('.xml')),
      ),
    );
    expect(t.files).toBe(352);
    expect(fileRate(t)).toBe(1);
  });
});
