/** The ingest-time analysis on a real SQLite database: stories, scores, reasons, merge/split, tone trend, verdicts. */
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource } from '../../../electron/engine/db/sources-store';
import { analyzeAll, analyzeNewItems } from '../../../electron/engine/analysis/pipeline';
import { mergeStories, splitItems } from '../../../electron/engine/analysis/stories';
import { importReliability, toneTrend } from '../../../electron/engine/db/analysis-store';
import { parseReliabilityCsv } from '../../../electron/engine/analysis/reliability';
import { insertItem } from '../../helpers/analysis-db';

describe('analyzeNewItems', () => {
  let db: Db;
  let press: number, regional: number, social: number[], factcheck: number;
  beforeEach(() => {
    db = openDatabase(':memory:');
    press = addSource(db, { name: 'Le Quotidien', url: 'https://quotidien.example/rss', type: 'press-national' }).id;
    regional = addSource(db, { name: 'La Région', url: 'https://region.example/rss', type: 'press-regional' }).id;
    factcheck = addSource(db, { name: 'Vérif', url: 'https://verif.example/rss', type: 'factcheck' }).id;
    social = [1, 2, 3, 4].map(
      (i) => addSource(db, { name: `compte${i}`, url: `https://social.example/u${i}/rss`, type: 'social' }).id,
    );
  });
  afterEach(() => db.close());

  it('groups items into stories with records, scores and reasons on every item', () => {
    const ids = [
      insertItem(
        db,
        regional,
        'Incendie à Marseille : le préfet des Bouches-du-Rhône ordonne l’évacuation du quartier',
        '2024-06-01T08:00:00Z',
      ),
      insertItem(
        db,
        press,
        'Marseille : évacuation d’un quartier après un incendie, annonce le préfet des Bouches-du-Rhône',
        '2024-06-01T09:30:00Z',
      ),
      insertItem(
        db,
        social[0]!,
        'Le préfet des Bouches-du-Rhône évacue un quartier de Marseille à cause de l’incendie, quelle honte cette gestion',
        '2024-06-01T09:40:00Z',
      ),
      insertItem(db, press, 'Tennis : Roland-Garros, la finale dames reportée par la pluie', '2024-06-01T09:45:00Z'),
    ];
    analyzeNewItems(db, ids);
    const rows = db
      .prepare('SELECT id, story_id, virality, controversy, infox, reasons, analysed_at FROM items ORDER BY id')
      .all() as Array<{
      story_id: number;
      virality: number;
      controversy: number;
      infox: number;
      reasons: string;
      analysed_at: string;
    }>;
    expect(rows.every((r) => r.analysed_at && r.story_id)).toBe(true);
    expect(rows[0]!.story_id).toBe(rows[1]!.story_id);
    expect(rows[2]!.story_id).toBe(rows[0]!.story_id);
    expect(rows[3]!.story_id).not.toBe(rows[0]!.story_id);
    const reasons = JSON.parse(rows[2]!.reasons);
    expect(Object.keys(reasons)).toEqual(['virality', 'controversy', 'infox']);
    expect(reasons.controversy.map((r: { signal: string }) => r.signal)).toContain('negative-toward-target');
    const story = db.prepare('SELECT * FROM stories WHERE id = ?').get(rows[0]!.story_id) as Record<
      string,
      string | number
    >;
    expect(story.item_count).toBe(3);
    expect(story.source_count).toBe(3);
    expect(JSON.parse(story.source_types as string).sort()).toEqual(['press-national', 'press-regional', 'social']);
    expect(Object.values(JSON.parse(story.timeline as string)).reduce((a: number, b) => a + (b as number), 0)).toBe(3);
    expect(JSON.parse(story.key_terms as string).length).toBeGreaterThan(0);
    expect(JSON.parse(story.reasons as string).virality.map((r: { signal: string }) => r.signal)).toEqual(
      expect.arrayContaining(['distinct-outlets', 'crossover']),
    );
    const trend = toneTrend(db, {
      target: 'préfecture',
      from: '2024-06-01T00:00:00Z',
      to: '2024-06-02T00:00:00Z',
      bucket: 'hour',
    });
    expect(trend.length).toBeGreaterThan(0);
    expect(trend.some((p) => p.tone < 0)).toBe(true);
    expect(
      toneTrend(db, { target: 'préfecture', from: '2024-06-01T00:00:00Z', to: '2024-06-02T00:00:00Z', bucket: 'day' }),
    ).toHaveLength(1);
  });

  it('continues stories across calls (index kept per database) and flags campaigns, debunks and reliability', () => {
    importReliability(db, parseReliabilityCsv('domain,rating\nsocial.example,questionable\n'));
    const text = 'Le ministère va supprimer les allocations familiales dès janvier, partagez avant suppression !!';
    const first = social.map((s, i) =>
      insertItem(db, s, text, `2024-06-01T10:0${i}:00Z`, { link: `https://social.example/p${i}` }),
    );
    analyzeNewItems(db, first.slice(0, 2));
    analyzeNewItems(db, first.slice(2));
    const fc = insertItem(
      db,
      factcheck,
      'Faux : le ministère ne va pas supprimer les allocations familiales en janvier',
      '2024-06-01T12:00:00Z',
    );
    const late = insertItem(
      db,
      social[0]!,
      'Le ministère va supprimer les allocations familiales en janvier, c’est confirmé',
      '2024-06-01T13:00:00Z',
      { link: 'https://social.example/late' },
    );
    analyzeNewItems(db, [fc, late]);
    const stories = new Set(db.prepare('SELECT story_id FROM items').pluck().all() as number[]);
    expect(stories.size).toBe(1);
    const last = JSON.parse(db.prepare('SELECT reasons FROM items WHERE id = ?').pluck().get(first[3]) as string);
    expect(last.infox.map((r: { signal: string }) => r.signal)).toEqual(
      expect.arrayContaining(['copy-paste-campaign', 'source-reliability', 'sensational-style']),
    );
    const lateReasons = JSON.parse(db.prepare('SELECT reasons FROM items WHERE id = ?').pluck().get(late) as string);
    expect(lateReasons.infox.find((r: { signal: string }) => r.signal === 'already-debunked').evidence).toContain(
      'Faux',
    );
  });

  it('merges and splits stories, then rebuilds everything with analyzeAll', () => {
    const a = insertItem(db, press, 'Grève à la SNCF : trafic très perturbé mardi sur les TGV', '2024-06-02T06:00:00Z');
    const b = insertItem(
      db,
      regional,
      'Festival de Cannes : la Palme d’or attribuée à un film iranien',
      '2024-06-02T07:00:00Z',
    );
    const c = insertItem(db, regional, 'SNCF : la grève perturbe fortement les TGV ce mardi', '2024-06-02T07:30:00Z');
    analyzeNewItems(db, [a, b, c]);
    const sid = (id: number) => db.prepare('SELECT story_id FROM items WHERE id = ?').pluck().get(id) as number;
    expect(sid(a)).toBe(sid(c));
    const merged = mergeStories(db, [sid(a), sid(b)]);
    expect(sid(b)).toBe(merged);
    expect(db.prepare('SELECT item_count FROM stories WHERE id = ?').pluck().get(merged)).toBe(3);
    const split = splitItems(db, merged, [b]);
    expect(sid(b)).toBe(split);
    expect(db.prepare('SELECT item_count FROM stories WHERE id = ?').pluck().get(merged)).toBe(2);
    expect(() => splitItems(db, merged, [b])).toThrow(/belong/);
    expect(analyzeAll(db)).toBe(3);
    expect(db.prepare('SELECT COUNT(*) FROM items WHERE analysed_at IS NOT NULL').pluck().get()).toBe(3);
    expect(sid(a)).toBe(sid(c));
  });

  it('withdraws the uncorroborated-official-claim reason when an official source echoes it within the delay', () => {
    const official = addSource(db, { name: 'Préfecture', url: 'https://prefecture.example/rss', type: 'official' }).id;
    const claim = insertItem(
      db,
      social[0]!,
      'Un arrêté préfectoral interdit les barbecues dans tout le département du Var cet été',
      '2024-07-01T08:00:00Z',
    );
    analyzeNewItems(db, [claim]);
    const before = db.prepare('SELECT infox, reasons FROM items WHERE id = ?').get(claim) as {
      infox: number;
      reasons: string;
    };
    expect(JSON.parse(before.reasons).infox.map((r: { signal: string }) => r.signal)).toContain(
      'official-claim-pending',
    );
    const echo = insertItem(
      db,
      official,
      'Var : l’arrêté préfectoral interdit les barbecues dans tout le département cet été',
      '2024-07-01T11:00:00Z',
    );
    analyzeNewItems(db, [echo]);
    const after = db.prepare('SELECT infox, reasons FROM items WHERE id = ?').get(claim) as {
      infox: number;
      reasons: string;
    };
    const signals = JSON.parse(after.reasons).infox.map((r: { signal: string }) => r.signal);
    expect(signals).toContain('corroborated-official-claim');
    expect(signals).not.toContain('uncorroborated-official-claim');
    expect(after.infox).toBeLessThan(before.infox);
  });

  it('flags an item that over-performs its source’s usual engagement', () => {
    const usual = [0, 1, 2, 3].map((i) =>
      insertItem(
        db,
        social[0]!,
        `Billet ordinaire numéro ${i} sur la vie locale du quartier ${i}`,
        `2024-06-04T0${i}:00:00Z`,
        { engagement: { comments: 2 } },
      ),
    );
    analyzeNewItems(db, usual);
    const hit = insertItem(
      db,
      social[0]!,
      'Vidéo de l’interpellation à Nanterre : des milliers de réactions',
      '2024-06-04T06:00:00Z',
      { engagement: { comments: 400, shares: 50 } },
    );
    analyzeNewItems(db, [hit]);
    const reasons = JSON.parse(db.prepare('SELECT reasons FROM items WHERE id = ?').pluck().get(hit) as string);
    expect(reasons.virality.find((r: { signal: string }) => r.signal === 'over-performance')?.evidence).toMatch(
      /engagement/,
    );
  });

  it('learns from analyst verdicts and shows the learned contribution', () => {
    const ids = [
      insertItem(
        db,
        social[0]!,
        'INCROYABLE !!! Les médias vous cachent la vérité sur les vaccins',
        '2024-06-03T08:00:00Z',
        { link: null },
      ),
      insertItem(db, press, 'Le Sénat adopte le projet de loi de finances', '2024-06-03T08:00:00Z'),
    ];
    analyzeNewItems(db, ids);
    const at = '2024-06-03T09:00:00Z';
    db.prepare(
      "INSERT INTO item_verdicts (item_id, verdict, author, at) VALUES (?, 'confirmed', 'analyste', ?), (?, 'unfounded', 'analyste', ?)",
    ).run(ids[0], at, ids[1], at);
    const next = insertItem(
      db,
      social[1]!,
      'CHOC !!! Ce que les médias vous cachent sur la météo',
      '2024-06-03T10:00:00Z',
      { link: null },
    );
    analyzeNewItems(db, [next]);
    const reasons = JSON.parse(db.prepare('SELECT reasons FROM items WHERE id = ?').pluck().get(next) as string);
    const learned = reasons.infox.find((r: { signal: string }) => r.signal === 'analyst-verdicts');
    expect(learned).toBeDefined();
    expect(learned.weight).toBeGreaterThan(0);
  });
});
