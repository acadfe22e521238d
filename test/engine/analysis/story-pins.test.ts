/** Analyst story decisions survive `vigie analyze` (analyzeAll recomputes every story). */
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource } from '../../../electron/engine/db/sources-store';
import { analyzeAll, analyzeNewItems } from '../../../electron/engine/analysis/pipeline';
import { mergeStories, splitItems } from '../../../electron/engine/analysis/stories';
import { insertItem } from '../../helpers/analysis-db';

describe('analyst story decisions', () => {
  let db: Db;
  let press: number, regional: number;
  const sid = (id: number) => db.prepare('SELECT story_id FROM items WHERE id = ?').pluck().get(id) as number;
  beforeEach(() => {
    db = openDatabase(':memory:');
    press = addSource(db, { name: 'Le Quotidien', url: 'https://quotidien.example/rss', type: 'press-national' }).id;
    regional = addSource(db, { name: 'La Région', url: 'https://region.example/rss', type: 'press-regional' }).id;
  });
  afterEach(() => db.close());

  it('keeps a merge of stories the clusterer keeps apart through a full rebuild', () => {
    const a = insertItem(
      db,
      press,
      'Canicule : quatre départements du Sud placés en vigilance rouge',
      '2024-06-27T06:00:00Z',
    );
    const b = insertItem(
      db,
      regional,
      'Canicule : le Gard et l’Hérault en vigilance rouge, une première',
      '2024-06-27T07:00:00Z',
    );
    const c = insertItem(
      db,
      regional,
      'Festival de Marmande : les organisateurs distribuent de l’eau aux spectateurs',
      '2024-06-27T08:00:00Z',
    );
    analyzeNewItems(db, [a, b, c]);
    expect(sid(a)).toBe(sid(b));
    expect(sid(c)).not.toBe(sid(a));
    // Without a decision a rebuild keeps the festival apart…
    analyzeAll(db);
    expect(sid(c)).not.toBe(sid(a));
    // …after the analyst's merge it keeps the merged story.
    mergeStories(db, [sid(a), sid(c)]);
    expect(new Set([sid(a), sid(b), sid(c)]).size).toBe(1);
    analyzeAll(db);
    expect(new Set([sid(a), sid(b), sid(c)]).size).toBe(1);
    expect(db.prepare('SELECT item_count FROM stories WHERE id = ?').pluck().get(sid(a))).toBe(3);
  });

  it('keeps a split apart through a full rebuild, and new similar items still join', () => {
    const a = insertItem(db, press, 'Grève à la SNCF : trafic très perturbé mardi sur les TGV', '2024-06-02T06:00:00Z');
    const b = insertItem(db, regional, 'SNCF : la grève perturbe fortement les TGV ce mardi', '2024-06-02T07:30:00Z');
    const c = insertItem(
      db,
      press,
      'Grève SNCF : les TGV très perturbés mardi, prévient la direction',
      '2024-06-02T08:00:00Z',
    );
    analyzeNewItems(db, [a, b, c]);
    expect(new Set([sid(a), sid(b), sid(c)]).size).toBe(1);
    splitItems(db, sid(a), [c]);
    expect(sid(c)).not.toBe(sid(a));
    analyzeAll(db);
    expect(sid(a)).toBe(sid(b));
    expect(sid(c)).not.toBe(sid(a));
    // Items the analyst never placed are still grouped by the clusterer.
    const d = insertItem(
      db,
      regional,
      'Grève à la SNCF : les TGV perturbés mardi dans la région',
      '2024-06-02T09:00:00Z',
    );
    analyzeNewItems(db, [d]);
    expect([sid(a), sid(c)]).toContain(sid(d));
  });

  it('drops the decision with the item (cascade)', () => {
    const a = insertItem(db, press, 'Grève à la SNCF : trafic très perturbé mardi sur les TGV', '2024-06-02T06:00:00Z');
    const b = insertItem(
      db,
      regional,
      'Festival de Cannes : la Palme d’or attribuée à un film iranien',
      '2024-06-02T07:00:00Z',
    );
    analyzeNewItems(db, [a, b]);
    mergeStories(db, [sid(a), sid(b)]);
    expect(db.prepare('SELECT COUNT(*) FROM story_pins').pluck().get()).toBe(2);
    db.prepare('DELETE FROM items WHERE id = ?').run(b);
    expect(db.prepare('SELECT COUNT(*) FROM story_pins').pluck().get()).toBe(1);
  });
});
