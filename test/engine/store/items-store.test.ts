import type { Feed, FeedItem } from '../../../shared/types/feed';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource } from '../../../electron/engine/db/sources-store';
import {
  countItems,
  getItem,
  itemSources,
  listItems,
  setStarred,
  setTriage,
  stats,
} from '../../../electron/engine/db/items-store';
import { storeFeedItems } from '../../../electron/engine/ingest/store-feed';

function item(over: Partial<FeedItem>): FeedItem {
  return {
    guid: null,
    title: null,
    link: null,
    published: null,
    updated: null,
    authors: [],
    categories: [],
    summary: null,
    content: null,
    enclosures: [],
    ...over,
  };
}

function feed(items: FeedItem[], language: string | null = 'fr'): Feed {
  return {
    format: 'rss',
    title: 't',
    link: null,
    description: null,
    language,
    published: null,
    updated: null,
    authors: [],
    categories: [],
    items,
  };
}

describe('items store', () => {
  let db: Db;
  let a: number;
  let b: number;
  beforeEach(() => {
    db = openDatabase(':memory:');
    a = addSource(db, { name: 'Le Monde', url: 'https://www.lemonde.fr/rss/une.xml', type: 'press-national' }).id;
    b = addSource(db, { name: 'Ouest-France', url: 'https://www.ouest-france.fr/rss/une', type: 'press-regional' }).id;
  });
  afterEach(() => db.close());

  const at = (iso: string) => ({ fetchedAt: new Date(iso) });

  it('merges the same URL guid seen in two sources into one item recording both sources', () => {
    const it1 = item({
      guid: 'https://www.lemonde.fr/a/1.html',
      title: 'La préfète annonce un couvre-feu',
      summary: 'Texte.',
      published: '2022-03-01T10:00:00.000Z',
    });
    const r1 = storeFeedItems(db, { id: a }, feed([it1]), at('2022-03-01T12:00:00Z'));
    const r2 = storeFeedItems(db, { id: b }, feed([it1]), at('2022-03-01T13:00:00Z'));
    expect(r1).toMatchObject({ items: 1, new: 1 });
    expect(r2).toMatchObject({ items: 1, new: 0, newIds: [] });
    expect(countItems(db)).toBe(1);
    const srcs = itemSources(db, r1.newIds[0]);
    expect(srcs.map((s) => s.sourceId).sort()).toEqual([a, b].sort());
    expect(getItem(db, r1.newIds[0])!.sourceName).toBe('Le Monde');
  });

  it('merges the same link with tracking parameters (utm_, xtor, fbclid) across sources', () => {
    const base = 'https://www.lemonde.fr/politique/article/2022/03/01/x_123_823448.html';
    storeFeedItems(
      db,
      { id: a },
      feed([item({ guid: 'lm-1', link: `${base}?xtor=RSS-3208`, title: 'Présidentielle : le débat' })]),
      at('2022-03-01T12:00:00Z'),
    );
    const r = storeFeedItems(
      db,
      { id: b },
      feed([
        item({
          guid: 'of-9',
          link: `${base}?utm_source=twitter&utm_medium=social&fbclid=IwAR0`,
          title: 'Présidentielle : le débat (reprise)',
        }),
      ]),
      at('2022-03-01T13:00:00Z'),
    );
    expect(r.new).toBe(0);
    expect(countItems(db)).toBe(1);
    const [only] = listItems(db);
    expect(only.link).toBe(base);
    expect(itemSources(db, only.id)).toHaveLength(2);
  });

  it('does not merge non-URL guids of different sources, but counts occurrences per source', () => {
    const x = item({
      guid: '42',
      title: 'Un titre',
      summary: 'Un texte assez long pour être distinctif, vraiment, avec beaucoup de mots dedans.',
    });
    const y = item({ guid: '42', title: 'Autre chose', summary: 'Sans rapport.' });
    storeFeedItems(db, { id: a }, feed([x]), at('2022-03-01T12:00:00Z'));
    storeFeedItems(db, { id: a }, feed([x]), at('2022-03-01T13:00:00Z'));
    storeFeedItems(db, { id: b }, feed([y]), at('2022-03-01T13:00:00Z'));
    expect(countItems(db)).toBe(2);
    const ia = listItems(db, { sourceIds: [a] });
    expect(ia).toHaveLength(1);
    expect(itemSources(db, ia[0].id)[0]).toMatchObject({
      occurrences: 2,
      firstSeenAt: '2022-03-01T12:00:00.000Z',
      lastSeenAt: '2022-03-01T13:00:00.000Z',
    });
  });

  it('merges by content hash within a source when the guid scheme changes, not for short texts', () => {
    const text =
      'Le gouvernement a présenté mercredi un projet de loi sur le pouvoir d’achat, très attendu par les syndicats.';
    storeFeedItems(
      db,
      { id: a },
      feed([item({ guid: 'old-1', title: 'Pouvoir d’achat : le projet de loi', summary: text })]),
      at('2022-03-01T12:00:00Z'),
    );
    const r = storeFeedItems(
      db,
      { id: a },
      feed([item({ guid: 'new-1', title: 'Pouvoir d’achat : le projet de loi', summary: text })]),
      at('2022-03-02T12:00:00Z'),
    );
    expect(r.new).toBe(0);
    storeFeedItems(
      db,
      { id: a },
      feed([item({ guid: 'ep-1', title: 'Le journal de 8h' })]),
      at('2022-03-01T08:00:00Z'),
    );
    const r2 = storeFeedItems(
      db,
      { id: a },
      feed([item({ guid: 'ep-2', title: 'Le journal de 8h' })]),
      at('2022-03-02T08:00:00Z'),
    );
    expect(r2.new).toBe(1);
  });

  it('updates a republished headline (and its index) but never with an older replay', () => {
    const g = 'https://www.lemonde.fr/a/2.html';
    const [id] = storeFeedItems(
      db,
      { id: a },
      feed([item({ guid: g, title: 'Premier titre sur la grève' })]),
      at('2022-03-01T12:00:00Z'),
    ).newIds;
    storeFeedItems(
      db,
      { id: a },
      feed([item({ guid: g, title: 'Titre corrigé sur la manifestation' })]),
      at('2022-03-01T18:00:00Z'),
    );
    expect(getItem(db, id)!.title).toBe('Titre corrigé sur la manifestation');
    expect(listItems(db, { query: 'manifestation' }).map((i) => i.id)).toEqual([id]);
    expect(listItems(db, { query: 'grève' })).toHaveLength(0);
    storeFeedItems(
      db,
      { id: a },
      feed([item({ guid: g, title: 'Premier titre sur la grève' })]),
      at('2022-03-01T06:00:00Z'),
    );
    expect(getItem(db, id)!.title).toBe('Titre corrigé sur la manifestation');
  });

  it('searches accent-insensitively with booleans, phrases, prefixes and hostile input', () => {
    storeFeedItems(
      db,
      { id: a },
      feed([
        item({
          guid: 'https://x.fr/1',
          title: 'La préfète de police interdit la manifestation',
          published: '2022-03-01T10:00:00.000Z',
        }),
        item({
          guid: 'https://x.fr/2',
          title: 'Réforme des retraites : le gouvernement recule',
          published: '2022-03-02T10:00:00.000Z',
        }),
        item({
          guid: 'https://x.fr/3',
          title: 'Guerre en Ukraine : la Russie bombarde Kharkiv',
          summary: 'Les réfugiés affluent en Pologne.',
          published: '2022-03-03T10:00:00.000Z',
        }),
      ]),
      at('2022-03-03T12:00:00Z'),
    );
    const titles = (q: string) => listItems(db, { query: q }).map((i) => i.title);
    expect(titles('prefete')).toEqual(['La préfète de police interdit la manifestation']);
    expect(titles('PRÉFÈTE')).toHaveLength(1);
    expect(titles('réfor*')).toEqual(['Réforme des retraites : le gouvernement recule']);
    expect(titles('refugies')).toHaveLength(1);
    expect(titles('"guerre en ukraine"')).toHaveLength(1);
    expect(titles('"ukraine guerre"')).toHaveLength(0);
    expect(titles('retraites OR ukraine')).toHaveLength(2);
    expect(titles('-ukraine')).toHaveLength(2);
    expect(titles('titre:refugies')).toHaveLength(0);
    expect(titles('résumé:refugies')).toHaveLength(1);
    for (const q of ['"', '(', 'NEAR(a b)', 'title:', 'a AND', '*', '^x', '{title}: x', "l'ukraine )(", 'NOT']) {
      expect(() => listItems(db, { query: q })).not.toThrow();
    }
    expect(countItems(db, { query: 'ukraine' })).toBe(1);
  });

  it('filters by dates, sources, types, triage, star and sorts by score with unscored last', () => {
    const r = storeFeedItems(
      db,
      { id: a },
      feed([
        item({ guid: 'https://x.fr/1', title: 'Un', published: '2022-03-01T10:00:00.000Z' }),
        item({ guid: 'https://x.fr/2', title: 'Deux', published: '2022-03-02T10:00:00.000Z' }),
      ]),
      at('2022-03-02T12:00:00Z'),
    );
    storeFeedItems(
      db,
      { id: b },
      feed([item({ guid: 'https://y.fr/3', title: 'Trois', published: '2022-03-03T10:00:00.000Z' })]),
      at('2022-03-03T12:00:00Z'),
    );
    expect(listItems(db).map((i) => i.title)).toEqual(['Trois', 'Deux', 'Un']);
    expect(listItems(db, { since: '2022-03-02', until: '2022-03-03T00:00:00+00:00' }).map((i) => i.title)).toEqual([
      'Deux',
    ]);
    expect(listItems(db, { sourceTypes: ['press-regional'] }).map((i) => i.title)).toEqual(['Trois']);
    expect(listItems(db, { limit: 1, offset: 1 }).map((i) => i.title)).toEqual(['Deux']);
    db.prepare('UPDATE items SET virality = ? WHERE id = ?').run(80, r.newIds[0]);
    expect(listItems(db, { sort: 'virality' }).map((i) => i.title)).toEqual(['Un', 'Trois', 'Deux']);
    expect(listItems(db, { minVirality: 50 })).toHaveLength(1);
    expect(setTriage(db, [r.newIds[1]], 'follow')).toBe(1);
    expect(listItems(db, { triage: 'follow' }).map((i) => i.title)).toEqual(['Deux']);
    expect(() => setTriage(db, [1], 'bogus' as never)).toThrow(/triage/);
    setStarred(db, [r.newIds[0]], true);
    expect(listItems(db, { starred: true }).map((i) => i.title)).toEqual(['Un']);
    expect(() => listItems(db, { since: 'not a date' })).toThrow(/ISO/);
    const s = stats(db);
    expect(s).toMatchObject({ items: 3, occurrences: 3, sources: 2 });
    expect(s.perDay.map((d) => d.day)).toEqual(['2022-03-01', '2022-03-02', '2022-03-03']);
    expect(s.byType).toEqual(
      expect.arrayContaining([
        { type: 'press-national', items: 2 },
        { type: 'press-regional', items: 1 },
      ]),
    );
  });
});
