/**
 * Field sources by rule class: one minimal document per documented source of each field (gofeed's
 * universal translator, feedparser's "Comes from" lists, XML Base), and per precedence pair.
 * Written from those documents and docs/feeds.md, not from any peer's expected file.
 */
import { parseFeed, type ParseFeedOptions } from '../../../electron/engine/ingest/parse-feed';
import type { Feed } from '../../../shared/types/feed';
import { FileChecks, newTally, type Tally } from './conformance-common';

/** Namespaces every synthetic RSS document declares. */
const NS = [
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:dcterms="http://purl.org/dc/terms/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'xmlns:media="http://search.yahoo.com/mrss/"',
  'xmlns:xhtml="http://www.w3.org/1999/xhtml"',
].join(' ');

/** An RSS 2.0 document with channel elements and one item. */
export const rss = (channel: string, item = '', rootAttrs = '') =>
  `<rss version="2.0" ${NS}${rootAttrs ? ` ${rootAttrs}` : ''}><channel>${channel}${item ? `<item>${item}</item>` : ''}</channel></rss>`;

/** An Atom 1.0 document with feed elements and one entry. */
export const atom = (feed: string, entry = '', rootAttrs = '') =>
  `<feed xmlns="http://www.w3.org/2005/Atom" ${NS.replace(/xmlns:atom="[^"]*" /, '')}${rootAttrs ? ` ${rootAttrs}` : ''}>${feed}${entry ? `<entry>${entry}</entry>` : ''}</feed>`;

/** One rule: a document, the value our model must hold, and where to read it. */
export interface FieldCase {
  rule: string;
  doc: string;
  read: (feed: Feed) => unknown;
  expected: unknown;
  options?: ParseFeedOptions;
}

const item0 = (f: Feed) => f.items[0];
const names = (f: Feed, i?: number) => (i === undefined ? f.authors : f.items[i].authors).map((a) => a.name ?? a.email);
const D1 = '2023-01-24T10:00:00Z';
const D2 = '2023-01-25T10:00:00Z';
const ISO1 = '2023-01-24T10:00:00.000Z';
const ISO2 = '2023-01-25T10:00:00.000Z';
const RFC1 = 'Tue, 24 Jan 2023 10:00:00 GMT';

/** Item-level RSS rules. */
const RSS_ITEM: FieldCase[] = [
  ['title ← title', '<title>T</title>', 'T'],
  ['title ← dc:title', '<dc:title>T</dc:title>', 'T'],
  ['title ← atom:title', '<atom:title type="html">&lt;b&gt;T&lt;/b&gt;</atom:title>', 'T'],
  ['title ← itunes:title', '<itunes:title>T</itunes:title>', 'T'],
  ['title ← media:title (only text)', '<media:title>T</media:title>', 'T'],
  ['title ← media:group/media:title', '<media:group><media:title>T</media:title></media:group>', 'T'],
  ['title: title before dc:title', '<dc:title>D</dc:title><title>T</title>', 'T'],
  ['title: empty title falls through', '<title> </title><dc:title>D</dc:title>', 'D'],
].map(([rule, x, v]) => ({
  rule: `rss item ${rule}`,
  doc: rss('', x),
  read: (f: Feed) => item0(f).title,
  expected: v,
}));

