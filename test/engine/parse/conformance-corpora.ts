/** Conformance on real corpora: feedvalidator, Miniflux charset traps, feedjira/Miniflux real feeds, Le Monde snapshots. */
import fs from 'node:fs';
import path from 'node:path';
import { parseFeed } from '../../../electron/engine/ingest/parse-feed';
import type { Feed } from '../../../shared/types/feed';
import { datasetPath } from '../../helpers/datasets';
import { FileChecks, newTally, type Tally } from './conformance-common';
import { FETCHED_AT, tryParse } from './conformance-peers';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Real-world robustness corpora: no crash, items found, dates parsed (feedjira and Miniflux large feeds). */
export async function runRobustness(name: string, files: string[]): Promise<Tally> {
  const t = newTally(name);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    // Entry fragments and HTML saved next to the feeds are not feeds (refused as parse.not_a_feed).
    if (!/<(?:\w+:)?(?:rss|feed|RDF)[\s>]|^\s*\{/.test(text.slice(0, 2000))) {
      t.skipped++;
      continue;
    }
    const c = new FileChecks(t, path.basename(file));
    const feed = await tryParse(file, c);
    if (feed) {
      c.check('has items', '>0', feed.items.length, feed.items.length > 0);
      const dated = feed.items.filter((i) => i.published ?? i.updated).length;
      const firstItem = text.search(/<(?:item|entry)[\s>]/);
      const dateTags =
        firstItem < 0
          ? 0
          : (text.slice(firstItem).match(/<(?:pubDate|dc:date|published|updated|issued|modified)[\s>]/g) ?? []).length;
      if (dateTags >= feed.items.length) c.check('items dated', feed.items.length, dated, dated === feed.items.length);
      c.check('no U+FFFD', 0, null, !JSON.stringify(feed).includes('\uFFFD'));
    }
    c.done();
  }
  return t;
}

