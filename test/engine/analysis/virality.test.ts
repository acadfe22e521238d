import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource } from '../../../electron/engine/db/sources-store';
import { analyzeNewItems, analyzeAll, invalidateAnalysis } from '../../../electron/engine/analysis/pipeline';
import {
  scoreStoryVirality,
  viralScore,
  COHERENT_SIM,
  type ViralItem,
} from '../../../electron/engine/analysis/virality';
import { ViralBaselines, isFrontPageFeed, outletOf } from '../../../electron/engine/analysis/viral-baselines';
import { insertItem } from '../../helpers/analysis-db';

const T0 = Date.parse('2022-02-24T08:00:00Z');
const H = 3_600_000;
const item = (o: Partial<ViralItem> & { outlet: string; time: number }): ViralItem => ({
  arrival: o.time,
  sourceType: 'press-national',
  reach: 1,
  coherence: 1,
  frontPage: false,
  feeds: 1,
  ...o,
});

describe('virality scale', () => {
  it('keeps the ranking: strictly increasing in the points, below 100, one decimal', () => {
    let prev = -1;
    for (const p of [0, 1, 5, 20, 40, 80, 160, 320, 640, 1280]) {
      const s = viralScore(p);
      expect(s).toBeGreaterThan(prev);
      expect(s).toBeLessThan(100);
      expect(Math.round(s * 10)).toBe(s * 10);
      prev = s;
    }
    expect(viralScore(40)).toBe(50);
  });
});

describe('scoreStoryVirality', () => {
  const baselines = new ViralBaselines();
  // One outlet's day: 60 items over 30 stories; story 1 takes 12 of them, story 2 takes 3.
  for (let k = 0; k < 60; k++) baselines.add('lemonde.fr', k < 12 ? 1 : k < 15 ? 2 : k, T0 + (k % 10) * H);
  const ctx = baselines.context(T0 + 10 * H);

  it('measures attention against the outlet output and the typical story, not the story past', () => {
    const big = Array.from({ length: 12 }, (_, k) => item({ outlet: 'lemonde.fr', time: T0 + k * 0.5 * H }));
    const small = Array.from({ length: 3 }, (_, k) => item({ outlet: 'lemonde.fr', time: T0 + k * H }));
    // The big story had a heavy past (two weeks of items before the day): it does not lower it.
    const past = Array.from({ length: 50 }, (_, k) =>
      item({ outlet: 'lemonde.fr', time: T0 - (2 + k / 4) * 86_400_000 }),
    );
    const a = scoreStoryVirality([...past, ...big], T0 + 10 * H, ctx);
    const b = scoreStoryVirality(small, T0 + 10 * H, ctx);
    expect(a.score).toBeGreaterThan(b.score);
    expect(a.score).toBe(scoreStoryVirality(big, T0 + 10 * H, ctx).score);
    expect(a.reasons.find((r) => r.signal === 'attention')?.evidence).toMatch(/^12 articles en 24 h/);
  });

  it('counts only what had arrived by the moment scored', () => {
    const items = [
      item({ outlet: 'a', time: T0 }),
      item({ outlet: 'b', time: T0 + H }),
      item({ outlet: 'c', time: T0 + H, arrival: T0 + 5 * H }),
    ];
    const at2 = scoreStoryVirality(items, T0 + 2 * H, ctx);
    expect(at2.reasons.find((r) => r.signal === 'distinct-outlets')?.evidence).toBe('2 sources distinctes');
    const at6 = scoreStoryVirality(items, T0 + 6 * H, ctx);
    expect(at6.reasons.find((r) => r.signal === 'distinct-outlets')?.evidence).toBe('3 sources distinctes');
    expect(at6.score).toBeGreaterThan(at2.score);
  });

  it('weighs an item attached with little similarity as weak evidence (junk clusters inherit little)', () => {
    const coherent = ['a', 'b', 'c', 'd', 'e'].map((o) => item({ outlet: o, time: T0 }));
    const junk = ['a', 'b', 'c', 'd', 'e'].map((o, k) =>
      item({ outlet: o, time: T0, coherence: k === 0 ? 1 : COHERENT_SIM / 5 }),
    );
    // Five outlets publishing 20 items each over 40 stories that day.
    const day = new ViralBaselines();
    ['a', 'b', 'c', 'd', 'e'].forEach((o, i) => {
      for (let k = 0; k < 20; k++) day.add(o, (i * 20 + k) % 40, T0);
    });
    const c = scoreStoryVirality(coherent, T0 + H, day.context(T0 + H));
    const j = scoreStoryVirality(junk, T0 + H, day.context(T0 + H));
    expect(j.score).toBeLessThan(c.score / 2);
  });

  it('gives front-page and section feeds their own reasons', () => {
    const items = [
      item({ outlet: 'lemonde.fr', time: T0, frontPage: true, feeds: 3 }),
      item({ outlet: 'lemonde.fr', time: T0 + H }),
    ];
    const v = scoreStoryVirality(items, T0 + 2 * H, ctx);
    expect(v.reasons.map((r) => r.signal)).toEqual(expect.arrayContaining(['front-page', 'sections']));
    expect(v.score).toBeGreaterThan(
      scoreStoryVirality([item({ outlet: 'lemonde.fr', time: T0 }), items[1]!], T0 + 2 * H, ctx).score,
    );
  });
});