RSS_ITEM.push(
  ...(
    [
      ['summary ← description', '<description>S &amp; co</description>', 'S & co'],
      ['summary ← dc:description', '<dc:description>S</dc:description>', 'S'],
      ['summary ← itunes:summary', '<itunes:summary>S</itunes:summary>', 'S'],
      ['summary ← atom:summary', '<atom:summary type="html">&lt;p&gt;S&lt;/p&gt;</atom:summary>', 'S'],
      ['summary ← itunes:subtitle', '<itunes:subtitle>S</itunes:subtitle>', 'S'],
      ['summary ← media:description (only text)', '<media:description>S</media:description>', 'S'],
      [
        'summary: description before itunes:summary',
        '<itunes:summary>I</itunes:summary><description>S</description>',
        'S',
      ],
      [
        'summary: dc:description before itunes:summary',
        '<itunes:summary>I</itunes:summary><dc:description>S</dc:description>',
        'S',
      ],
      [
        'summary: itunes:summary before atom:summary',
        '<atom:summary>A</atom:summary><itunes:summary>S</itunes:summary>',
        'S',
      ],
      [
        'summary: description before media:description',
        '<media:description>M</media:description><description>S</description>',
        'S',
      ],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `rss item ${rule}`,
    doc: rss('', x),
    read: (f: Feed) => item0(f).summary,
    expected: v,
  })),
  ...(
    [
      ['content ← content:encoded', '<content:encoded><![CDATA[<p>C</p>]]></content:encoded>', '<p>C</p>'],
      ['content ← atom:content html', '<atom:content type="html">&lt;p&gt;C&lt;/p&gt;</atom:content>', '<p>C</p>'],
      [
        'content ← atom:content xhtml',
        '<atom:content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>C</p></div></atom:content>',
        '<p>C</p>',
      ],
      ['content ← atom:content text', '<atom:content>a &lt; b</atom:content>', 'a &lt; b'],
      ['content ← xhtml:body', '<xhtml:body><p>C</p></xhtml:body>', '<p>C</p>'],
      ['content ← body', '<body><![CDATA[<p>C</p>]]></body>', '<p>C</p>'],
      ['content ← fullitem', '<fullitem><![CDATA[<p>C</p>]]></fullitem>', '<p>C</p>'],
      [
        'content: content:encoded before atom:content',
        '<atom:content type="html">A</atom:content><content:encoded>C</content:encoded>',
        'C',
      ],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `rss item ${rule}`,
    doc: rss('', x),
    read: (f: Feed) => item0(f).content,
    expected: v,
  })),
  ...(
    [
      ['link ← link', '<link>http://ex.org/1</link>', 'http://ex.org/1'],
      ['link ← atom:link rel=alternate', '<atom:link rel="alternate" href="http://ex.org/1"/>', 'http://ex.org/1'],
      ['link ← atom:link without rel', '<atom:link href="http://ex.org/1"/>', 'http://ex.org/1'],
      ['link ← permalink guid', '<guid>http://ex.org/1</guid>', 'http://ex.org/1'],
      ['link: no guid with isPermaLink="false"', '<guid isPermaLink="false">http://ex.org/1</guid>', null],
      ['link: atom:link rel=self is not the link', '<atom:link rel="self" href="http://ex.org/feed"/>', null],
      [
        'link: link before atom:link',
        '<atom:link href="http://ex.org/a"/><link>http://ex.org/1</link>',
        'http://ex.org/1',
      ],
      [
        'link: atom:link before guid',
        '<guid>http://ex.org/g</guid><atom:link href="http://ex.org/1"/>',
        'http://ex.org/1',
      ],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `rss item ${rule}`,
    doc: rss('', x),
    read: (f: Feed) => item0(f).link,
    expected: v,
  })),
  ...(
    [
      ['guid ← guid', '<guid isPermaLink="false">g-1</guid>', 'g-1'],
      ['guid ← atom:id', '<atom:id>tag:ex.org,2023:1</atom:id>', 'tag:ex.org,2023:1'],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `rss item ${rule}`,
    doc: rss('', x),
    read: (f: Feed) => item0(f).guid,
    expected: v,
  })),
  ...(
    [
      ['published ← pubDate', `<pubDate>${RFC1}</pubDate>`, ISO1],
      ['published ← dc:date', `<dc:date>${D1}</dc:date>`, ISO1],
      ['published ← dcterms:issued', `<dcterms:issued>${D1}</dcterms:issued>`, ISO1],
      ['published ← atom:published', `<atom:published>${D1}</atom:published>`, ISO1],
      ['published: pubDate before dc:date', `<dc:date>${D2}</dc:date><pubDate>${RFC1}</pubDate>`, ISO1],
      ['published: none from atom:updated alone', `<atom:updated>${D1}</atom:updated>`, null],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `rss item ${rule}`,
    doc: rss('', x),
    read: (f: Feed) => item0(f).published,
    expected: v,
  })),
  ...(
    [
      ['updated ← dc:date', `<dc:date>${D1}</dc:date>`, ISO1],
      ['updated ← dcterms:modified', `<dcterms:modified>${D1}</dcterms:modified>`, ISO1],
      ['updated ← atom:updated', `<atom:updated>${D1}</atom:updated>`, ISO1],
      ['updated: dc:date before atom:updated', `<atom:updated>${D2}</atom:updated><dc:date>${D1}</dc:date>`, ISO1],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `rss item ${rule}`,
    doc: rss('', x),
    read: (f: Feed) => item0(f).updated,
    expected: v,
  })),
  ...(
    [
      ['authors ← author "email (name)"', '<author>jo@ex.org (Jo Doe)</author>', ['Jo Doe']],
      ['authors ← dc:author', '<dc:author>Jo</dc:author>', ['Jo']],
      ['authors ← dc:creator', '<dc:creator>Jo</dc:creator>', ['Jo']],
      ['authors ← itunes:author', '<itunes:author>Jo</itunes:author>', ['Jo']],
      [
        'authors ← atom:author',
        '<atom:author><atom:name>Jo</atom:name><atom:email>jo@ex.org</atom:email></atom:author>',
        ['Jo'],
      ],
      [
        'authors: author before dc:creator (one person once)',
        '<dc:creator>Jo Doe</dc:creator><author>jo@ex.org (Jo Doe)</author>',
        ['Jo Doe'],
      ],
      ['authors: dc:author before dc:creator', '<dc:creator>C</dc:creator><dc:author>A</dc:author>', ['A']],
      ['authors: dc:creator before itunes:author', '<itunes:author>I</itunes:author><dc:creator>C</dc:creator>', ['C']],
      [
        'authors: itunes:author before atom:author',
        '<atom:author><atom:name>A</atom:name></atom:author><itunes:author>I</itunes:author>',
        ['I'],
      ],
    ] as const
  ).map(([rule, x, v]) => ({ rule: `rss item ${rule}`, doc: rss('', x), read: (f: Feed) => names(f, 0), expected: v })),
  ...(
    [
      ['categories ← category', '<category>a</category><category>b</category>', ['a', 'b']],
      ['categories ← itunes:keywords', '<itunes:keywords>a, b</itunes:keywords>', ['a', 'b']],
      ['categories ← dc:subject', '<dc:subject>a</dc:subject>', ['a']],
      ['categories ← atom:category term', '<atom:category term="a"/>', ['a']],
      ['categories ← media:category (only one)', '<media:category>a</media:category>', ['a']],
      [
        'categories: merged in order category, keywords, dc:subject, atom:category',
        '<atom:category term="d"/><dc:subject>c</dc:subject><itunes:keywords>b</itunes:keywords><category>a</category>',
        ['a', 'b', 'c', 'd'],
      ],
      [
        'categories: media:category only when no other',
        '<media:category>m</media:category><category>a</category>',
        ['a'],
      ],
      [
        'categories ← itunes:category with sub-category, after the others',
        '<itunes:category text="News"><itunes:category text="Politics"/></itunes:category><category>a</category>',
        ['a', 'News', 'Politics'],
      ],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `rss item ${rule}`,
    doc: rss('', x),
    read: (f: Feed) => item0(f).categories,
    expected: v,
  })),
);

