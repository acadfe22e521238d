import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../electron/engine/db/open';
import { addSource, listSources } from '../../../electron/engine/db/sources-store';
import { buildOpml, importOpml, parseOpml } from '../../../electron/engine/ingest/opml';
import { buildPresetSource } from '../../../electron/engine/ingest/presets';
import { AppError } from '../../../shared/errors';
import { SOURCE_TYPES } from '../../../shared/types/domain';

const STARTER = path.resolve(__dirname, '../../../assets/starter-sources.opml');

describe('OPML', () => {
  it('round-trips sources through export and import without loss', () => {
    const a = openDatabase(':memory:');
    addSource(a, {
      name: 'Le Monde & Co <test>',
      url: 'https://www.lemonde.fr/rss/une.xml?a=1&b=2',
      type: 'press-national',
      language: 'fr',
      priority: true,
      siteUrl: 'https://www.lemonde.fr/',
    });
    addSource(a, { name: 'AFP Factuel', url: 'https://factuel.afp.com/rss.xml', type: 'factcheck', reachWeight: 0.85 });
    addSource(a, { name: "L'Indépendant", url: 'https://www.lindependant.fr/rss.xml', type: 'press-regional' });
    const xml = buildOpml(listSources(a));
    expect(xml).toContain('vigie:type="factcheck"');
    expect(xml).toContain('&amp;b=2');
    const b = openDatabase(':memory:');
    const r = importOpml(b, xml);
    expect(r.added).toHaveLength(3);
    const strip = (s: ReturnType<typeof listSources>[number]) => ({
      name: s.name,
      url: s.url,
      type: s.type,
      language: s.language,
      priority: s.priority,
      reachWeight: s.reachWeight,
      siteUrl: s.siteUrl,
    });
    expect(listSources(b).map(strip)).toEqual(listSources(a).map(strip));
    // Importing again adds nothing.
    const again = importOpml(b, xml);
    expect(again.added).toHaveLength(0);
    expect(again.skipped).toHaveLength(3);
  });

  it("reads other readers' OPML: nested folders, category, synonyms, in-file duplicates", () => {
    const xml = `<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
      <outline text="Presse régionale">
        <outline text="Sud" title="Sud"><outline type="rss" text="La Dépêche" xmlUrl="https://www.ladepeche.fr/rss.xml"/></outline>
        <outline type="rss" text="Dup" xmlUrl="https://www.ladepeche.fr/rss.xml"/>
      </outline>
      <outline text="tv"><outline type="rss" title="France 24" xmlUrl="https://www.france24.com/fr/rss"/></outline>
      <outline type="rss" text="Décodeurs" category="/factcheck" xmlUrl="https://www.lemonde.fr/les-decodeurs/rss_full.xml"/>
      <outline type="rss" text="Blog" xmlUrl="https://blog.example/feed"/>
      <outline type="rss" text="Bad" xmlUrl="ftp://nope.example/feed"/>
    </body></opml>`;
    const entries = parseOpml(xml);
    expect(entries.map((e) => [e.name, e.type])).toEqual([
      ['La Dépêche', 'press-regional'],
      ['France 24', 'tv'],
      ['Décodeurs', 'factcheck'],
      ['Blog', null],
      ['Bad', null],
    ]);
    expect(entries[0].folders).toEqual(['Presse régionale', 'Sud']);
    const db = openDatabase(':memory:');
    const r = importOpml(db, xml, { defaultType: 'web' });
    expect(r.found).toBe(5);
    expect(r.added.map((s) => s.type)).toEqual(['press-regional', 'tv', 'factcheck', 'web']);
    expect(r.invalid).toEqual([
      { url: 'ftp://nope.example/feed', error: expect.objectContaining({ code: 'fetch.invalid_url' }) },
    ]);
  });

  it('refuses what is not OPML', () => {
    const code = (xml: string) => {
      try {
        parseOpml(xml);
      } catch (e) {
        return (e as AppError).code;
      }
      return 'none';
    };
    expect(code('<rss><channel/></rss>')).toBe('opml.invalid');
    expect(code('<opml><body><outline')).toBe('opml.invalid');
  });

  it('ships a starter list of ≥ 40 real French sources covering every type', () => {
    const entries = parseOpml(fs.readFileSync(STARTER, 'utf8'));
    expect(entries.length).toBeGreaterThanOrEqual(40);
    const types = new Set(entries.map((e) => e.type));
    for (const t of SOURCE_TYPES) expect(types).toContain(t);
    for (const e of entries) {
      expect(e.type).not.toBeNull();
      expect(new URL(e.url).protocol).toBe('https:');
      expect(e.language).toBe('fr');
    }
    const hosts = entries.map((e) => new URL(e.url).host);
    for (const h of [
      'www.lemonde.fr',
      'www.lefigaro.fr',
      'www.liberation.fr',
      'www.francetvinfo.fr',
      'factuel.afp.com',
      'www.interieur.gouv.fr',
      'observers.france24.com',
    ]) {
      expect(hosts).toContain(h);
    }
    const db = openDatabase(':memory:');
    const r = importOpml(db, fs.readFileSync(STARTER, 'utf8'));
    expect(r.invalid).toEqual([]);
    expect(r.added.length).toBe(entries.length);
    expect(r.added.filter((s) => s.priority).length).toBeGreaterThan(0);
  });
});

