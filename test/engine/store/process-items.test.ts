import type { Feed, FeedItem } from '../../../shared/types/feed';
import { finishPreparedItems, prepareItems, processItems } from '../../../electron/engine/ingest/process-items';

const item = (over: Partial<FeedItem>): FeedItem => ({
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
});
const feed = (items: FeedItem[], language: string | null = 'fr'): Feed => ({
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
});
const ctx = { sourceId: 7, fetchedAt: new Date('2022-03-05T18:00:00Z') };

describe('processItems', () => {
  it('builds dedup keys: URL guids are global, other guids scoped by source; links canonical', () => {
    const [a, b, c] = processItems(
      feed([
        item({
          guid: 'https://www.lemonde.fr/a/1.html',
          link: 'https://www.lemonde.fr/a/1.html?xtor=RSS-3208#x',
          title: 'A',
        }),
        item({ guid: 'tag:ex.fr,2022:42', link: 'HTTPS://Ex.FR/b?utm_source=rss', title: 'B' }),
        item({ title: 'C' }),
      ]),
      ctx,
    );
    expect(a.keys).toEqual(['g:https://www.lemonde.fr/a/1.html', 'l:https://www.lemonde.fr/a/1.html']);
    expect(a.link).toBe('https://www.lemonde.fr/a/1.html');
    expect(b.keys).toEqual(['g:7:tag:ex.fr,2022:42', 'l:https://ex.fr/b']);
    expect(c.keys).toEqual([]);
  });

  it('uses a permalink guid as the link when there is none, and falls back published → updated', () => {
    const [p] = processItems(
      feed([item({ guid: 'https://ex.fr/p', title: 'P', updated: '2022-03-05T10:00:00.000Z' })]),
      ctx,
    );
    expect(p.link).toBe('https://ex.fr/p');
    expect(p.published).toBe('2022-03-05T10:00:00.000Z');
    expect(p.fetchedAt).toBe('2022-03-05T18:00:00.000Z');
    const [q] = processItems(feed([item({ title: 'Q' })]), ctx);
    expect(q.published).toBeNull();
  });

  it('gives the same hash to cosmetic variants and a different one to a rewrite', () => {
    const [x, y, z] = processItems(
      feed([
        item({ title: 'Guerre en Ukraine', summary: 'Les  combats\n continuent.' }),
        item({ title: 'guerre en ukraine ', summary: 'Les combats continuent.' }),
        item({ title: 'Guerre en Ukraine : Kiev encerclée', summary: 'Les combats continuent.' }),
      ]),
      ctx,
    );
    expect(x.contentHash).toBe(y.contentHash);
    expect(x.contentHash).not.toBe(z.contentHash);
    expect(x.contentHash).toMatch(/^[0-9a-f]{40}$/);
  });

  it('extracts plain text from content and makes a title for title-less posts', () => {
    const [p] = processItems(
      feed([
        item({
          content:
            '<p>Un <b>message</b> posté sur un réseau social, sans titre, à propos de la réforme des retraites et de la grève du 7 mars, qui sera très suivie selon les syndicats.</p>',
        }),
      ]),
      ctx,
    );
    expect(p.contentText).toContain('Un message posté');
    expect(p.contentText).not.toContain('<');
    expect(p.title.startsWith('Un message posté sur un réseau social')).toBe(true);
    expect(p.title.length).toBeLessThanOrEqual(141);
  });

  it('detects the language, confirming the feed hint and overriding it for a foreign item', () => {
    const [fr, en] = processItems(
      feed([
        item({
          title: 'La réforme des retraites',
          summary:
            'Le gouvernement présente son projet de loi pour les retraites, dans un climat social tendu avec les syndicats.',
        }),
        item({
          title: 'The threat coming from the cold',
          summary:
            'A Russian invasion of Ukraine would reshuffle the cards for the presidential election, and the candidates are worried about it.',
        }),
      ]),
      ctx,
    );
    expect(fr.language).toBe('fr');
    expect(en.language).toBe('en');
  });

  it('gives the same items when prepared without a source (worker side) then finished for it', () => {
    const f = feed([
      item({
        guid: 'https://www.ex.fr/a?utm_source=x',
        title: 'A',
        summary: 'La réforme des retraites divise le gouvernement et les syndicats avant la grève.',
      }),
      item({ guid: 'abc-123', link: 'https://ex.fr/b', title: 'B' }),
      item({
        title: 'The threat coming from the cold',
        summary:
          'A Russian invasion of Ukraine would reshuffle the cards for the election, and the candidates are worried.',
      }),
    ]);
    // Structured cloning is what a worker's postMessage does: the prepared data must survive it.
    const prepared = structuredClone(prepareItems(f, ctx));
    expect(prepared[1].keys[0]).not.toContain('7');
    const finished = finishPreparedItems(prepared, { sourceId: ctx.sourceId, feedLanguage: f.language });
    const direct = processItems(f, ctx);
    const plain = (xs: typeof direct) => xs.map((x) => ({ ...x, language: x.language }));
    expect(plain(finished)).toEqual(plain(direct));
    expect(finished[1].keys).toEqual(['g:7:abc-123', 'l:https://ex.fr/b']);
    expect(finished.map((x) => x.language)).toEqual(['fr', 'fr', 'en']);
  });

  it('settles the language on the worker side when asked, for the same result, and reuses the work for a repeated item', () => {
    const shared = item({
      guid: 'g1',
      title: 'Le préfet',
      summary: 'Le préfet de la région a annoncé des mesures pour les habitants de la commune.',
    });
    const f = feed([
      shared,
      item({
        title: 'The threat coming from the cold',
        summary:
          'A Russian invasion of Ukraine would reshuffle the cards for the election, and the candidates are worried.',
      }),
    ]);
    const early = structuredClone(prepareItems(f, { ...ctx, detectLanguage: true }));
    expect(early.map((p) => p.detected)).toEqual([
      { hint: 'fr', language: 'fr' },
      { hint: 'fr', language: 'en' },
    ]);
    const finished = finishPreparedItems(early, { sourceId: ctx.sourceId, feedLanguage: f.language });
    expect(finished.map((x) => x.language)).toEqual(processItems(f, ctx).map((x) => x.language));
    // Another hint than the one detected for: detected again, lazily.
    expect(finishPreparedItems(early, { sourceId: ctx.sourceId, feedLanguage: 'de' })[0].language).toBe('fr');
    // The parser's cache hands back the same FeedItem object: its preparation is reused with this fetch's time.
    const later = new Date(ctx.fetchedAt.getTime() + 60_000);
    const again = prepareItems(feed([shared]), { fetchedAt: later, detectLanguage: true });
    expect(again[0]).toEqual({
      ...prepareItems(f, { ...ctx, detectLanguage: true })[0],
      fetchedAt: later.toISOString(),
    });
  });
});