/** feedvalidator cases expected to raise no error (`!Error`): they must parse. */
export async function runFeedvalidatorValid(): Promise<Tally> {
  const t = newTally('feedvalidator !Error cases parse');
  const root = datasetPath('feedvalidator-testcases');
  const manifest = fs
    .readFileSync(path.join(root, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as J);
  for (const m of manifest.filter((x) => /(^|\s)!Error\b/.test(x.expect))) {
    const file = path.join(root, m.path);
    if (!fs.existsSync(file)) continue;
    const c = new FileChecks(t, m.path);
    try {
      await parseFeed(fs.readFileSync(file), { fetchedAt: FETCHED_AT });
      c.check('parse', 'ok', 'ok', true);
    } catch (err) {
      const code = (err as { code?: string }).code;
      // Non-feed documents in the pool (e.g. bare entry documents) are correctly refused as not_a_feed.
      c.check(
        'parse',
        'ok',
        code,
        code === 'parse.not_a_feed' && !/<(rss|feed|rdf:RDF)[\s>]/.test(fs.readFileSync(file, 'utf8')),
      );
    }
    c.done();
  }
  return t;
}

/** Expected charset-trap results (Miniflux testdata): feed title and first item title after decoding. */
export const MINIFLUX_TRAPS: Record<string, [string, string | null]> = {
  'encoding/testdata/invalid-prolog.xml': ['테스트 피드', 'Café'],
  'encoding/testdata/iso-8859-1.xml': ['Café', null],
  'encoding/testdata/koi8r.xml': ['Пример RSS ленты', 'Первая новость'],
  'encoding/testdata/utf8-incorrect-prolog.xml': ['테스트 피드', 'Café'],
  'encoding/testdata/utf8.xml': ['테스트 피드', 'Café'],
  'encoding/testdata/windows-1252-incorrect-prolog.xml': ['Euro €', null],
  'encoding/testdata/windows-1252.xml': ['Euro €', null],
  'xml/testdata/koi8r.xml': ['Пример RSS ленты', 'Первая новость'],
  'parser/testdata/encoding_WINDOWS-1251.xml': ['iBash.Org.Ru', 'Цитата #17703'],
  'parser/testdata/no_encoding_ISO-8859-1.xml': [
    'Flux RSS du magazine de psychologie Le Cercle Psy',
    'Perturbateurs endocriniens : quels effets sur le cerveau ?',
  ],
  'parser/testdata/urdu_UTF8.xml': [
    'BBC News اردو - پاکستان کے لیے امریکی امداد کی بہار و خزاں',
    'امریکی عسکری امداد کی بندش کی وجوہات: انڈیا سے جنگ، جوہری پروگرام اور اب دہشت گردوں کی پشت پناہی',
  ],
};

/** Miniflux charset traps: correct titles and no U+FFFD anywhere. */
export async function runMinifluxTraps(): Promise<Tally> {
  const t = newTally('miniflux charset traps');
  for (const [rel, [title, firstItem]] of Object.entries(MINIFLUX_TRAPS)) {
    const c = new FileChecks(t, rel);
    const feed = await tryParse(datasetPath('miniflux-testdata/internal/reader', rel), c);
    if (feed) {
      c.check('title', title, feed.title, feed.title === title);
      if (firstItem) c.check('items[0].title', firstItem, feed.items[0]?.title, feed.items[0]?.title === firstItem);
      c.check('no U+FFFD', 0, null, !JSON.stringify(feed).includes('\uFFFD'));
    }
    c.done();
  }
  return t;
}

/**
 * Le Monde raw snapshots against the corpus index (items.jsonl.gz): every non-empty file parses,
 * item counts match the <item> elements, and each item's title (or a recorded variant), chapô,
 * link and publication instant match. The 0-byte file must fail with parse.empty.
 */
export async function runLeMonde(index: Map<string, J>, files: string[]): Promise<Tally> {
  const t = newTally('Le Monde raw snapshots');
  for (const file of files) {
    const c = new FileChecks(t, path.relative(datasetPath('lemonde-2022-rss'), file));
    const bytes = fs.readFileSync(file);
    if (bytes.length === 0) {
      try {
        await parseFeed(bytes);
        c.check('error', 'parse.empty', 'ok', false);
      } catch (err) {
        c.check(
          'error',
          'parse.empty',
          (err as { code?: string }).code,
          (err as { code?: string }).code === 'parse.empty',
        );
      }
      c.done();
      continue;
    }
    const feed = await tryParse(file, c);
    if (feed) {
      const expected = (bytes.toString('utf8').match(/<item[\s>]/g) ?? []).length;
      c.check('items.length', expected, feed.items.length, expected === feed.items.length);
      for (const it of feed.items) {
        const ref = it.guid ? index.get(it.guid) : undefined;
        if (!ref) continue;
        // The index keeps the publisher's doubled spaces; our titles are whitespace-collapsed.
        const squash = (s: unknown) =>
          String(s ?? '')
            .replace(/[ \t\r\n]+/g, ' ')
            .trim();
        const titles = new Set(
          [ref.title, ...((ref.titleVariants ?? []) as J[]).map((v) => (typeof v === 'string' ? v : v.title))].map(
            squash,
          ),
        );
        c.check('title', ref.title, it.title, titles.has(squash(it.title)));
        // Chapôs are edited over time and the index keeps one version: require one, not the same one.
        if (ref.description) c.check('summary present', true, !!it.summary, !!it.summary);
        c.check('link', ref.link, it.link, ref.link === it.link);
        c.instant('published', ref.published, it.published);
      }
    }
    c.done();
  }
  return t;
}

/** Where a feedvalidator date event points, in our model (unmapped elements are skipped). */
function dateAt(feed: Feed, parent: string, element: string): string | null | undefined {
  if (parent === 'channel' && element === 'pubDate') return feed.published;
  if (parent === 'channel' && element === 'dc:date') return feed.published ?? feed.updated;
  if ((parent === 'channel' && element === 'lastBuildDate') || (parent === 'feed' && element === 'updated'))
    return feed.updated;
  if ((parent === 'item' && element === 'pubDate') || (parent === 'entry' && element === 'published'))
    return feed.items[0]?.published;
  if (parent === 'entry' && element === 'updated') return feed.items[0]?.updated;
  return undefined;
}

/**
 * feedvalidator date events: every date the validator calls valid (ValidRFC2822Date, ValidW3CDTFDate)
 * must parse. Rejection of dates it calls invalid is counted separately: Vigie is lenient on purpose
 * (a readable date beats none, e.g. extra spaces or a missing colon), so that figure is informational.
 */
export async function runFeedvalidatorDates(): Promise<{ valid: Tally; invalidRejected: Tally }> {
  const valid = newTally('feedvalidator valid dates parsed');
  const invalidRejected = newTally('feedvalidator invalid dates rejected (informational: lenient on purpose)');
  const root = datasetPath('feedvalidator-testcases');
  const manifest = fs
    .readFileSync(path.join(root, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as J);
  for (const m of manifest) {
    // params is a string "parent:channel,element:pubDate".
    const events = (m.events as J[])
      .filter((e) => !e.negated && /Date$/.test(e.event) && typeof e.params === 'string')
      .map((e) => ({
        event: String(e.event),
        params: Object.fromEntries(
          String(e.params)
            .split(',')
            .map((kv) => kv.split(':').map((x) => x.trim()))
            .map(([k, ...v]) => [k, v.join(':')]),
        ) as Record<string, string>,
      }))
      .filter((e) => e.params.parent && e.params.element);
    if (!events.length || !fs.existsSync(path.join(root, m.path))) continue;
    let feed: Feed | null = null;
    try {
      feed = await parseFeed(fs.readFileSync(path.join(root, m.path)), { fetchedAt: FETCHED_AT });
    } catch {
      feed = null;
    }
    for (const e of events) {
      const isValid = e.event.startsWith('Valid');
      const tally = isValid ? valid : /^Invalid/.test(e.event) ? invalidRejected : null;
      if (!tally) continue;
      const value = feed ? dateAt(feed, e.params.parent, e.params.element) : null;
      if (value === undefined) {
        tally.skipped++;
        continue;
      }
      const c = new FileChecks(tally, `${m.path} ${e.event}`);
      c.check(
        `${e.params.parent}/${e.params.element}`,
        isValid ? 'a date' : null,
        value,
        isValid ? value !== null : value === null,
      );
      c.done();
    }
  }
  return { valid, invalidRejected };
}