describe('presets', () => {
  it.each([
    ['mastodon', '@Gargron@mastodon.social', 'https://mastodon.social/@Gargron.rss'],
    ['mastodon', 'https://piaille.fr/@franceinfo', 'https://piaille.fr/@franceinfo.rss'],
    ['mastodon-tag', '#retraites@piaille.fr', 'https://piaille.fr/tags/retraites.rss'],
    ['mastodon-tag', 'politique', 'https://mastodon.social/tags/politique.rss'],
    ['mastodon-tag', 'https://mastodon.social/tags/écologie', 'https://mastodon.social/tags/%C3%A9cologie.rss'],
    // The CLI's `--preset mastodon` and the UI's "Mastodon" preset take a hashtag too: same builder.
    ['mastodon', '#Kervoal', 'https://mastodon.social/tags/Kervoal.rss'],
    ['mastodon', '#retraites@piaille.fr', 'https://piaille.fr/tags/retraites.rss'],
    ['mastodon', 'https://piaille.fr/tags/retraites', 'https://piaille.fr/tags/retraites.rss'],
    ['bluesky', '@lemonde.fr', 'https://bsky.app/profile/lemonde.fr/rss'],
    ['bluesky', 'https://bsky.app/profile/franceinfo.fr', 'https://bsky.app/profile/franceinfo.fr/rss'],
    [
      'youtube',
      'UCCCPCZNChQdGa9EkATeye4g',
      'https://www.youtube.com/feeds/videos.xml?channel_id=UCCCPCZNChQdGa9EkATeye4g',
    ],
    [
      'youtube',
      'https://www.youtube.com/channel/UCCCPCZNChQdGa9EkATeye4g/videos',
      'https://www.youtube.com/feeds/videos.xml?channel_id=UCCCPCZNChQdGa9EkATeye4g',
    ],
    ['reddit', 'r/france', 'https://www.reddit.com/r/france/.rss'],
    ['reddit', 'https://www.reddit.com/r/AskFrance/', 'https://www.reddit.com/r/AskFrance/.rss'],
    [
      'googlenews',
      'réforme des retraites',
      'https://news.google.com/rss/search?q=r%C3%A9forme%20des%20retraites&hl=fr&gl=FR&ceid=FR:fr',
    ],
    [
      'google-news',
      'inondations Bretagne',
      'https://news.google.com/rss/search?q=inondations%20Bretagne&hl=fr&gl=FR&ceid=FR:fr',
    ],
  ])('%s %s → %s', (kind, value, url) => {
    const s = buildPresetSource(kind, value);
    expect(s.url).toBe(url);
    expect(s.type).toBe(/google/.test(kind) ? 'web' : 'social');
    expect(s.name.length).toBeGreaterThan(3);
  });

  it.each([
    ['mastodon', 'justaname'],
    ['mastodon', '@#Kervoal@mastodon.social'],
    ['bluesky', 'nodot'],
    ['youtube', '@LeMonde'],
    ['reddit', 'r/'],
    ['googlenews', '  '],
    ['tiktok', 'x'],
  ])('refuses %s %s with input.invalid', (kind, value) => {
    expect(() => buildPresetSource(kind, value)).toThrow(AppError);
    try {
      buildPresetSource(kind, value);
    } catch (e) {
      expect((e as AppError).code).toBe('input.invalid');
    }
  });
});