describe('links from the feed', () => {
  it('keeps only http(s) item links and enclosure URLs (javascript:, data:, file: dropped before storing)', () => {
    const enclosures = [
      { url: 'javascript:alert(1)', type: 'audio/mpeg', length: null },
      { url: 'data:audio/mpeg;base64,AAAA', type: 'audio/mpeg', length: null },
      { url: 'file:///etc/passwd', type: null, length: null },
      { url: 'https://cdn.example.fr/podcast.mp3', type: 'audio/mpeg', length: 10 },
    ];
    const [a, b, c] = processItems(
      feed([
        item({ title: 'A', link: 'javascript:alert(document.domain)', enclosures }),
        item({ title: 'B', link: ' data:text/html,<script>alert(1)</script>' }),
        item({ title: 'C', link: 'https://www.ex.fr/c', guid: 'vbscript:x' }),
      ]),
      ctx,
    );
    expect(a.link).toBeNull();
    expect(a.keys.some((k) => k.startsWith('l:'))).toBe(false);
    expect(a.enclosures).toEqual([{ url: 'https://cdn.example.fr/podcast.mp3', type: 'audio/mpeg', length: 10 }]);
    expect(b.link).toBeNull();
    expect(c.link).toBe('https://www.ex.fr/c');
    // Worker-side preparation applies the same rule.
    const [p] = finishPreparedItems(
      prepareItems(feed([item({ title: 'A', link: 'javascript:x', enclosures })]), ctx),
      ctx,
    );
    expect(p.link).toBeNull();
    expect(p.enclosures).toHaveLength(1);
  });
});
