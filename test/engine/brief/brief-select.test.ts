/** selectBrief on a small hand-filled database: figures, ranking, draft order/removals, infox status, tone trend, selections, English. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderBrief, renderModelCharts } from '../../../electron/engine/brief/brief';
import { renderMarkdown } from '../../../electron/engine/brief/render-md';
import { scheduleDailyBrief } from '../../../electron/engine/brief/schedule';
import { selectBrief } from '../../../electron/engine/brief/select';
import { saveDraft, findDraft } from '../../../electron/engine/db/brief-store';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { seedItem, seedSource, seedStory } from './brief-db';

const FROM = '2022-02-24T06:00:00.000Z'; // 07:00 Paris
const TO = '2022-02-25T06:00:00.000Z';
let db: Db;
const ids: Record<string, number> = {};

beforeAll(() => {
  db = openDatabase(':memory:');
  const lm = seedSource(db, 'Le Monde — International', 'press-national');
  const fr3 = seedSource(db, 'France 3 Bretagne', 'press-regional');
  const x = seedSource(db, 'Compte X anonyme', 'social');
  const fc = seedSource(db, 'AFP Factuel', 'factcheck');
  const war = seedStory(db, 'Guerre en Ukraine', '2022-02-24T04:00:00.000Z', { virality: 90, controversy: 20 });
  const police = seedStory(db, 'Violences policières à Rennes', '2022-02-24T09:00:00.000Z', {
    virality: 40,
    controversy: 80,
  });
  const hoax = seedStory(db, 'Fausse vidéo de Kiev', '2022-02-24T10:00:00.000Z', { virality: 30, infox: 85 });
  ids.war1 = seedItem(db, {
    sourceId: lm,
    title: 'Guerre en Ukraine : la Russie lance une offensive',
    summary:
      'L’armée russe est entrée en Ukraine jeudi à l’aube. Des explosions ont été entendues à Kiev, Kharkiv et Odessa. Le président Zelensky a décrété la loi martiale.',
    published: '2022-02-24T06:30:00.000Z',
    storyId: war,
    virality: 90,
    controversy: 10,
    link: 'https://www.lemonde.fr/a',
  });
  ids.war2 = seedItem(db, {
    sourceId: fr3,
    title: 'Les Bretons d’Ukraine inquiets',
    summary:
      'À Rennes, la communauté ukrainienne se rassemble. « Nous avons peur pour nos familles », témoigne une habitante.',
    published: '2022-02-24T12:00:00.000Z',
    storyId: war,
    virality: 60,
  });
  ids.pol1 = seedItem(db, {
    sourceId: fr3,
    title: '« Une honte » : le ministère de l’Intérieur mis en cause après des violences policières',
    summary:
      'Des vidéos montrent des policiers frappant des manifestants. Le ministère de l’Intérieur dément tout excès.',
    published: '2022-02-24T09:00:00.000Z',
    storyId: police,
    virality: 40,
    controversy: 80,
  });
  ids.hoax1 = seedItem(db, {
    sourceId: x,
    title: 'EXCLUSIF : la vidéo que les médias cachent sur Kiev',
    published: '2022-02-24T10:00:00.000Z',
    storyId: hoax,
    virality: 30,
    infox: 85,
    reasons: {
      virality: [],
      controversy: [],
      infox: [
        { signal: 'style', weight: 20, evidence: 'majuscules et « EXCLUSIF »' },
        { signal: 'unreliable-source', weight: 30, evidence: 'compte anonyme' },
      ],
    },
  });
  ids.fc1 = seedItem(db, {
    sourceId: fc,
    title: 'Non, cette vidéo ne montre pas Kiev en 2022',
    published: '2022-02-24T14:00:00.000Z',
    storyId: hoax,
    link: 'https://factuel.afp.com/x',
  });
  ids.rumor = seedItem(db, {
    sourceId: x,
    title: 'Le ministre aurait démissionné, selon une source',
    published: '2022-02-24T15:00:00.000Z',
    infox: 70,
    starred: true,
  });
  ids.conf = seedItem(db, {
    sourceId: x,
    title: 'Photo truquée du préfet',
    published: '2022-02-24T16:00:00.000Z',
    infox: 40,
    triage: 'escalated',
  });
  db.prepare(
    "INSERT INTO item_verdicts (item_id, verdict, author, comment, at) VALUES (?, 'confirmed', 'analyste', 'montage vérifié', '2022-02-24T17:00:00Z')",
  ).run(ids.conf);
  // Previous period: 1 national item, 2 social ones.
  seedItem(db, { sourceId: lm, title: 'Veille de guerre', published: '2022-02-23T10:00:00.000Z' });
  seedItem(db, { sourceId: x, title: 'Rumeur 1', published: '2022-02-23T11:00:00.000Z' });
  seedItem(db, { sourceId: x, title: 'Rumeur 2', published: '2022-02-23T12:00:00.000Z' });
  const tone = db.prepare('INSERT INTO item_tones (item_id, target, tone, at) VALUES (?,?,?,?)');
  tone.run(ids.pol1, 'ministère de l’Intérieur', -0.7, '2022-02-24T09:00:00.000Z');
  tone.run(ids.rumor, 'ministère de l’Intérieur', -0.3, '2022-02-24T15:00:00.000Z');
  const prev = seedItem(db, {
    sourceId: lm,
    title: 'Le ministère salue la mobilisation',
    published: '2022-02-23T09:00:00.000Z',
  });
  tone.run(prev, 'ministère de l’Intérieur', 0.4, '2022-02-23T09:00:00.000Z');
  db.prepare(
    "INSERT INTO alerts (origin, severity, subject, payload, actor, created_at) VALUES ('manual','urgent','Ukraine','{}','analyste','2022-02-24T07:00:00.000Z')",
  ).run();
  db.prepare(
    "INSERT INTO alerts (origin, severity, subject, payload, actor, created_at) VALUES ('manual','urgent','hier','{}','analyste','2022-02-23T07:00:00.000Z')",
  ).run();
});

afterAll(() => db.close());

test('figures by source type with change, stories, alerts, infox under review', () => {
  const m = selectBrief(db, FROM, TO, { now: new Date('2022-02-25T06:05:00Z') });
  const byType = Object.fromEntries(m.figures.byType.map((r) => [r.type, [r.count, r.previous]]));
  expect(byType['press-national']).toEqual([1, 2]);
  expect(byType.social).toEqual([3, 2]);
  expect(byType['press-regional']).toEqual([2, 0]);
  expect(m.figures.total).toBe(7);
  expect(m.figures.alertsPushed).toBe(1);
  expect(m.figures.stories).toBe(5); // 3 stored + 2 loose items clustered on the fly
  expect(m.figures.infoxUnderReview).toBe(1); // the rumour; the hoax is debunked, the photo confirmed
  expect(m.dateLabel).toBe('vendredi 25 février 2022');
  expect(m.periodLabel).toBe('24/02/2022 07:00 → 25/02/2022 07:00 (Europe/Paris)');
});

test('top stories by virality with outlets, types and an extractive summary', () => {
  const m = selectBrief(db, FROM, TO);
  expect(m.top[0]!.key).toBe(
    `story:${db.prepare('SELECT story_id AS s FROM items WHERE id = ?').pluck().get(ids.war1)}`,
  );
  expect(m.top[0]!.title).toBe('Guerre en Ukraine : la Russie lance une offensive');
  expect(m.top[0]!.outlets).toEqual(['France 3 Bretagne', 'Le Monde — International']);
  expect(m.top[0]!.sourceTypes.sort()).toEqual(['press-national', 'press-regional']);
  expect(m.top[0]!.summary).toMatch(/^L’armée russe est entrée en Ukraine|Ukraine/);
  expect(m.top[0]!.summary.length).toBeLessThanOrEqual(360);
  expect(m.top[0]!.headlines).toEqual(['Les Bretons d’Ukraine inquiets']);
});

test('controversies with quotes, tone trend toward the ministry', () => {
  const m = selectBrief(db, FROM, TO);
  expect(m.controversies[0]!.title).toContain('ministère de l’Intérieur mis en cause');
  expect(m.controversies[0]!.quotes[0]).toContain('« Une honte »');
  const t = m.tones.find((x) => x.target === 'ministère de l’Intérieur')!;
  expect(t.count).toBe(2);
  expect(t.mean).toBeCloseTo(-0.5, 5);
  expect(t.previousMean).toBeCloseTo(0.4, 5);
  expect(t.trend).toBe('down');
  expect(t.quotes[0]!.tone).toBe(-0.7);
  expect(m.charts.tone[0]!.values.some((v) => v != null && v < 0)).toBe(true);
  expect(m.charts.volume.find((v) => v.type === 'social')!.counts.reduce((a, b) => a + b, 0)).toBe(3);
  expect(m.charts.labels[0]).toBe('07h');
});

test('infox statuses: debunked with the fact-check link, confirmed by verdict, under review', () => {
  const m = selectBrief(db, FROM, TO);
  const by = Object.fromEntries(m.infox.map((x) => [x.itemId, x]));
  expect(by[ids.hoax1]!.status).toBe('debunked');
  expect(by[ids.hoax1]!.factCheck).toEqual({
    title: 'Non, cette vidéo ne montre pas Kiev en 2022',
    link: 'https://factuel.afp.com/x',
  });
  expect(by[ids.hoax1]!.evidence).toEqual(['compte anonyme', 'majuscules et « EXCLUSIF »']);
  expect(by[ids.conf]!.status).toBe('confirmed');
  expect(by[ids.conf]!.evidence[0]).toBe('montage vérifié');
  expect(by[ids.rumor]!.status).toBe('review');
  expect(m.infox.map((x) => x.itemId)).toEqual([ids.hoax1, ids.rumor, ids.conf]);
});

test('the draft reorders and removes, and supplies the analysis paragraph', () => {
  const d = saveDraft(db, {
    from: FROM,
    to: TO,
    order: [`item:${ids.conf}`, `item:${ids.rumor}`],
    removed: [`item:${ids.war2}`],
    analysis: 'Situation tendue.',
  });
  expect(findDraft(db, FROM, TO)!.id).toBe(d.id);
  const m = selectBrief(db, FROM, TO);
  expect(m.selections.map((s) => s.itemId)).toEqual([ids.conf, ids.rumor]);
  expect(m.selections[0]!.escalated).toBe(true);
  expect(m.selections[1]!.starred).toBe(true);
  expect(m.analysis).toBe('Situation tendue.');
  expect(m.top[0]!.outlets).toEqual(['Le Monde — International']);
  expect(m.figures.total).toBe(6);
  // Removing a whole story; then an explicit option overrides the draft's paragraph.
  const warKey = m.top[0]!.key;
  saveDraft(db, { from: FROM, to: TO, removed: [warKey] });
  const m2 = selectBrief(db, FROM, TO, { analysis: null });
  expect(m2.top.map((s) => s.key)).not.toContain(warKey);
  expect(m2.analysis).toBeNull();
  saveDraft(db, { from: FROM, to: TO, order: [], removed: [], analysis: null });
});

test('English wording and dates', () => {
  const m = selectBrief(db, FROM, TO, { lang: 'en', unitName: 'Media watch unit', marking: 'Restricted' });
  expect(m.dateLabel).toBe('Friday 25 February 2022');
  expect(m.unitName).toBe('Media watch unit');
  expect(m.marking).toBe('Restricted');
});

test('an empty period still gives a brief', () => {
  const m = selectBrief(db, '2021-01-01T00:00:00Z', '2021-01-02T00:00:00Z');
  expect(m.top).toEqual([]);
  expect(m.figures.total).toBe(0);
  expect(m.charts.volume).toEqual([]);
});

test('English rendering uses English wording and punctuation', async () => {
  const m = selectBrief(db, FROM, TO, { lang: 'en' });
  const md = renderMarkdown(m, renderModelCharts(m)).markdown;
  expect(md).toContain('## Key stories');
  expect(md).toContain('Status: debunked');
  expect(md).toContain('Friday 25 February 2022');
  expect(md).not.toMatch(/Statut|À retenir/);
  const html = (await renderBrief(m, renderModelCharts(m), 'html')).bytes.toString('utf8');
  expect(html).toContain('<html lang="en">');
});

test('the daily schedule writes the period ending at the cut-off', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-sched-'));
  const s = scheduleDailyBrief(db, { time: '07:00', outDir: dir, formats: ['md', 'html'] });
  try {
    expect(s.nextRun().getTime()).toBeGreaterThan(Date.now());
    const files = await s.runNow(new Date('2022-02-25T08:00:00Z'));
    expect(files.map((f) => path.basename(f))).toEqual(['synthese-2022-02-25.md', 'synthese-2022-02-25.html']);
    expect(fs.readFileSync(files[0]!, 'utf8')).toContain('Guerre en Ukraine : la Russie lance une offensive');
    const logged = db
      .prepare("SELECT trigger, period_from AS f FROM brief_files WHERE trigger = 'schedule'")
      .all() as Array<{ trigger: string; f: string }>;
    expect(logged).toHaveLength(2);
    expect(logged[0]!.f).toBe(FROM);
  } finally {
    s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
