/**
 * Alert rules by territory on the real pipeline: items stored and analysed (places included),
 * then evaluateRulesForItems. "Infox in the Finistère → the prefecture's channel".
 */
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource } from '../../../electron/engine/db/sources-store';
import { storeFeedItems } from '../../../electron/engine/ingest/store-feed';
import { insertChannel, insertRule } from '../../../electron/engine/db/alerts-store';
import { parseRuleDefinition } from '../../../electron/engine/alerts/rules';
import { evaluateRulesForItems } from '../../../electron/engine/alerts/evaluate';
import type { Feed } from '../../../shared/types/feed';

let db: Db;
beforeEach(() => {
  process.env.DOTENV_CONFIG_QUIET = 'true';
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

const TITLES = [
  ['Brest : un arrêté préfectoral ordonnerait l’évacuation du port', 'Partagez avant suppression !'],
  ['Quimper : la préfecture dément une fausse circulaire', 'Un document circule dans le Finistère.'],
  ['Marseille : un arrêté préfectoral ordonnerait l’évacuation du Vieux-Port', 'Partagez avant suppression !'],
  ['Réforme des retraites : nouvelle journée de grève', 'Mobilisation dans toute la France.'],
];

function feed(now: Date): Feed {
  return {
    format: 'rss',
    title: 'Réseau social',
    link: 'https://social.example',
    description: null,
    language: 'fr',
    published: null,
    updated: null,
    authors: [],
    categories: [],
    items: TITLES.map(([title, summary], i) => ({
      guid: `g${i}`,
      title,
      link: `https://social.example/p/${i}`,
      published: new Date(now.getTime() - (TITLES.length - i) * 60_000).toISOString(),
      updated: null,
      authors: [],
      categories: [],
      summary,
      content: null,
      enclosures: [],
    })),
  };
}

it('fires only for items in the rule’s départements or régions, and validates the codes', () => {
  const source = addSource(db, { name: 'Posts', url: 'https://social.example/feed', type: 'social' });
  const hook = insertChannel(db, { name: 'préfecture 29', kind: 'webhook', config: { url: 'http://127.0.0.1:9/x' } });
  const rule = (name: string, extra: object) =>
    insertRule(
      db,
      parseRuleDefinition({ name, tiers: [{ severity: 'urgent' }], channelIds: [hook.id], ...extra }),
      'test',
    );
  const finistere = rule('Finistère', { departements: ['29'] });
  const bretagne = rule('Bretagne', { regions: ['53'] });
  const paca = rule('PACA', { regions: ['93'] });
  const now = new Date();
  const stored = storeFeedItems(db, source, feed(now), { fetchedAt: now });
  expect(stored.new).toBe(4);
  const decided = evaluateRulesForItems(db, stored.newIds, now);
  const titlesOf = (ruleId: number) =>
    decided
      .filter((d) => d.ruleId === ruleId)
      .map((d) => TITLES[stored.newIds.indexOf(d.itemId)]![0])
      .sort();
  // One alert per story: the two Finistère items may share one.
  expect(titlesOf(finistere.id).length).toBeGreaterThanOrEqual(1);
  for (const t of titlesOf(finistere.id)) expect(t).toMatch(/Brest|Quimper/);
  expect(titlesOf(bretagne.id)).toEqual(titlesOf(finistere.id));
  expect(titlesOf(paca.id)).toEqual([TITLES[2]![0]]);
  expect(() => parseRuleDefinition({ name: 'x', tiers: [{ severity: 'info' }], departements: ['Finistère'] })).toThrow(
    /departements/,
  );
});
