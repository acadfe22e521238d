/** Topics over stories, story ids kept across `vigie analyze`, re-clustering of the open window. */
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource } from '../../../electron/engine/db/sources-store';
import { analyzeAll, analyzeNewItems } from '../../../electron/engine/analysis/pipeline';
import { mergeStories, splitItems } from '../../../electron/engine/analysis/stories';
import { reclusterOpenWindow } from '../../../electron/engine/analysis/recluster';
import { keptIds } from '../../../electron/engine/analysis/stable-ids';
import { listTopics } from '../../../electron/engine/db/topics-store';
import { createEmptyStory } from '../../../electron/engine/db/analysis-store';
import { insertItem } from '../../helpers/analysis-db';

/** A strike day: several developments of one reform, and unrelated news. */
const DAY: Array<[string, string]> = [
  ['Réforme des retraites : les syndicats appellent à une nouvelle grève jeudi', '06:00'],
  ['Retraites : une nouvelle journée de grève jeudi, annoncent les syndicats', '06:20'],
  ['Grève contre la réforme des retraites : les syndicats fixent une nouvelle date', '06:40'],
  ['Réforme des retraites : le Conseil d’État rend son avis sur le projet de loi', '07:00'],
  ['Retraites : le projet de loi examiné par le Conseil d’État, un avis attendu', '07:20'],
  ['Réforme des retraites : les carrières longues, point de friction à l’Assemblée', '08:00'],
  ['Retraites : à l’Assemblée, les carrières longues divisent la majorité', '08:30'],
  ['Réforme des retraites : quel âge de départ pour les carrières longues ?', '09:00'],
  ['Retraites : la mobilisation s’annonce forte dans les raffineries', '09:30'],
  ['Raffineries : la grève contre la réforme des retraites se durcit', '10:00'],
  ['Tempête : des rafales à 150 km/h attendues sur la Bretagne', '10:10'],
  ['Bretagne : la tempête provoque des coupures d’électricité', '10:20'],
  ['Cinéma : le film d’animation du studio nantais primé à Annecy', '10:30'],
  ['Football : le FC Nantes change d’entraîneur', '10:40'],
];

describe('topics, stable ids and re-clustering', () => {
  let db: Db;
  let press: number;
  const sid = (id: number) => db.prepare('SELECT story_id FROM items WHERE id = ?').pluck().get(id) as number;
  const insertDay = () =>
    DAY.map(([title, hm], k) =>
      insertItem(db, press, title, `2024-03-07T${hm}:00Z`, { link: `https://quotidien.example/${k}` }),
    );
  beforeEach(() => {
    db = openDatabase(':memory:');
    press = addSource(db, { name: 'Le Quotidien', url: 'https://quotidien.example/rss', type: 'press-national' }).id;
  });
  afterEach(() => db.close());

  it('gathers the developments of one reform under one topic, and leaves the rest out', () => {
    const ids = insertDay();
    analyzeAll(db);
    const stories = new Set(ids.slice(0, 10).map(sid));
    expect(stories.size).toBeGreaterThanOrEqual(3);
    const topics = listTopics(db);
    const reform = topics.find((t) => t.stories.some((s) => s.id === sid(ids[0]!)));
    expect(reform).toBeDefined();
    expect(reform!.keyTerms).toContain('retraite');
    const inTopic = new Set(reform!.stories.map((s) => s.id));
    const covered = ids.slice(0, 10).filter((id) => inTopic.has(sid(id))).length;
    expect(covered).toBeGreaterThanOrEqual(8);
    for (const id of ids.slice(10)) expect(inTopic.has(sid(id))).toBe(false);
    expect(reform!.itemCount).toBe(reform!.stories.reduce((a, s) => a + s.itemCount, 0));
  });

  it('keeps story and topic ids across vigie analyze', () => {
    const ids = insertDay();
    analyzeNewItems(db, ids);
    const before = ids.map(sid);
    analyzeAll(db);
    const rebuilt = ids.map(sid);
    const topicsBefore = listTopics(db).map((t) => [t.id, t.stories.map((s) => s.id).sort()]);
    analyzeAll(db);
    expect(ids.map(sid)).toEqual(rebuilt);
    expect(listTopics(db).map((t) => [t.id, t.stories.map((s) => s.id).sort()])).toEqual(topicsBefore);
    // The rebuild from streamed stories kept most of the streamed ids.
    const keptStreamed = new Set(rebuilt.filter((s) => before.includes(s)));
    expect(keptStreamed.size).toBeGreaterThanOrEqual(new Set(rebuilt).size / 2);
  });

  it('never hands a story id out twice, even after the story was merged away', () => {
    const ids = insertDay();
    analyzeNewItems(db, ids);
    const gone = sid(ids[10]!);
    mergeStories(db, [sid(ids[12]!), gone]);
    const fresh = createEmptyStory(db, 'nouveau', '2024-03-07T12:00:00Z');
    expect(fresh).not.toBe(gone);
    expect(fresh).toBeGreaterThan(Math.max(...ids.map(sid)));
  });

  it('re-clusters the open window like a rebuild, keeping ids and the analyst’s pins', () => {
    const ids = insertDay();
    // Streamed one by one, as ingest places them.
    for (const id of ids) analyzeNewItems(db, [id]);
    splitItems(db, sid(ids[1]!), [ids[1]!]);
    const pinnedStory = sid(ids[1]!);
    const r = reclusterOpenWindow(db);
    expect(r.items).toBe(ids.length);
    // The analyst's split holds: the pinned item did not move back.
    expect(sid(ids[1]!)).toBe(pinnedStory);
    expect(sid(ids[0]!)).not.toBe(pinnedStory);
    // The same grouping as a rebuild for the unpinned items, and a topic over the reform.
    const grouped = ids.map(sid);
    expect(listTopics(db).length).toBeGreaterThanOrEqual(1);
    const again = reclusterOpenWindow(db);
    expect(again.moved).toBe(0);
    expect(ids.map(sid)).toEqual(grouped);
    const counts = db.prepare('SELECT id, item_count AS n FROM stories').all() as Array<{ id: number; n: number }>;
    for (const c of counts)
      expect(c.n).toBe(db.prepare('SELECT COUNT(*) FROM items WHERE story_id = ?').pluck().get(c.id));
  });

  it('gives each previous id to the group holding most of its items', () => {
    const previous = new Map([
      [1, 10],
      [2, 10],
      [3, 10],
      [4, 20],
      [5, 20],
    ]);
    const groups = new Map([
      [0, [1, 4]],
      [1, [2, 3]],
      [2, [5]],
    ]);
    const kept = keptIds(groups, previous);
    expect(kept.get(1)).toBe(10);
    expect([kept.get(0), kept.get(2)]).toContain(20);
    expect(new Set(kept.values()).size).toBe(kept.size);
  });
});
