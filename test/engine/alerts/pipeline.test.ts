/**
 * Rules on the real pipeline: Le Monde articles stored and analysed by storeFeedItems (store +
 * stories + scores with reasons), then evaluateRulesForItems as the engine calls it after analysis.
 */
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource } from '../../../electron/engine/db/sources-store';
import { storeFeedItems } from '../../../electron/engine/ingest/store-feed';
import { insertChannel, insertRule, listAlerts } from '../../../electron/engine/db/alerts-store';
import { parseRuleDefinition } from '../../../electron/engine/alerts/rules';
import { evaluateRulesForItems } from '../../../electron/engine/alerts/evaluate';
import type { Feed } from '../../../shared/types/feed';
import type { AlertMessage } from '../../../shared/types/alerts';
import { readLeMondeSample } from '../../helpers/alerts-db';
import { describeWithDatasets } from '../../helpers/datasets';

let db: Db;
describeWithDatasets('ingest → analysis → rules (Le Monde sample)', () => {
  beforeAll(() => {
    process.env.DOTENV_CONFIG_QUIET = 'true';
  });
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  function feedOf(items: ReturnType<typeof readLeMondeSample>, now: Date): Feed {
    return {
      format: 'rss',
      title: 'Le Monde',
      link: 'https://www.lemonde.fr',
      description: null,
      language: 'fr',
      published: null,
      updated: null,
      authors: [],
      categories: [],
      items: items.map((s, i) => ({
        guid: s.link,
        title: s.title,
        link: s.link,
        published: new Date(now.getTime() - (items.length - i) * 60_000).toISOString(),
        updated: null,
        authors: [],
        categories: [s.section],
        summary: s.description,
        content: null,
        enclosures: [],
      })),
    };
  }

  it('alerts on analysed items matching the query, once per story, with the analysis reasons in the message', () => {
    const source = addSource(db, {
      name: 'Le Monde',
      url: 'https://www.lemonde.fr/rss/une.xml',
      type: 'press-national',
    });
    const mail = insertChannel(db, { name: 'mail', kind: 'smtp', config: { host: '127.0.0.1', from: 'v@vigie.test' } });
    insertRule(
      db,
      parseRuleDefinition({
        name: 'Covid',
        query: 'covid OR omicron OR vaccin* OR "passe vaccinal"',
        tiers: [{ severity: 'info' }],
        recipients: ['cab@interieur.test'],
        channelIds: [mail.id],
      }),
      'test',
    );
    const sample = readLeMondeSample().slice(0, 120);
    const now = new Date();
    const stored = storeFeedItems(db, source, feedOf(sample, now), { fetchedAt: now });
    expect(stored.new).toBe(120);
    const decided = evaluateRulesForItems(db, stored.newIds, now);

    const rows = db
      .prepare(
        `SELECT id, title, summary, story_id, virality, reasons FROM items WHERE id IN (${stored.newIds.join(',')})`,
      )
      .all() as Array<{
      id: number;
      title: string;
      summary: string;
      story_id: number | null;
      virality: number | null;
      reasons: string | null;
    }>;
    const matching = rows.filter((r) => /covid|omicron|vaccin|passe vaccinal/i.test(`${r.title} ${r.summary}`));
    const stories = new Set(matching.map((r) => r.story_id ?? `i${r.id}`));
    expect(matching.length).toBeGreaterThan(3);
    expect(decided).toHaveLength(stories.size); // one alert per story
    expect(new Set(decided.map((d) => d.itemId)).size).toBe(decided.length);
    for (const d of decided) expect(matching.some((m) => m.id === d.itemId)).toBe(true);

    const scored = rows.find((r) => r.id === decided[0].itemId)!;
    expect(scored.virality).not.toBeNull();
    const msg = listAlerts(db).find((a) => a.itemId === scored.id)!.payload as AlertMessage;
    expect(msg.scores.virality).toBe(scored.virality);
    const reasons = JSON.parse(scored.reasons ?? '{}') as { virality?: Array<{ signal: string; weight: number }> };
    expect(reasons.virality?.length).toBeGreaterThan(0);
    const strongest = [...reasons.virality!].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))[0];
    expect(msg.text).toContain(strongest.signal);
    // The next batch replays nothing (watermark).
    expect(evaluateRulesForItems(db, stored.newIds, now)).toHaveLength(0);
  });
});