/** Channel-level RSS rules. */
const RSS_CHANNEL: FieldCase[] = [
  ...(
    [
      ['title ← title', '<title>T</title>', 'T'],
      ['title ← dc:title', '<dc:title>T</dc:title>', 'T'],
      ['title ← atom:title', '<atom:title>T</atom:title>', 'T'],
      ['title: title before dc:title', '<dc:title>D</dc:title><title>T</title>', 'T'],
    ] as const
  ).map(([rule, x, v]) => ({ rule: `rss channel ${rule}`, doc: rss(x), read: (f: Feed) => f.title, expected: v })),
  ...(
    [
      ['description ← description', '<description>S</description>', 'S'],
      ['description ← itunes:summary', '<itunes:summary>S</itunes:summary>', 'S'],
      ['description ← dc:description', '<dc:description>S</dc:description>', 'S'],
      ['description ← itunes:subtitle', '<itunes:subtitle>S</itunes:subtitle>', 'S'],
      ['description ← atom:subtitle', '<atom:subtitle>S</atom:subtitle>', 'S'],
      [
        'description: description before itunes:summary',
        '<itunes:summary>I</itunes:summary><description>S</description>',
        'S',
      ],
      [
        'description: itunes:summary before itunes:subtitle',
        '<itunes:subtitle>U</itunes:subtitle><itunes:summary>S</itunes:summary>',
        'S',
      ],
    ] as const
  ).map(([rule, x, v]) => ({
    rule: `rss channel ${rule}`,
    doc: rss(x),
    read: (f: Feed) => f.description,
    expected: v,
  })),
  ...(
    [
      ['link ← link', '<link>http://ex.org/</link>', 'http://ex.org/'],
      [
        'link ← atom:link rel=alternate',
        '<atom:link rel="self" href="http://ex.org/feed"/><atom:link rel="alternate" href="http://ex.org/"/>',
        'http://ex.org/',
      ],
      ['link: atom:link rel=self is not the link', '<atom:link rel="self" href="http://ex.org/feed"/>', null],
      [
        'link: link before atom:link',
        '<atom:link href="http://ex.org/a"/><link>http://ex.org/</link>',
        'http://ex.org/',
      ],
    ] as const
  ).map(([rule, x, v]) => ({ rule: `rss channel ${rule}`, doc: rss(x), read: (f: Feed) => f.link, expected: v })),
  ...(
    [
      ['language ← language', rss('<language>fr-FR</language>'), 'fr-fr'],
      ['language ← dc:language', rss('<dc:language>fr</dc:language>'), 'fr'],
      ['language ← rss xml:lang', rss('', '', 'xml:lang="fr"'), 'fr'],
      ['language: language before dc:language', rss('<dc:language>en</dc:language><language>fr</language>'), 'fr'],
    ] as const
  ).map(([rule, doc, v]) => ({ rule: `rss channel ${rule}`, doc, read: (f: Feed) => f.language, expected: v })),
  {
    rule: 'rss channel language ← HTTP Content-Language (first listed)',
    doc: rss('<title>t</title>'),
    options: { contentLanguage: 'fr-FR, en' },
    read: (f: Feed) => f.language,
    expected: 'fr-fr',
  },
  {
    rule: 'rss channel language: the document before HTTP Content-Language',
    doc: rss('<language>fr</language>'),
    options: { contentLanguage: 'en' },
    read: (f: Feed) => f.language,
    expected: 'fr',
  },
  ...(
    [
      ['published ← pubDate', `<pubDate>${RFC1}</pubDate>`, ISO1],
      ['published ← dcterms:issued', `<dcterms:issued>${D1}</dcterms:issued>`, ISO1],
    ] as const
  ).map(([rule, x, v]) => ({ rule: `rss channel ${rule}`, doc: rss(x), read: (f: Feed) => f.published, expected: v })),
  ...(
    [
      ['updated ← lastBuildDate', `<lastBuildDate>${RFC1}</lastBuildDate>`, ISO1],
      ['updated ← dc:date', `<dc:date>${D1}</dc:date>`, ISO1],
      ['updated ← dcterms:modified', `<dcterms:modified>${D1}</dcterms:modified>`, ISO1],
      ['updated ← atom:updated', `<atom:updated>${D1}</atom:updated>`, ISO1],
      ['updated: lastBuildDate before dc:date', `<dc:date>${D2}</dc:date><lastBuildDate>${RFC1}</lastBuildDate>`, ISO1],
    ] as const
  ).map(([rule, x, v]) => ({ rule: `rss channel ${rule}`, doc: rss(x), read: (f: Feed) => f.updated, expected: v })),
  ...(
    [
      ['authors ← managingEditor', '<managingEditor>ed@ex.org (Ed)</managingEditor>', ['Ed']],
      ['authors ← webMaster', '<webMaster>wm@ex.org (Web)</webMaster>', ['Web']],
      ['authors ← dc:creator', '<dc:creator>C</dc:creator>', ['C']],
      ['authors ← dc:author', '<dc:author>A</dc:author>', ['A']],
      ['authors ← itunes:author', '<itunes:author>I</itunes:author>', ['I']],
      ['authors ← atom:author', '<atom:author><atom:name>A</atom:name></atom:author>', ['A']],
      [
        'authors: managingEditor before webMaster',
        '<webMaster>wm@ex.org (W)</webMaster><managingEditor>ed@ex.org (E)</managingEditor>',
        ['E'],
      ],
      ['authors: webMaster before dc:creator', '<dc:creator>C</dc:creator><webMaster>wm@ex.org (W)</webMaster>', ['W']],
      ['authors: dc:creator before itunes:author', '<itunes:author>I</itunes:author><dc:creator>C</dc:creator>', ['C']],
    ] as const
  ).map(([rule, x, v]) => ({ rule: `rss channel ${rule}`, doc: rss(x), read: (f: Feed) => names(f), expected: v })),
  ...(
    [
      ['categories ← category', '<category>a</category>', ['a']],
      [
        'categories ← itunes:category with sub-category',
        '<itunes:category text="News"><itunes:category text="Politics"/></itunes:category>',
        ['News', 'Politics'],
      ],
      ['categories ← itunes:keywords', '<itunes:keywords>a,b</itunes:keywords>', ['a', 'b']],
      ['categories ← dc:subject', '<dc:subject>a</dc:subject>', ['a']],
      [
        'categories: merged in order category, keywords, itunes:category, dc:subject',
        '<dc:subject>d</dc:subject><itunes:category text="c"/><itunes:keywords>b</itunes:keywords><category>a</category>',
        ['a', 'b', 'c', 'd'],
      ],
    ] as const
  ).map(([rule, x, v]) => ({ rule: `rss channel ${rule}`, doc: rss(x), read: (f: Feed) => f.categories, expected: v })),
];

