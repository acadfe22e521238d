/**
 * Story figures beyond the Google News halves (measures.ts): the spread over random halves, ingest
 * with the periodic re-clustering, and the topic level on real days (the pension reform on two
 * strike days, the re-election front pages, Le Monde on the day of the invasion).
 */
import { clusterBatch, clusterDocs } from '../../electron/engine/analysis/cluster-batch';
import { clusterTopics } from '../../electron/engine/analysis/cluster-topics';
import { analyzeNewItems } from '../../electron/engine/analysis/pipeline';
import { reclusterOpenWindow } from '../../electron/engine/analysis/recluster';
import { upsertItems } from '../../electron/engine/db/items-store';
import { openDatabase } from '../../electron/engine/db/open';
import { addSource } from '../../electron/engine/db/sources-store';
import { processItems } from '../../electron/engine/ingest/process-items';
import { bcubed } from './metrics';
import { loadGoogleNews, loadLeMonde } from './datasets';
import { dayTitles } from './hand-checks';

/** A seeded pseudo-random generator (the same halves on every machine). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/**
 * Google News batch F1 over `n` random halves by story (each story's titles go to one half, at
 * random; each half clustered alone): mean, min and max. A spread this wide says how far one
 * fixed split is from the held-out half.
 */
export function measureGoogleNewsRandomHalves(n = 20) {
  const rows = loadGoogleNews();
  const clusters = [...new Set(rows.map((r) => r.cluster))];
  const f1s: number[] = [];
  for (let k = 0; k < n; k++) {
    const rand = lcg(1000 + k);
    const half = new Map(clusters.map((c) => [c, rand() < 0.5]));
    for (const side of [true, false]) {
      const rs = rows.filter((r) => half.get(r.cluster) === side);
      f1s.push(
        bcubed(
          rs.map((r) => r.cluster),
          clusterDocs(rs.map((r) => ({ title: r.title }))),
        ).f1,
      );
    }
  }
  f1s.sort((a, b) => a - b);
  return { mean: f1s.reduce((a, b) => a + b, 0) / f1s.length, min: f1s[0]!, max: f1s[f1s.length - 1]!, n: f1s.length };
}

/**
 * Google News as ingest sees it: the titles stored in small batches (7 per call, the size of a
 * feed refresh) through the streamed pipeline, then one re-clustering of the open window (what
 * the background job does every 10 minutes). F1 after streaming alone and after the pass.
 */
export function measureGoogleNewsIngest() {
  const rows = loadGoogleNews();
  const db = openDatabase(':memory:');
  try {
    const sourceId = addSource(db, { name: 'Google News', url: 'https://news.google.invalid/fr', type: 'web' }).id;
    const day = Date.parse('2019-06-01T00:00:00Z');
    let seed = 7;
    const times = rows.map(() => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * 86_400_000);
    });
    const order = rows.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
    const at = new Date(day + 86_400_000);
    const idOf = new Map<number, number>();
    for (let k = 0; k < order.length; k += 7) {
      const chunk = order.slice(k, k + 7);
      const items = chunk.map((i) => ({
        guid: `gn-${i}`,
        title: rows[i]!.title,
        link: null,
        published: new Date(day + times[i]!).toISOString(),
        updated: null,
        authors: [],
        categories: [],
        summary: null,
        content: null,
        enclosures: [],
      }));
      const feed = {
        format: 'rss' as const,
        title: 'Google News',
        link: null,
        description: null,
        language: 'fr',
        published: null,
        updated: null,
        authors: [],
        categories: [],
        items,
      };
      db.transaction(() => upsertItems(db, sourceId, processItems(feed, { sourceId, fetchedAt: at }), at))();
      const key = db.prepare('SELECT item_id FROM item_keys WHERE key = ?').pluck();
      const fresh: number[] = [];
      for (const i of chunk) {
        const id = key.get(`g:${sourceId}:gn-${i}`) as number | undefined;
        if (id !== undefined) {
          idOf.set(i, id);
          fresh.push(id);
        }
      }
      analyzeNewItems(db, [...new Set(fresh)]);
    }
    const byTitle = db.prepare('SELECT story_id FROM items WHERE title = ? LIMIT 1').pluck();
    const storyOf = db.prepare('SELECT story_id FROM items WHERE id = ?').pluck();
    const labels = () =>
      rows.map((r, i) => (idOf.has(i) ? storyOf.get(idOf.get(i)!) : byTitle.get(r.title.trim())) as number);
    const gold = rows.map((r) => r.cluster);
    const streamed = bcubed(gold, labels());
    reclusterOpenWindow(db);
    return { streamed: streamed.f1, reclustered: bcubed(gold, labels()).f1 };
  } finally {
    db.close();
  }
}

/** The events and topics of a list of titles (the batch clusterer, then topics over its events). */
function eventsAndTopics(titles: ReadonlyArray<{ title: string; text?: string }>) {
  const b = clusterBatch(titles.map((d) => ({ title: d.title, text: d.text })));
  const { topicOf, terms } = clusterTopics(b.vectors, b.labels);
  return { events: b.labels, topics: b.labels.map((e) => topicOf.get(e)!), multi: terms };
}

/** Share of the titles matching `re` in the topic holding most of them, and in how many events they are. */
function umbrella(titles: ReadonlyArray<{ title: string; text?: string }>, re: RegExp) {
  const { events, topics } = eventsAndTopics(titles);
  const idx = titles.flatMap((t, i) => (re.test(t.title) ? [i] : []));
  const count = new Map<number, number>();
  for (const i of idx) count.set(topics[i]!, (count.get(topics[i]!) ?? 0) + 1);
  const best = Math.max(0, ...count.values());
  return {
    titles: idx.length,
    inTopic: best,
    share: idx.length ? best / idx.length : 0,
    events: new Set(idx.map((i) => events[i])).size,
  };
}

/**
 * Umbrella stories: the pension reform on 24 and 28 Jan 2023 (titles with "retraite", > 5 % of
 * the day), the re-election front pages of 24 Apr 2022 (titles naming Macron) and Le Monde's
 * Ukraine items on 24 Feb 2022. For each, the share of those titles in the one topic holding most
 * of them (the regexes only pick the titles to count; the clustering never sees them).
 */
export function measureUmbrellas() {
  const leMondeDay = loadLeMonde()
    .filter((it) => it.published.startsWith('2022-02-24'))
    .map((it) => ({ title: it.title, text: it.description }));
  return {
    pensions24: umbrella(dayTitles('headlines', '2023-01-24'), /retraite/i),
    pensions28: umbrella(dayTitles('headlines', '2023-01-28'), /retraite/i),
    reelection: umbrella(dayTitles('headlines', '2022-04-24'), /macron/i),
    ukraine: umbrella(leMondeDay, /ukrain|russ|poutine|kiev|kyiv/i),
  };
}