describe('outlets and front-page feeds', () => {
  it('reads the outlet from the feed address, the account for social sources', () => {
    expect(
      outletOf('press-national', 'International : Le Monde', 'https://www.lemonde.fr/international/rss_full.xml'),
    ).toBe('lemonde.fr');
    expect(outletOf('press-national', 'Une', 'https://www.lemonde.fr/rss/une.xml')).toBe('lemonde.fr');
    expect(outletOf('social', '@compte', 'https://x.com/compte')).toBe('@compte');
    expect(outletOf('press-national', 'Fichier local', 'https://vigie.invalid/feed/x')).toBe('Fichier local');
  });
  it('tells front-page feeds by address or title', () => {
    expect(isFrontPageFeed('https://www.lemonde.fr/rss/une.xml', 'Le Monde.fr - Actualités')).toBe(true);
    expect(isFrontPageFeed('https://www.lexpress.fr/arc/outboundfeeds/rss/alaune.xml', 'L’Express')).toBe(true);
    expect(isFrontPageFeed('https://www.francetvinfo.fr/titres.rss', 'Franceinfo')).toBe(true);
    expect(isFrontPageFeed('https://www.lemonde.fr/international/rss_full.xml', 'International')).toBe(false);
    expect(isFrontPageFeed('https://www.lemonde.fr/europe/rss_full.xml', 'Europe : toute l’actualité')).toBe(false);
  });
});

describe('virality in the pipeline', () => {
  let db: Db;
  afterEach(() => db.close());

  /** Five outlets, three clearly separate stories, items arriving over two days in three calls. */
  function seed(): number[][] {
    db = openDatabase(':memory:');
    const sources = ['lemonde.fr', 'lefigaro.fr', 'liberation.fr', 'ouest-france.fr', 'bfmtv.com'].map(
      (host, k) =>
        addSource(db, {
          name: `Source ${k}`,
          url: `https://www.${host}/rss.xml`,
          type: k === 3 ? 'press-regional' : 'press-national',
        }).id,
    );
    const titles = [
      (k: number) => `Incendie géant de l’entrepôt de Wissous : ${k} pompiers mobilisés cette nuit`,
      (k: number) => `Grève des contrôleurs aériens : ${k} vols annulés à Orly et Roissy`,
      (k: number) => `Tempête Eunice : rafales record de ${100 + k} km/h sur la Bretagne`,
    ];
    const calls: number[][] = [[], [], []];
    for (let k = 0; k < 15; k++) {
      const at = new Date(T0 + k * 3 * H);
      calls[Math.floor(k / 5)]!.push(insertItem(db, sources[k % 5]!, titles[k % 3]!(k + 10), at));
    }
    return calls;
  }

  it('stores each item as of its arrival, and vigie analyze recomputes the same values', () => {
    const calls = seed();
    for (const ids of calls) analyzeNewItems(db, ids);
    const read = () =>
      db.prepare('SELECT id, story_id AS s, virality, reasons FROM items ORDER BY id').all() as Array<{
        id: number;
        s: number;
        virality: number;
        reasons: string;
      }>;
    const before = read();
    // Past items keep their own moment: not all zero once later items arrive.
    expect(before.filter((r) => r.virality > 0).length).toBeGreaterThan(8);
    expect(new Set(before.map((r) => r.s)).size).toBe(3);
    invalidateAnalysis(db);
    analyzeAll(db);
    const after = read();
    expect(after.map((r) => [r.virality, JSON.parse(r.reasons).virality])).toEqual(
      before.map((r) => [r.virality, JSON.parse(r.reasons).virality]),
    );
  });
});