/** RSS 1.0 (RDF) specifics. */
const RDF_NS =
  'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"';
const RDF: FieldCase[] = [
  {
    rule: 'rdf item guid and link ← rdf:about',
    doc: `<rdf:RDF ${RDF_NS}><channel rdf:about="http://ex.org/"><title>t</title></channel><item rdf:about="http://ex.org/1"><title>i</title></item></rdf:RDF>`,
    read: (f) => [item0(f).guid, item0(f).link],
    expected: ['http://ex.org/1', 'http://ex.org/1'],
  },
  {
    rule: 'rdf item dc:creator, dc:date, dc:subject',
    doc: `<rdf:RDF ${RDF_NS}><channel><title>t</title></channel><item><title>i</title><dc:creator>Jo</dc:creator><dc:date>${D1}</dc:date><dc:subject>s</dc:subject></item></rdf:RDF>`,
    read: (f) => [names(f, 0), item0(f).published, item0(f).categories],
    expected: [['Jo'], ISO1, ['s']],
  },
];

/** JSON Feed specifics. */
const json = (feed: Record<string, unknown>) =>
  JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', ...feed });
const JSON_FEED: FieldCase[] = [
  {
    rule: 'json feed published/updated ← the first item',
    doc: json({
      items: [
        { id: '1', date_published: D1, date_modified: D2 },
        { id: '2', date_published: D2 },
      ],
    }),
    read: (f) => [f.published, f.updated],
    expected: [ISO1, ISO2],
  },
  {
    rule: 'json item content ← content_html, else content_text (escaped); summary ← summary',
    doc: json({ items: [{ id: '1', content_text: 'a < b', summary: 'S' }] }),
    read: (f) => [item0(f).content, item0(f).summary],
    expected: ['a &lt; b', 'S'],
  },
  {
    rule: 'json feed language ← language, else HTTP Content-Language',
    doc: json({ items: [] }),
    options: { contentLanguage: 'fr' },
    read: (f) => f.language,
    expected: 'fr',
  },
  {
    rule: 'json item authors ← authors (1.1), author (1.0), else the feed authors',
    doc: json({ authors: [{ name: 'F' }], items: [{ id: '1', author: { name: 'A' } }, { id: '2' }] }),
    read: (f) => [names(f, 0), names(f, 1)],
    expected: [['A'], ['F']],
  },
];

export { ISO1, ISO2, D1, D2 };
export const RSS_CASES: FieldCase[] = [...RSS_ITEM, ...RSS_CHANNEL, ...RDF, ...JSON_FEED];

/** Runs cases into a tally (one file per rule). */
export async function runFieldCases(suite: string, cases: FieldCase[]): Promise<Tally> {
  const t = newTally(suite);
  for (const c of cases) {
    const checks = new FileChecks(t, c.rule);
    try {
      const feed = await parseFeed(c.doc, { fetchedAt: new Date('2100-01-01'), itemCache: false, ...c.options });
      const actual = c.read(feed);
      checks.check('value', c.expected, actual, JSON.stringify(actual) === JSON.stringify(c.expected));
    } catch (err) {
      checks.fail(`${(err as { code?: string }).code ?? 'crash'}: ${(err as Error).message}`);
    }
    checks.done();
  }
  return t;
}
