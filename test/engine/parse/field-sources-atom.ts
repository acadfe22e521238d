/** Field sources by rule class for Atom, and base URIs (XML Base, Content-Location, fetched URL) for both syntaxes. */
import type { Feed } from '../../../shared/types/feed';
import { atom, D1, D2, ISO1, ISO2, rss, type FieldCase } from './field-sources';

const item0 = (f: Feed) => f.items[0];
const names = (f: Feed, i?: number) => (i === undefined ? f.authors : f.items[i].authors).map((a) => a.name ?? a.email);

/** Entry-level Atom rules. */
const ENTRY: FieldCase[] = [
  ...(
    [
      ['title ← title (html)', '<title type="html">&lt;b&gt;T&lt;/b&gt;</title>', 'T'],
      ['title ← dc:title', '<dc:title>T</dc:title>', 'T'],
      ['title ← media:title (only text)', '<media:title>T</media:title>', 'T'],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `atom entry ${rule}`,
    doc: atom('', x),
    read: (f: Feed) => item0(f).title,
    expected: v,
  })),
  ...(
    [
      ['link ← link rel=alternate', '<link rel="alternate" href="http://ex.org/1"/>', 'http://ex.org/1'],
      ['link ← link without rel', '<link href="http://ex.org/1"/>', 'http://ex.org/1'],
      [
        'link: HTML alternate preferred',
        '<link rel="alternate" type="application/pdf" href="http://ex.org/1.pdf"/><link rel="alternate" type="text/html" href="http://ex.org/1"/>',
        'http://ex.org/1',
      ],
      [
        'link: not rel=self or edit',
        '<link rel="self" href="http://ex.org/s"/><link rel="edit" href="http://ex.org/e"/>',
        null,
      ],
      ['link ← http id when no link', '<id>http://ex.org/1</id>', 'http://ex.org/1'],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `atom entry ${rule}`,
    doc: atom('', x),
    read: (f: Feed) => item0(f).link,
    expected: v,
  })),
  ...(
    [
      ['summary ← summary', '<summary>S</summary>', 'S'],
      ['summary ← dc:description', '<dc:description>S</dc:description>', 'S'],
      ['summary ← itunes:summary', '<itunes:summary>S</itunes:summary>', 'S'],
      ['summary ← media:description (only text)', '<media:description>S</media:description>', 'S'],
      ['summary: summary before dc:description', '<dc:description>D</dc:description><summary>S</summary>', 'S'],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `atom entry ${rule}`,
    doc: atom('', x),
    read: (f: Feed) => item0(f).summary,
    expected: v,
  })),
  ...(
    [
      ['content ← content text (escaped)', '<content>a &lt; b</content>', 'a &lt; b'],
      ['content ← content html', '<content type="html">&lt;p&gt;C&lt;/p&gt;</content>', '<p>C</p>'],
      [
        'content ← content xhtml (div unwrapped)',
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>C</p></div></content>',
        '<p>C</p>',
      ],
      ['content ← content base64', '<content type="text/html" mode="base64">PHA+QzwvcD4=</content>', '<p>C</p>'],
      ['content ← content:encoded', '<content:encoded><![CDATA[<p>C</p>]]></content:encoded>', '<p>C</p>'],
      [
        'content: content before content:encoded',
        '<content:encoded>E</content:encoded><content type="html">C</content>',
        'C',
      ],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `atom entry ${rule}`,
    doc: atom('', x),
    read: (f: Feed) => item0(f).content,
    expected: v,
  })),
  ...(
    [
      ['published ← published', `<published>${D1}</published>`, ISO1],
      ['published ← issued (0.3)', `<issued>${D1}</issued>`, ISO1],
      ['published ← created (0.3)', `<created>${D1}</created>`, ISO1],
      ['published ← dc:date', `<dc:date>${D1}</dc:date>`, ISO1],
      ['published ← updated when no published', `<updated>${D1}</updated>`, ISO1],
      ['published: published before updated', `<updated>${D2}</updated><published>${D1}</published>`, ISO1],
      [
        'published: an unreadable published stays null',
        `<published>not a date</published><updated>${D1}</updated>`,
        null,
      ],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `atom entry ${rule}`,
    doc: atom('', x),
    read: (f: Feed) => item0(f).published,
    expected: v,
  })),
  ...(
    [
      ['updated ← updated', `<updated>${D2}</updated>`, ISO2],
      ['updated ← modified (0.3)', `<modified>${D2}</modified>`, ISO2],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `atom entry ${rule}`,
    doc: atom('', x),
    read: (f: Feed) => item0(f).updated,
    expected: v,
  })),
  ...(
    [
      ['authors ← author', '<author><name>A</name></author><author><name>B</name></author>', ['A', 'B']],
      ['authors ← dc:creator', '<dc:creator>C</dc:creator>', ['C']],
      [
        'authors: author before dc:creator (not merged)',
        '<dc:creator>C</dc:creator><author><name>A</name></author>',
        ['A'],
      ],
      ['authors ← source author', '<source><author><name>S</name></author></source>', ['S']],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `atom entry ${rule}`,
    doc: atom('', x),
    read: (f: Feed) => names(f, 0),
    expected: v,
  })),
  {
    rule: 'atom entry authors ← feed author when the entry has none (RFC 4287 §4.2.1)',
    doc: atom('<author><name>F</name></author>', '<title>t</title>'),
    read: (f) => names(f, 0),
    expected: ['F'],
  },
  {
    rule: 'atom entry authors: source author before feed author',
    doc: atom('<author><name>F</name></author>', '<source><author><name>S</name></author></source>'),
    read: (f) => names(f, 0),
    expected: ['S'],
  },
  ...(
    [
      ['categories ← category term', '<category term="a" label="A"/><category term="b"/>', ['a', 'b']],
      ['categories ← category label without term', '<category label="A"/>', ['A']],
      ['categories ← dc:subject when no category', '<dc:subject>s</dc:subject>', ['s']],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `atom entry ${rule}`,
    doc: atom('', x),
    read: (f: Feed) => item0(f).categories,
    expected: v,
  })),
];

