/** Feed parser figures for `npm run eval`: the peer suites' visible halves and the rule classes, one line each. */
import { formatTally, type Tally } from '../../test/engine/parse/conformance-common';
import { runFeedparserManifest, runSanitizerSuite } from '../../test/engine/parse/conformance-feedparser';
import { runFeedvalidatorValid } from '../../test/engine/parse/conformance-corpora';
import {
  runFeedRs,
  runGofeedParser,
  runGofeedUniversal,
  runRssParserGoldens,
} from '../../test/engine/parse/conformance-peers';
import { RSS_CASES, runFieldCases } from '../../test/engine/parse/field-sources';
import { ATOM_AND_BASE_CASES } from '../../test/engine/parse/field-sources-atom';

/**
 * One line per suite. gofeed's translator/ and half of feedparser's manifest are held out (they
 * judge); every figure here is on data the parser's rules were checked against: development.
 */
export async function parserLines(): Promise<string[]> {
  const line = (t: Tally, note: string) => `parser ${formatTally(t)} [development: ${note}]`;
  const { safety, textKept } = await runSanitizerSuite();
  return [
    line(await runGofeedUniversal(), 'extensions/ only, translator/ held out'),
    line(await runGofeedParser(), 'whole set'),
    line(await runFeedparserManifest(), 'visible half of the manifest'),
    line(await runFeedRs(), 'whole set'),
    line(await runRssParserGoldens(), 'whole set'),
    line(await runFeedvalidatorValid(), 'whole set'),
    line(safety, 'target: no survivor'),
    line(textKept, 'whole set'),
    line(await runFieldCases('field sources by rule class, RSS/RDF/JSON (synthetic)', RSS_CASES), 'docs/feeds.md'),
    line(
      await runFieldCases('field sources by rule class, Atom and base URIs (synthetic)', ATOM_AND_BASE_CASES),
      'docs/feeds.md',
    ),
  ];
}
