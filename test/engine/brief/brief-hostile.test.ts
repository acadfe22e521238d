/**
 * Hostile feed text and links in the Markdown brief: rendered through a real CommonMark
 * implementation (the reference `commonmark` package), the HTML holds no element or link the
 * feed wrote, only http(s) links survive, and the text still reads as written.
 */
import { HtmlRenderer, Parser } from 'commonmark';
import { renderModelCharts } from '../../../electron/engine/brief/brief';
import { renderMarkdown } from '../../../electron/engine/brief/render-md';
import { selectBrief } from '../../../electron/engine/brief/select';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { seedItem, seedSource, seedStory } from './brief-db';

const FROM = '2022-02-24T06:00:00.000Z';
const TO = '2022-02-25T06:00:00.000Z';
const EVIL_LINKS = [
  'javascript:alert(1)//<img src=x onerror=alert(2)>',
  'data:text/html,<script>alert(3)</script>',
  'https://ok.example/a>)<img src=x onerror=alert(4)>',
  'vbscript:msgbox(5)',
];
const EVIL_TITLES = [
  '<img src=x onerror=alert(6)> & <b>gras</b>',
  '[Préfecture](javascript:alert(7)) ![pixel](https://tracker.example/p.png)',
  '<script>alert(8)</script> `code` *emph* ~~barré~~ &lt;entité&gt;',
];
let db: Db;

beforeAll(() => {
  db = openDatabase(':memory:');
  const src = seedSource(db, 'Compte <b>hostile</b> [x](javascript:1)', 'social');
  const story = seedStory(db, EVIL_TITLES[0], '2022-02-24T08:00:00.000Z', { virality: 95, infox: 90 });
  EVIL_LINKS.forEach((link, i) =>
    seedItem(db, {
      sourceId: src,
      title: EVIL_TITLES[i % EVIL_TITLES.length],
      summary: EVIL_TITLES[(i + 1) % EVIL_TITLES.length],
      link,
      published: `2022-02-24T1${i}:00:00.000Z`,
      storyId: story,
      virality: 90,
      infox: 80,
      starred: true,
      reasons: { virality: [], controversy: [], infox: [{ signal: 'style', weight: 30, evidence: EVIL_TITLES[2] }] },
    }),
  );
});
afterAll(() => db.close());

function toHtml(md: string): string {
  return new HtmlRenderer({ safe: false }).render(new Parser().parse(md));
}

test('no feed-written element, raw HTML or non-web link reaches the rendered Markdown', () => {
  const m = selectBrief(db, FROM, TO);
  expect(m.selections.length).toBe(EVIL_LINKS.length);
  const html = toHtml(renderMarkdown(m, renderModelCharts(m), { omitImages: true }).markdown);
  // Elements a CommonMark renderer emits for our own structure only.
  const tags = new Set([...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((x) => x[1]));
  for (const t of tags)
    expect([
      'h1',
      'h2',
      'h3',
      'p',
      'strong',
      'em',
      'ul',
      'li',
      'a',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'blockquote',
      'hr',
    ]).toContain(t);
  expect(html).not.toMatch(/<img|<script|<b>/i);
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((x) => x[1]);
  expect(hrefs.length).toBeGreaterThan(0);
  for (const h of hrefs) expect(h).toMatch(/^https:\/\/ok\.example\//);
  // The one web link keeps its host and path, with what could close the link encoded.
  expect(hrefs[0]).toBe('https://ok.example/a%3E%29%3Cimg%20src=x%20onerror=alert%284%29%3E');
  // The words are still there as text.
  expect(html).toContain('&lt;img src=x onerror=alert(6)&gt; &amp; &lt;b&gt;gras&lt;/b&gt;');
  expect(html).toContain('~~barré~~ &amp;lt;entité&amp;gt;');
});
