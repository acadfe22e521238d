/** The parser's item cache: items repeated byte for byte are reused, never at the cost of a different result. */
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { ParsedItemCache, splitItems } from '../../../electron/engine/ingest/item-cache';
import { parseFeed } from '../../../electron/engine/ingest/parse-feed';
import { lemondeRawFiles } from '../../helpers/lemonde-replica';
import { testWithDatasets } from '../../helpers/datasets';

const rss = (items: string[], channelExtra = '') =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Préfecture</title><link>https://pref.example.fr/</link>${channelExtra}<lastBuildDate>Mon, 23 Nov 2026 10:00:00 +0100</lastBuildDate>\n${items.join('\n')}\n</channel></rss>`;
const item = (n: number, title = `Titre ${n}`) =>
  `<item><title>${title}</title><link>https://pref.example.fr/a/${n}</link><guid>https://pref.example.fr/a/${n}</guid><pubDate>Mon, 23 Nov 2026 0${n % 10}:00:00 +0100</pubDate><description>Texte de l'article ${n}</description></item>`;
const at = new Date('2026-11-23T12:00:00Z');

describe('splitItems', () => {
  test('cuts a plain RSS document into envelope and items', () => {
    const doc = rss([item(1), item(2)]);
    const split = splitItems(doc, 'item')!;
    expect(split.spans).toHaveLength(2);
    expect(split.head).toContain('<lastBuildDate>');
    expect(split.tail.trim()).toBe('</channel></rss>');
    expect(split.head + split.spans.join('\n') + split.tail).toBe(doc);
  });

  test('tells items from look-alike tags (RDF <items>, spaced closing tags)', () => {
    const rdf =
      '<rdf:RDF><channel><items><rdf:Seq><rdf:li resource="a"/></rdf:Seq></items></channel>' +
      '<item rdf:about="a"><title>A</title></item >\n<item rdf:about="b"><title>B</title></item></rdf:RDF>';
    const split = splitItems(rdf, 'item')!;
    expect(split.spans).toEqual([
      '<item rdf:about="a"><title>A</title></item >',
      '<item rdf:about="b"><title>B</title></item>',
    ]);
    expect(splitItems('<feed><title>t</title><entry><id>1</id></entry></feed>', 'entry')!.spans).toEqual([
      '<entry><id>1</id></entry>',
    ]);
  });

  test('refuses documents it cannot cut safely', () => {
    // "</item>" inside CDATA ends the regex span early: the leftover must be detected.
    expect(
      splitItems(
        rss([`<item><title>a</title><description><![CDATA[x </item> y]]></description></item>`, item(2)]),
        'item',
      ),
    ).toBeNull();
    expect(
      splitItems(
        rss([item(1), `<item><title>b</title><description><![CDATA[x </item> y]]></description></item>`]),
        'item',
      ),
    ).toBeNull();
    // A tag-looking string inside CDATA, channel elements between items, a self-closing item.
    expect(splitItems(rss([`<item><description><![CDATA[<item>]]></description></item>`]), 'item')).toBeNull();
    expect(splitItems(rss([item(1), '<image><url>https://x/i.png</url></image>', item(2)]), 'item')).toBeNull();
    expect(splitItems(rss([item(1), '<item/>']), 'item')).toBeNull();
    expect(splitItems(rss([]), 'item')).toBeNull();
  });
});

