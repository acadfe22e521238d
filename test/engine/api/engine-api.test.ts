/**
 * The engine facade over a real database: one day of real Le Monde feeds (../shared/datasets)
 * ingested through the normal path, then every screen's channels exercised through `invoke`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { ingestFiles } from '../../../electron/engine/ingest/ingest-files';
import { countItems } from '../../../electron/engine/db/items-store';
import { datasetPath, describeWithDatasets } from '../../helpers/datasets';
import type { Result } from '../../../shared/result';

const DAY = datasetPath('lemonde-2022-rss', 'raw-snapshots', '2022', 'Mar', '05', '18-34-00');
// The snapshot's "now": items are from 2022, the clock is set just after the capture.
const NOW = new Date('2022-03-05T18:40:00Z');

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

let dir: string;
let engine: Engine;

describeWithDatasets('engine facade on real feeds', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-api-'));
    engine = createEngine({ dbPath: path.join(dir, 'vigie.db'), now: () => NOW });
    const r = await ingestFiles(engine.db, [DAY], {
      sourceType: 'press-national',
      workers: 0,
      onError: () => undefined,
    });
    expect(r.new).toBeGreaterThan(100);
  });

  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('items:list filters by département through the items’ places; bad codes are an input error', async () => {
    const all = value(await engine.invoke('items:list', { offset: 0, limit: 500 }));
    const withPlaces = all.items.filter((it) => it.places.length > 0);
    expect(withPlaces.length).toBeGreaterThan(0);
    const dep = withPlaces.flatMap((it) => it.places).find((p) => p.level === 'departement')!.code;
    const page = value(await engine.invoke('items:list', { offset: 0, limit: 500, departements: [dep] }));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.total).toBe(page.items.length);
    for (const it of page.items) expect(it.places.some((p) => p.code === dep || p.code.startsWith(dep))).toBe(true);
    const bad = await engine.invoke('items:list', { offset: 0, limit: 10, departements: ['Finistère'] });
    expect(bad.ok).toBe(false);
  });

  test('items:list pages cover every item once, ranked by urgency, with the analyst layer', async () => {
    const total = countItems(engine.db);
    const seen = new Set<number>();
    let last = Infinity;
    for (let offset = 0; offset < total; offset += 100) {
      const page = value(await engine.invoke('items:list', { offset, limit: 100 }));
      expect(page.total).toBe(total);
      for (const it of page.items) {
        expect(seen.has(it.id)).toBe(false);
        seen.add(it.id);
        expect(it.urgency).toBeLessThanOrEqual(last);
        last = it.urgency;
        expect(it).not.toHaveProperty('content');
        expect(Array.isArray(it.tags)).toBe(true);
      }
    }
    expect(seen.size).toBe(total);
  });

  test('boolean search and filters reach the store; invalid input is an envelope, not a throw', async () => {
    const hits = value(await engine.invoke('items:list', { query: 'Ukraine', sort: 'recent', limit: 500 }));
    expect(hits.total).toBeGreaterThan(5);
    expect(hits.items.every((i) => /ukrain/i.test(`${i.title} ${i.summary ?? ''}`))).toBe(true);
    const not = value(await engine.invoke('items:list', { query: 'Ukraine NOT Russie', sort: 'recent', limit: 500 }));
    expect(not.total).toBeLessThan(hits.total);
    const bad = await engine.call('items:list', { sort: 'random' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const missing = await engine.invoke('items:get', { id: 99_999_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'db.not_found' } });
  });

  test('triage is undoable, stars and tags filter lists, changes are announced', async () => {
    const changed: number[][] = [];
    const off = engine.on('items:changed', (p) => changed.push(p.ids));
    const [a, b] = value(await engine.invoke('items:list', { sort: 'recent', limit: 2 })).items;
    const t = value(await engine.invoke('items:setTriage', { ids: [a!.id, b!.id], state: 'escalated' }));
    expect(t.changed).toBe(2);
    expect(value(await engine.invoke('items:list', { triage: ['escalated'] })).total).toBe(2);
    expect(value(await engine.invoke('items:undoTriage', { undoId: t.undoId }))).toEqual({
      restored: 2,
      undoneState: 'escalated',
    });
    expect(value(await engine.invoke('items:list', { triage: ['escalated'] })).total).toBe(0);
    // An undo is used once.
    expect(value(await engine.invoke('items:undoTriage', { undoId: t.undoId })).restored).toBe(0);

    value(await engine.invoke('items:setStarred', { ids: [a!.id], starred: true }));
    expect(value(await engine.invoke('items:list', { starred: true })).items.map((i) => i.id)).toEqual([a!.id]);
    value(await engine.invoke('items:tag', { ids: [a!.id, b!.id], add: ['à vérifier'] }));
    value(await engine.invoke('items:tag', { ids: [b!.id], remove: ['à vérifier'] }));
    const tagged = value(await engine.invoke('items:list', { tag: 'à vérifier' }));
    expect(tagged.items.map((i) => i.id)).toEqual([a!.id]);
    expect(tagged.items[0]!.tags).toEqual(['à vérifier']);
    off();
    expect(changed.length).toBeGreaterThanOrEqual(5);
  });

  test('the item screen: content, sources, notes by the analyst, verdicts feeding the dashboard', async () => {
    value(await engine.invoke('settings:set', { analystName: 'Camille' }));
    const [it] = value(await engine.invoke('items:list', { sort: 'recent', limit: 1 })).items;
    const note = value(
      await engine.invoke('items:note', { itemId: it!.id, text: 'Vérifier auprès du service de presse' }),
    );
    expect(note.author).toBe('Camille');
    const detail = value(
      await engine.invoke('items:verdict', { id: it!.id, verdict: 'unfounded', comment: 'démenti officiel' }),
    );
    expect(detail.item.verdict).toBe('unfounded');
    expect(detail.verdictBy).toBe('Camille');
    expect(detail.notes.map((n) => n.text)).toEqual(['Vérifier auprès du service de presse']);
    expect(detail.sources.length).toBeGreaterThanOrEqual(1);
    expect(detail.item.noteCount).toBe(1);
    value(await engine.invoke('items:note', { itemId: it!.id, noteId: note.id, remove: true }));
    expect(value(await engine.invoke('items:get', { id: it!.id })).notes).toEqual([]);
  });

  test('saved searches become watch topics that filter items:list', async () => {
    const saved = value(await engine.invoke('search:saved:save', { name: 'Ukraine', query: 'Ukraine', watch: true }));
    expect(saved.matchCount).toBeGreaterThan(5);
    const viaTopic = value(await engine.invoke('items:list', { watchTopicId: saved.id }));
    const direct = value(await engine.invoke('items:list', { query: 'Ukraine' }));
    expect(viaTopic.total).toBe(direct.total);
    expect(value(await engine.invoke('search:saved:list')).map((s) => s.name)).toContain('Ukraine');
    expect(value(await engine.invoke('search:saved:remove', { id: saved.id }))).toEqual({ removed: true });
  });

  test('stories, sources and the dashboard agree with the items', async () => {
    const stories = value(await engine.invoke('stories:list', { sort: 'size', limit: 5 }));
    expect(stories.total).toBeGreaterThan(0);
    const s = stories.stories[0]!;
    expect(s.title.length).toBeGreaterThan(0);
    expect(s.sparkline).toHaveLength(24);
    const detail = value(await engine.invoke('stories:get', { id: s.id }));
    expect(detail.items).toHaveLength(s.itemCount);
    expect(detail.timeline.reduce((n, b) => n + b.count, 0)).toBe(s.itemCount);
    const sources = value(await engine.invoke('sources:list'));
    expect(sources.length).toBeGreaterThan(3);
    expect(sources.every((s) => s.itemCount >= 0 && !('ttlMinutes' in s))).toBe(true);
    const dash = value(
      await engine.invoke('dashboard:get', {
        since: '2022-03-01T00:00:00Z',
        until: '2022-03-06T00:00:00Z',
        bucket: 'day',
      }),
    );
    const inRange = countItems(engine.db, { since: '2022-03-01T00:00:00Z', until: '2022-03-06T00:00:00Z' });
    expect(dash.volume.reduce((n, v) => n + v.total, 0)).toBe(inRange);
    expect(dash.volume).toHaveLength(5);
    expect(dash.infoxUnderReview.every((i) => i.verdict === null)).toBe(true);
  });

  test('OPML export round-trips into another engine', async () => {
    const { xml } = value(await engine.invoke('sources:exportOpml'));
    const other = createEngine({ dbPath: ':memory:' });
    const r = value(await other.invoke('sources:importOpml', { xml }));
    expect(r.added).toBe(value(await engine.invoke('sources:list')).length);
    expect(value(await other.invoke('sources:importOpml', { xml })).skipped).toBe(r.added);
    await other.close();
  });

  test('settings and the reliability list', async () => {
    const s = value(
      await engine.invoke('settings:set', { language: 'en', watchedEntities: ['ministère de l’Intérieur'] }),
    );
    expect(s).toMatchObject({ language: 'en', watchedEntities: ['ministère de l’Intérieur'], analystName: 'Camille' });
    expect(
      value(
        await engine.invoke('settings:importReliability', {
          csv: 'domain,rating\nlemonde.fr,reliable\nfrancesoir.fr,unreliable\n',
        }),
      ),
    ).toEqual({ count: 2 });
    expect(value(await engine.invoke('settings:get')).reliabilityCount).toBe(2);
    expect(await engine.invoke('settings:importReliability', { csv: 'domain,rating\nx.fr,maybe\n' })).toMatchObject({
      ok: false,
      error: { code: 'input.invalid' },
    });
  });
});

describe('demo workspace', () => {
  test('loads into an empty database only, through the ingest path, with dates relative to now', async () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const demo = createEngine({ dbPath: ':memory:', now: () => now, demoIfEmpty: true });
    const info = value(await demo.invoke('app:info'));
    expect(info).toMatchObject({ demoLoaded: true, empty: false, sourceCount: 8 });
    expect(value(await demo.invoke('demo:load', {}))).toEqual({ loaded: false, sources: 0, items: 0 });
    const items = value(await demo.invoke('items:list', { sort: 'recent', limit: 100 })).items;
    expect(items.length).toBe(info.itemCount);
    const times = items.map((i) => Date.parse(i.published!));
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...times)).toBeGreaterThan(now.getTime() - 36 * 3_600_000);
    const types = new Set(items.map((i) => i.sourceType));
    for (const t of ['press-national', 'press-regional', 'official', 'social', 'factcheck']) expect(types).toContain(t);
    const fake = items.find((i) => /Arrêté préfectoral : tous les non-résidents/.test(i.title))!;
    const debunk = items.find((i) => i.sourceType === 'factcheck')!;
    expect(fake.sourceType).toBe('social');
    expect(Date.parse(debunk.published!)).toBeGreaterThan(Date.parse(fake.published!));
    // The fake decree is what the infox score is for.
    expect(fake.infox ?? 0).toBeGreaterThanOrEqual(
      items.filter((i) => i.sourceType === 'official').reduce((m, i) => Math.max(m, i.infox ?? 0), 0),
    );
    // Demo feeds are paused: nothing is ever fetched from them.
    expect(value(await demo.invoke('sources:list')).every((s) => !s.enabled && s.url.includes('.invalid/'))).toBe(true);
    await demo.close();
  });
});

describe('demo live replay', () => {
  test('a long-running engine holds back the live items and stores them later through the ingest path', () => {
    const { loadDemoWorkspace, replayLiveItem } =
      require('../../../electron/engine/demo/load-demo') as typeof import('../../../electron/engine/demo/load-demo');
    const db = createEngine({ dbPath: ':memory:' }).db;
    const r = loadDemoWorkspace(db, { holdLive: true });
    expect(r.live.map((l) => l.afterSec)).toEqual([20, 45]);
    const before = countItems(db);
    expect(before).toBe(r.items);
    const ids = replayLiveItem(db, r.live[0]!.source, r.live[0]!.item);
    expect(ids).toHaveLength(1);
    expect(countItems(db)).toBe(before + 1);
    // Replaying twice does not duplicate (same guid: the dedup chain recognises it).
    expect(replayLiveItem(db, r.live[0]!.source, r.live[0]!.item)).toEqual([]);
    db.close();
  });
});

describe('alerts through the facade (demo crisis)', () => {
  test('channels, a rule and its dry run, a push to the cabinet, the outbox and a desktop acknowledgement', async () => {
    const now = new Date();
    const e = createEngine({ dbPath: ':memory:', now: () => now, demoIfEmpty: true });
    const desk = value(await e.invoke('alerts:channels:save', { name: 'Poste', kind: 'desktop' }));
    const hook = value(
      await e.invoke('alerts:channels:save', {
        name: 'Cabinet',
        kind: 'webhook',
        config: { url: 'https://hooks.example.invalid/T0/B1/xyz' },
        secret: 'tok',
      }),
    );
    expect(hook.config.url).toBe('https://hooks.example.invalid/…');
    expect(hook.hasSecret).toBe(true);
    // Saving the masked URL back keeps the real one (checked by the engine's own reveal path).
    const again = value(
      await e.invoke('alerts:channels:save', {
        id: hook.id,
        name: 'Cabinet',
        kind: 'webhook',
        config: hook.config,
        enabled: false,
      }),
    );
    expect(again.enabled).toBe(false);
    expect(e.db.prepare('SELECT config FROM alert_channels WHERE id = ?').pluck().get(hook.id)).toContain('/T0/B1/xyz');

    const definition = {
      name: 'Kervoal',
      query: 'Kervoal',
      tiers: [{ severity: 'urgent', minInfox: 40 }],
      channelIds: [desk.id],
    };
    const test = value(await e.invoke('alerts:rules:test', { definition }));
    expect(test.evaluated).toBeGreaterThan(10);
    expect(test.hits.every((h) => h.severity === 'urgent')).toBe(true);
    const rule = value(await e.invoke('alerts:rules:save', { definition }));
    expect(value(await e.invoke('alerts:rules:list')).map((r) => r.id)).toEqual([rule.id]);
    expect(await e.invoke('alerts:rules:save', { definition: { name: '' } })).toMatchObject({
      ok: false,
      error: { code: 'input.invalid' },
    });

    const [top] = value(await e.invoke('items:list', { limit: 1 })).items;
    const push = value(await e.invoke('alerts:push', { itemId: top!.id, comment: 'À lire', channelIds: [desk.id] }));
    expect(push.deliveries).toBe(1);
    const outbox = value(await e.invoke('alerts:outbox:list', {}));
    expect(outbox[0]).toMatchObject({ alertId: push.alertId, channelKind: 'desktop', status: 'pending' });
    expect(value(await e.invoke('alerts:ackDesktop', { outboxId: outbox[0]!.id }))).toEqual({ acknowledged: true });
    expect(value(await e.invoke('alerts:outbox:list', { status: 'sent' })).map((d) => d.id)).toEqual([outbox[0]!.id]);
    expect(value(await e.invoke('alerts:rules:remove', { id: rule.id }))).toEqual({ removed: true });
    await e.close();
  });
});

describe('briefs through the facade', () => {
  test('preview is HTML for the period; export returns the file as base64 with its MIME type', async () => {
    const now = new Date();
    const e = createEngine({ dbPath: ':memory:', now: () => now, demoIfEmpty: true });
    // The period is [from, to): `to` just after now so the items published "now" are in.
    const from = new Date(now.getTime() - 36 * 3_600_000).toISOString(),
      to = new Date(now.getTime() + 60_000).toISOString();
    const p = value(await e.invoke('briefs:preview', { from, to }));
    expect(p.itemCount).toBe(value(await e.invoke('app:info')).itemCount);
    expect(p.html).toMatch(/<html[\s>]/i);
    expect(p.html).toContain('Kervoal');
    const md = value(await e.invoke('briefs:export', { from, to, format: 'md' }));
    expect(md.mimeType).toMatch(/^text\/markdown/);
    expect(md.fileName).toMatch(/^synthese-\d{4}-\d{2}-\d{2}\.md$/);
    expect(Buffer.from(md.base64, 'base64').toString('utf8')).toContain('Kervoal');
    const docx = value(await e.invoke('briefs:export', { from, to, format: 'docx' }));
    expect(Buffer.from(docx.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(docx.bytes).toBe(Buffer.from(docx.base64, 'base64').length);
    expect(await e.invoke('briefs:export', { from, to, format: 'odt' as never })).toMatchObject({
      ok: false,
      error: { code: 'input.invalid' },
    });
    await e.close();
  });
});

describe('story search', () => {
  test('stories:list with a query keeps the stories having a matching item', async () => {
    const e = createEngine({ dbPath: ':memory:', demoIfEmpty: true });
    const all = value(await e.invoke('stories:list', {}));
    const decree = value(await e.invoke('stories:list', { query: 'arrêté' }));
    expect(decree.total).toBeGreaterThan(0);
    expect(decree.total).toBeLessThan(all.total);
    for (const s of decree.stories) {
      const items = value(await e.invoke('items:list', { storyId: s.id, query: 'arrêté' }));
      expect(items.total).toBeGreaterThan(0);
    }
    await e.close();
  });
});

describe('Priorité paging beyond the urgency pool', () => {
  test('pages cover every item exactly once when the inbox is larger than the ranked pool', async () => {
    const { addSource } =
      require('../../../electron/engine/db/sources-store') as typeof import('../../../electron/engine/db/sources-store');
    const { storeFeedItems } =
      require('../../../electron/engine/ingest/store-feed') as typeof import('../../../electron/engine/ingest/store-feed');
    const now = new Date('2026-03-10T12:00:00Z');
    const e = createEngine({ dbPath: ':memory:', now: () => now });
    const src = addSource(e.db, { name: 'Fil', url: 'https://fil.example.invalid/rss', type: 'web' });
    const items = Array.from({ length: 2300 }, (_, i) => ({
      guid: `g${i}`,
      title: `Dépêche ${i} sur le sujet ${i % 37}`,
      link: `https://fil.example.invalid/${i}`,
      published: new Date(now.getTime() - i * 60_000).toISOString(),
      updated: null,
      authors: [],
      categories: [],
      summary: null,
      content: null,
      enclosures: [],
    }));
    storeFeedItems(
      e.db,
      src,
      {
        format: 'rss',
        title: 'Fil',
        link: null,
        description: null,
        language: 'fr',
        published: null,
        updated: null,
        authors: [],
        categories: [],
        items,
      },
      { fetchedAt: now, skipAnalysis: true },
    );
    const seen = new Set<number>();
    for (let offset = 0; offset < 2300; offset += 500) {
      const page = value(await e.invoke('items:list', { offset, limit: 500 }));
      expect(page.total).toBe(2300);
      for (const it of page.items) {
        expect(seen.has(it.id)).toBe(false);
        seen.add(it.id);
      }
    }
    expect(seen.size).toBe(2300);
    await e.close();
  });
});