/** Feed-level Atom rules. */
const FEED: FieldCase[] = [
  ...(
    [
      ['title ← title', '<title>T</title>', (f: Feed) => f.title, 'T'],
      ['description ← subtitle', '<subtitle>S</subtitle>', (f: Feed) => f.description, 'S'],
      ['description ← tagline (0.3)', '<tagline>S</tagline>', (f: Feed) => f.description, 'S'],
      ['description ← info (0.3)', '<info>S</info>', (f: Feed) => f.description, 'S'],
      [
        'link ← link rel=alternate',
        '<link rel="self" href="http://ex.org/f"/><link rel="alternate" href="http://ex.org/"/>',
        (f: Feed) => f.link,
        'http://ex.org/',
      ],
      ['language ← dc:language', '<dc:language>fr</dc:language>', (f: Feed) => f.language, 'fr'],
      ['updated ← updated', `<updated>${D1}</updated>`, (f: Feed) => f.updated, ISO1],
      ['updated ← modified (0.3)', `<modified>${D1}</modified>`, (f: Feed) => f.updated, ISO1],
      [
        'authors ← author',
        '<author><name>A</name><email>a@ex.org</email></author>',
        (f: Feed) => f.authors,
        [{ name: 'A', email: 'a@ex.org' }],
      ],
      ['authors ← dc:creator when no author', '<dc:creator>C</dc:creator>', (f: Feed) => names(f), ['C']],
      ['categories ← category term', '<category term="a"/>', (f: Feed) => f.categories, ['a']],
    ] as const
  ).map(([rule, x, read, v]) => ({ rule: `atom feed ${rule}`, doc: atom(x), read, expected: v })),
  {
    rule: 'atom feed language ← xml:lang',
    doc: atom('<title>t</title>', '', 'xml:lang="fr-FR"'),
    read: (f) => f.language,
    expected: 'fr-fr',
  },
  {
    rule: 'atom feed language ← HTTP Content-Language',
    doc: atom('<title>t</title>'),
    options: { contentLanguage: 'fr' },
    read: (f) => f.language,
    expected: 'fr',
  },
];

const URL = 'http://fetched.example/feeds/une.xml';