describe('parseFeed with an item cache', () => {
  test('a re-fetched feed reuses unchanged items and parses only the new or changed ones', async () => {
    const cache = new ParsedItemCache();
    const first = await parseFeed(rss([item(1), item(2), item(3)]), { fetchedAt: at, itemCache: cache });
    expect(cache).toMatchObject({ hits: 0, misses: 3 });
    // Next poll: a new item on top, item 2 rewritten, a new lastBuildDate (volatile: ignored).
    const next = rss([item(4), item(1), item(2, 'Titre 2 corrigé'), item(3)]).replace('10:00:00', '10:05:00');
    const second = await parseFeed(next, { fetchedAt: at, itemCache: cache });
    expect(cache).toMatchObject({ hits: 2, misses: 5 });
    expect(second.items.map((i) => i.title)).toEqual(['Titre 4', 'Titre 1', 'Titre 2 corrigé', 'Titre 3']);
    expect(second.items[1]).toBe(first.items[0]);
    // What the cache holds is a copy with strings of its own (no slice of the whole document kept alive).
    expect(first.items[0]).toEqual((await parseFeed(rss([item(1)]), { fetchedAt: at, itemCache: false })).items[0]);
    expect(second).toEqual(await parseFeed(next, { fetchedAt: at, itemCache: false }));
  });

  test('the same item bytes in another channel are parsed again (relative links depend on it)', async () => {
    const cache = new ParsedItemCache();
    const rel = `<item><title>Relatif</title><link>/a/relative</link></item>`;
    const a = await parseFeed(rss([rel]), { fetchedAt: at, itemCache: cache });
    const b = await parseFeed(rss([rel]).replace('https://pref.example.fr/', 'https://autre.example.fr/'), {
      fetchedAt: at,
      itemCache: cache,
    });
    expect(cache.hits).toBe(0);
    expect(a.items[0].link).toBe('https://pref.example.fr/a/relative');
    expect(b.items[0].link).toBe('https://autre.example.fr/a/relative');
  });

  test('an item holding absolute URLs only is reused across channels (one article in two section feeds)', async () => {
    const cache = new ParsedItemCache();
    const abs =
      `<item><title>Absolu</title><link>https://pref.example.fr/a/9</link><guid isPermaLink="true">https://pref.example.fr/a/9</guid>` +
      `<description><![CDATA[<p>Voir <a href="https://pref.example.fr/b">ici</a></p>]]></description><enclosure url="https://pref.example.fr/i.jpg" type="image/jpeg" length="1"/></item>`;
    const a = await parseFeed(rss([abs]), { fetchedAt: at, itemCache: cache });
    const b = await parseFeed(
      rss([abs]).replace('https://pref.example.fr/</link>', 'https://autre.example.fr/section</link>'),
      { fetchedAt: at, itemCache: cache },
    );
    expect(cache.hits).toBe(1);
    expect(b.items[0]).toBe(a.items[0]);
    // Any relative or escaped reference keeps the channel in the key: base URLs apply to it.
    for (const body of [
      '<a href="/b">ici</a>',
      '&lt;a href=&quot;/b&quot;&gt;ici&lt;/a&gt;',
      '<img srcset="https://x/1.jpg 1x, /2.jpg 2x">',
    ]) {
      const c = new ParsedItemCache();
      const rel = abs.replace(
        /<description>[\s\S]*<\/description>/,
        `<content:encoded>${body.startsWith('&') ? body : `<![CDATA[${body}]]>`}</content:encoded>`,
      );
      await parseFeed(rss([rel]), { fetchedAt: at, itemCache: c });
      await parseFeed(
        rss([rel]).replace('https://pref.example.fr/</link>', 'https://autre.example.fr/section</link>'),
        { fetchedAt: at, itemCache: c },
      );
      expect(c.hits).toBe(0);
    }
  });

  test('an item whose date was clamped to the fetch time is not reused', async () => {
    const cache = new ParsedItemCache();
    const future = `<item><title>Futur</title><guid>f1</guid><pubDate>Tue, 01 Jan 2036 00:00:00 +0000</pubDate></item>`;
    const a = await parseFeed(rss([future]), { fetchedAt: at, itemCache: cache });
    expect(a.items[0].published).toBe(at.toISOString());
    const later = new Date(at.getTime() + 3_600_000);
    const b = await parseFeed(rss([future]), { fetchedAt: later, itemCache: cache });
    expect(cache.hits).toBe(0);
    expect(b.items[0].published).toBe(later.toISOString());
  });

  test('broken documents go through repair and are never cached', async () => {
    const cache = new ParsedItemCache();
    const broken = rss([item(1), `<item><title>A & B</title><guid>x</guid></item>`]);
    const a = await parseFeed(broken, { fetchedAt: at, itemCache: cache });
    expect(a.items.map((i) => i.title)).toEqual(['Titre 1', 'A & B']);
    expect(cache.size).toBe(0);
  });

  test('evicts the least recently used items beyond its capacity', async () => {
    const cache = new ParsedItemCache(2);
    await parseFeed(rss([item(1), item(2), item(3)]), { fetchedAt: at, itemCache: cache });
    expect(cache.size).toBe(2);
    await parseFeed(rss([item(2), item(3)]), { fetchedAt: at, itemCache: cache });
    expect(cache.hits).toBe(2);
  });

  testWithDatasets(
    'replaying the real Le Monde snapshots gives exactly the uncached result, with most items reused',
    async () => {
      const cache = new ParsedItemCache();
      const fetchedAt = new Date('2022-12-31T00:00:00Z');
      let files = 0;
      for (const f of lemondeRawFiles()) {
        const bytes = fs.readFileSync(f);
        if (bytes.length === 0) continue;
        const plain = await parseFeed(bytes, { fetchedAt, itemCache: false });
        const reused = await parseFeed(bytes, { fetchedAt, itemCache: cache });
        // Compared as data: the cache's clones come from Node's realm, not jest's (prototypes differ).
        if (!isDeepStrictEqual(JSON.parse(JSON.stringify(plain)), JSON.parse(JSON.stringify(reused))))
          throw new Error(`cached parse differs for ${f}`);
        expect(Object.keys(reused.items[0] ?? {})).toEqual(Object.keys(plain.items[0] ?? {}));
        files++;
      }
      expect(files).toBeGreaterThan(300);
      // 6,985 occurrences of 2,430 distinct item texts spread over 16 section feeds.
      expect(cache.hits / (cache.hits + cache.misses)).toBeGreaterThan(0.35);
    },
  );
});
