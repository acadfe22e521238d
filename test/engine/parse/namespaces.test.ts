/** Namespaces read by URI, whatever prefix the feed spells them with (minimal documents, no datasets). */
import { prefixRenames, renamePrefixes } from '../../../electron/engine/ingest/namespaces';
import { parseFeed } from '../../../electron/engine/ingest/parse-feed';

const FAR = new Date('2100-01-01T00:00:00Z');
const parse = (text: string) => parseFeed(text, { fetchedAt: FAR, itemCache: false });

const RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"';

describe('RSS 1.0 without a default namespace', () => {
  it('reads channel and items bound to a prefix (rss:channel, rss:item) instead of crashing', async () => {
    const feed = await parse(
      `<rdf:RDF ${RDF} xmlns:rss="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <rss:channel rdf:about="http://example.org/"><rss:title>Canal</rss:title><rss:link>http://example.org/</rss:link></rss:channel>
        <rss:item rdf:about="http://example.org/1"><rss:title>Un</rss:title><rss:link>http://example.org/1</rss:link>
          <dc:date>2023-01-24T10:00:00Z</dc:date></rss:item>
      </rdf:RDF>`,
    );
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('Canal');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ title: 'Un', link: 'http://example.org/1', guid: 'http://example.org/1' });
    expect(feed.items[0].published).toBe('2023-01-24T10:00:00.000Z');
  });

  it('reads RSS 1.0 with no RSS namespace declared at all, and items outside any channel', async () => {
    const noNs = await parse(
      `<rdf:RDF ${RDF}><channel><title>T</title></channel><item><title>I</title></item></rdf:RDF>`,
    );
    expect(noNs.items.map((i) => i.title)).toEqual(['I']);
    const noChannel = await parse(
      `<rdf:RDF ${RDF} xmlns:rss="http://purl.org/rss/1.0/"><rss:item><rss:title>Seul</rss:title></rss:item></rdf:RDF>`,
    );
    expect(noChannel.items.map((i) => i.title)).toEqual(['Seul']);
  });

  it('gives a clear parse.invalid, not a TypeError, when the channel sits where no format puts it', async () => {
    const err = await parse('<rss version="2.0"><wrapper><channel><title>x</title></channel></wrapper></rss>').catch(
      (e: Error & { code?: string }) => e,
    );
    expect(err).toMatchObject({ code: 'parse.invalid' });
    expect((err as Error).message).toContain('<channel>');
    // A channel in an unknown namespace is no channel: an empty feed, not a crash.
    const unknown = await parse(
      `<rdf:RDF ${RDF} xmlns:x="http://unknown.example/"><x:channel><x:title>t</x:title></x:channel></rdf:RDF>`,
    );
    expect(unknown.items).toEqual([]);
  });
});

describe('extension prefixes by namespace URI', () => {
  it('reads Dublin Core, content and Atom elements under non-standard prefixes', async () => {
    const feed = await parse(
      `<rss version="2.0" xmlns:dcel="http://purl.org/dc/elements/1.1/" xmlns:c="http://purl.org/rss/1.0/modules/content/"
          xmlns:atom10="http://www.w3.org/2005/Atom">
        <channel><title>T</title><atom10:link rel="alternate" href="http://example.org/"/>
          <item><title>I</title><dcel:creator>Anne Martin</dcel:creator><dcel:date>2023-01-24T10:00:00Z</dcel:date>
            <c:encoded><![CDATA[<p>Corps</p>]]></c:encoded></item></channel></rss>`,
    );
    expect(feed.items[0].authors).toEqual([{ name: 'Anne Martin' }]);
    expect(feed.items[0].published).toBe('2023-01-24T10:00:00.000Z');
    expect(feed.items[0].content).toBe('<p>Corps</p>');
  });

  it('matches namespace URIs case-insensitively and without a trailing slash (iTunes spellings)', () => {
    const xml = '<rss xmlns:it="http://www.itunes.com/DTDs/PodCast-1.0.dtd" xmlns:m="http://search.yahoo.com/mrss">';
    expect(Object.fromEntries(prefixRenames(xml, false, null))).toEqual({ it: 'itunes', m: 'media' });
  });

  it('leaves a prefix alone when renaming would merge two namespaces', () => {
    // `dc` is taken by another namespace: renaming `d` to `dc` would mix them.
    const xml = '<rss xmlns:dc="http://other.example/" xmlns:d="http://purl.org/dc/elements/1.1/">';
    expect(prefixRenames(xml, false, null).size).toBe(0);
    // One prefix bound to two URIs in different places: ambiguous, left alone.
    const twice = '<rss xmlns:x="http://purl.org/dc/elements/1.1/"><item xmlns:x="http://other.example/">';
    expect(prefixRenames(twice, false, null).size).toBe(0);
  });

  it('renames tags only, never attributes, and strips the vocabulary prefix of an Atom document', () => {
    const renames = prefixRenames('<a:feed xmlns:a="http://www.w3.org/2005/Atom">', true, 'a');
    expect(renamePrefixes('<a:feed><a:entry a:x="1"><a:title>t</a:title></a:entry></a:feed>', renames)).toBe(
      '<feed><entry a:x="1"><title>t</title></entry></feed>',
    );
  });
});

describe('SVG and MathML inside descriptions and content', () => {
  it('keeps their text in summaries and content, never loses it', async () => {
    const feed = await parse(
      `<rss version="2.0"><channel><title>t</title><item><title>i</title>
        <description>&lt;svg xmlns="http://www.w3.org/2000/svg"&gt;&lt;text&gt;Carte des crues&lt;/text&gt;&lt;/svg&gt; du jour</description>
      </item></channel></rss>`,
    );
    expect(feed.items[0].summary).toBe('Carte des crues du jour');
    const atomFeed = await parse(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>f</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
        <p>Soit</p><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>a</mi><mo>+</mo><mi>b</mi></math></div></content></entry></feed>`,
    );
    expect(atomFeed.items[0].content).toMatch(/<p>Soit<\/p>\s*a\+b/);
  });
});