/** Base URIs: xml:base, then HTTP Content-Location, then the fetched URL (XML Base; feedparser's rules). */
const BASES: FieldCase[] = [
  {
    rule: 'base: relative RSS item link resolved against the fetched URL',
    doc: rss('<title>t</title>', '<link>/a/1</link>'),
    options: { baseUrl: URL },
    read: (f) => item0(f).link,
    expected: 'http://fetched.example/a/1',
  },
  {
    rule: 'base: Content-Location before the fetched URL',
    doc: rss('<title>t</title>', '<link>a/1</link>'),
    options: { baseUrl: URL, contentLocation: 'http://cdn.example/x/' },
    read: (f) => item0(f).link,
    expected: 'http://cdn.example/x/a/1',
  },
  {
    rule: 'base: a relative Content-Location is resolved against the fetched URL',
    doc: rss('<title>t</title>', '<link>a/1</link>'),
    options: { baseUrl: URL, contentLocation: '/v2/' },
    read: (f) => item0(f).link,
    expected: 'http://fetched.example/v2/a/1',
  },
  {
    rule: 'base: root xml:base before Content-Location',
    doc: rss('<title>t</title>', '<link>a/1</link>', 'xml:base="http://base.example/r/"'),
    options: { baseUrl: URL, contentLocation: 'http://cdn.example/x/' },
    read: (f) => item0(f).link,
    expected: 'http://base.example/r/a/1',
  },
  {
    rule: 'base: item xml:base, relative to the document base',
    doc: rss('<title>t</title>', '').replace('</channel>', '<item xml:base="sub/"><link>a/1</link></item></channel>'),
    options: { baseUrl: URL },
    read: (f) => item0(f).link,
    expected: 'http://fetched.example/feeds/sub/a/1',
  },
  {
    rule: 'base: content:encoded links resolved against the document base',
    doc: rss('<title>t</title>', '<content:encoded><![CDATA[<a href="/p">x</a>]]></content:encoded>'),
    options: { baseUrl: URL },
    read: (f) => /href="([^"]*)"/.exec(item0(f).content ?? '')?.[1],
    expected: 'http://fetched.example/p',
  },
  {
    rule: 'base: relative channel link resolved',
    doc: rss('<link>/</link>'),
    options: { baseUrl: URL },
    read: (f) => f.link,
    expected: 'http://fetched.example/',
  },
  {
    rule: 'base: without any base, RSS item links resolve against the channel link',
    doc: rss('<link>http://site.example/</link>', '<link>/a/1</link>'),
    read: (f) => item0(f).link,
    expected: 'http://site.example/a/1',
  },
  {
    rule: 'base: Atom feed xml:base then entry xml:base',
    doc: atom('<title>t</title>', '<link href="1"/>', 'xml:base="http://base.example/b/"').replace(
      '<entry>',
      '<entry xml:base="e/">',
    ),
    options: { baseUrl: URL },
    read: (f) => item0(f).link,
    expected: 'http://base.example/b/e/1',
  },
  {
    rule: 'base: xml:base on the Atom link element itself',
    doc: atom('<title>t</title>', '<link xml:base="http://other.example/d/" href="1"/>'),
    options: { baseUrl: URL },
    read: (f) => item0(f).link,
    expected: 'http://other.example/d/1',
  },
  {
    rule: 'base: xml:base on Atom content governs its HTML',
    doc: atom(
      '<title>t</title>',
      '<content type="html" xml:base="http://c.example/z/">&lt;a href="p"&gt;x&lt;/a&gt;</content>',
    ),
    options: { baseUrl: URL },
    read: (f) => /href="([^"]*)"/.exec(item0(f).content ?? '')?.[1],
    expected: 'http://c.example/z/p',
  },
  {
    rule: 'base: Atom entry link relative to Content-Location',
    doc: atom('<title>t</title>', '<link href="/e/1"/>'),
    options: { baseUrl: URL, contentLocation: 'http://cdn.example/' },
    read: (f) => item0(f).link,
    expected: 'http://cdn.example/e/1',
  },
  {
    rule: 'base: RSS enclosure URL resolved',
    doc: rss('<title>t</title>', '<enclosure url="/a.mp3" type="audio/mpeg" length="1"/>'),
    options: { baseUrl: URL },
    read: (f) => item0(f).enclosures[0]?.url,
    expected: 'http://fetched.example/a.mp3',
  },
];

/** Spelling classes: element case, naked markup in person and id elements, person strings, Atom ids. */
const SPELLING: FieldCase[] = [
  {
    rule: 'spelling: element names read case-insensitively (<TiTlE>, as iTunes)',
    doc: '<rss version="2.0"><Channel><TiTlE>T</TiTlE><Item><Title>I</Title><PubDate>Tue, 24 Jan 2023 10:00:00 GMT</PubDate></Item></Channel></rss>',
    read: (f) => [f.title, item0(f).title, item0(f).published],
    expected: ['T', 'I', ISO1],
  },
  {
    rule: 'spelling: an author "Name <email>" keeps its address (escaped angle brackets)',
    doc: rss('', '<author>Jo Doe &lt;jo@ex.org&gt;</author>'),
    read: (f) => item0(f).authors,
    expected: [{ name: 'Jo Doe', email: 'jo@ex.org' }],
  },
  {
    rule: 'spelling: naked markup inside author and guid gives its text',
    doc: rss('', '<author><p>Jo Doe</p></author><guid isPermaLink="false"><p>g-1</p></guid>'),
    read: (f) => [names(f, 0), item0(f).guid],
    expected: [['Jo Doe'], 'g-1'],
  },
  {
    rule: 'spelling: a relative Atom id is resolved against the declared xml:base',
    doc: atom('<title>t</title>', '<id>relative/link</id>', 'xml:base="http://ex.org/test/"'),
    read: (f) => item0(f).guid,
    expected: 'http://ex.org/test/relative/link',
  },
  {
    rule: 'spelling: an opaque Atom id stays as written without xml:base',
    doc: atom('<title>t</title>', '<id>right</id>'),
    options: { baseUrl: 'http://fetched.example/feeds/une.xml' },
    read: (f) => item0(f).guid,
    expected: 'right',
  },
  {
    rule: 'spelling: an absolute-path Atom id is resolved against the document base',
    doc: atom('<title>t</title>', '<id>/relative/link</id>'),
    options: { baseUrl: 'http://fetched.example/feeds/une.xml' },
    read: (f) => item0(f).guid,
    expected: 'http://fetched.example/relative/link',
  },
];

/** Every Atom and base-URI case. */
export const ATOM_AND_BASE_CASES: FieldCase[] = [...ENTRY, ...FEED, ...BASES, ...SPELLING];
