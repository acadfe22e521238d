import { openDatabase, type Db } from '../../../electron/engine/db/open';
import {
  addSource,
  dueSources,
  findSourceByUrl,
  getSource,
  listSources,
  nextDueAt,
  recordFailure,
  recordNotModified,
  recordSuccess,
  removeSource,
  resumeSource,
  updateSource,
} from '../../../electron/engine/db/sources-store';
import { REACH_BY_TYPE, SCHEDULER_DEFAULTS } from '../../../shared/defaults';
import { AppError } from '../../../shared/errors';

describe('sources-store', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('adds a source with defaults from the type and the scheduler policy', () => {
    const s = addSource(db, {
      name: 'Le Monde — À la une',
      url: 'https://www.lemonde.fr/rss/une.xml',
      type: 'press-national',
      language: 'fr',
    });
    expect(s).toMatchObject({
      name: 'Le Monde — À la une',
      type: 'press-national',
      language: 'fr',
      reachWeight: REACH_BY_TYPE['press-national'],
      pollIntervalSec: SCHEDULER_DEFAULTS.intervalSec,
      priority: false,
      enabled: true,
    });
    expect(s.health).toMatchObject({ errorCount: 0, lastSuccessAt: null, nextCheckAt: null, pausedReason: null });
    const p = addSource(db, {
      name: 'Préfecture',
      url: 'https://www.prefecture.example/rss',
      type: 'official',
      priority: true,
      reachWeight: 0.9,
    });
    expect(p.pollIntervalSec).toBe(SCHEDULER_DEFAULTS.priorityIntervalSec);
    expect(p.reachWeight).toBe(0.9);
    expect(getSource(db, p.id)?.url).toBe('https://www.prefecture.example/rss');
    expect(findSourceByUrl(db, 'https://www.lemonde.fr/rss/une.xml')?.id).toBe(s.id);
  });

  it('rejects duplicates, unknown types and non-http URLs with codes', () => {
    addSource(db, { name: 'A', url: 'https://a.example/feed', type: 'web' });
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as AppError).code;
      }
      return 'none';
    };
    expect(codeOf(() => addSource(db, { name: 'A2', url: 'https://a.example/feed', type: 'web' }))).toBe(
      'db.constraint',
    );
    expect(codeOf(() => addSource(db, { name: 'B', url: 'https://b.example/feed', type: 'blog' as never }))).toBe(
      'input.invalid',
    );
    expect(codeOf(() => addSource(db, { name: 'C', url: 'ftp://c.example/feed', type: 'web' }))).toBe(
      'fetch.invalid_url',
    );
    expect(codeOf(() => updateSource(db, 999, { name: 'x' }))).toBe('db.not_found');
  });

  it('lists, updates and removes', () => {
    const b = addSource(db, { name: 'beta', url: 'https://b.example/f', type: 'tv' });
    addSource(db, { name: 'Alpha', url: 'https://a.example/f', type: 'radio' });
    expect(listSources(db).map((s) => s.name)).toEqual(['Alpha', 'beta']);
    expect(listSources(db, { type: 'tv' })).toHaveLength(1);
    const u = updateSource(db, b.id, {
      name: 'Bêta',
      priority: true,
      type: 'radio',
      enabled: false,
      pausedReason: 'manual',
    });
    expect(u).toMatchObject({ name: 'Bêta', priority: true, type: 'radio', enabled: false });
    expect(u.health.pausedReason).toBe('manual');
    expect(listSources(db, { enabled: true }).map((s) => s.name)).toEqual(['Alpha']);
    expect(removeSource(db, b.id)).toBe(true);
    expect(removeSource(db, b.id)).toBe(false);
  });

  it('returns due sources: never checked first, then overdue; skips disabled and future', () => {
    const now = new Date('2024-05-01T12:00:00Z');
    const a = addSource(db, { name: 'a', url: 'https://a.example/f', type: 'web' });
    const b = addSource(db, { name: 'b', url: 'https://b.example/f', type: 'web' });
    const c = addSource(db, { name: 'c', url: 'https://c.example/f', type: 'web' });
    const d = addSource(db, { name: 'd', url: 'https://d.example/f', type: 'web', enabled: false });
    recordSuccess(db, a.id, { etag: null, lastModified: null, nextCheckAt: new Date('2024-05-01T11:00:00Z'), at: now });
    recordSuccess(db, b.id, { etag: null, lastModified: null, nextCheckAt: new Date('2024-05-01T13:00:00Z'), at: now });
    expect(dueSources(db, now).map((s) => s.id)).toEqual([c.id, a.id]);
    expect(dueSources(db, now, 1).map((s) => s.id)).toEqual([c.id]);
    expect(dueSources(db, now).some((s) => s.id === d.id)).toBe(false);
    expect(nextDueAt(db)).toBe(new Date(0).toISOString());
    removeSource(db, c.id);
    expect(nextDueAt(db)).toBe('2024-05-01T11:00:00.000Z');
  });

  it('records success with validators and scheduling hints; 304 keeps them and stays healthy', () => {
    const s = addSource(db, { name: 's', url: 'https://s.example/f', type: 'web' });
    recordFailure(db, s.id, { code: 'http.500', message: 'HTTP 500', nextCheckAt: new Date() });
    recordSuccess(db, s.id, {
      etag: '"e1"',
      lastModified: 'Wed, 01 May 2024 10:00:00 GMT',
      nextCheckAt: new Date('2024-05-01T12:05:00Z'),
      ttlMinutes: 30,
      itemsPerDay: 12.5,
      siteUrl: 'https://s.example/',
    });
    let h = getSource(db, s.id)!;
    expect(h.health).toMatchObject({
      errorCount: 0,
      lastErrorCode: null,
      etag: '"e1"',
      nextCheckAt: '2024-05-01T12:05:00.000Z',
    });
    expect(h.ttlMinutes).toBe(30);
    expect(h.itemsPerDay).toBe(12.5);
    expect(h.siteUrl).toBe('https://s.example/');
    recordNotModified(db, s.id, {
      nextCheckAt: new Date('2024-05-01T12:10:00Z'),
      at: new Date('2024-05-01T12:05:00Z'),
    });
    h = getSource(db, s.id)!;
    expect(h.health).toMatchObject({
      errorCount: 0,
      etag: '"e1"',
      lastSuccessAt: '2024-05-01T12:05:00.000Z',
      nextCheckAt: '2024-05-01T12:10:00.000Z',
    });
    expect(h.itemsPerDay).toBe(12.5);
  });

  it('counts consecutive failures and pauses after the limit; resume clears it', () => {
    const s = addSource(db, { name: 's', url: 'https://s.example/f', type: 'web' });
    for (let i = 1; i < SCHEDULER_DEFAULTS.pauseAfterErrors; i++) {
      const r = recordFailure(db, s.id, { code: 'http.404', message: 'HTTP 404 Not Found', nextCheckAt: new Date() });
      expect(r).toEqual({ errorCount: i, paused: false });
    }
    expect(getSource(db, s.id)!.health).toMatchObject({
      lastErrorCode: 'http.404',
      lastErrorMessage: 'HTTP 404 Not Found',
    });
    expect(getSource(db, s.id)!.enabled).toBe(true);
    const last = recordFailure(db, s.id, { code: 'http.410', message: 'gone', nextCheckAt: new Date() });
    expect(last.paused).toBe(true);
    const paused = getSource(db, s.id)!;
    expect(paused.enabled).toBe(false);
    expect(paused.health.pausedReason).toMatch(/10 consecutive errors.*http\.410/);
    expect(dueSources(db, new Date(Date.now() + 86_400_000))).toHaveLength(0);
    const resumed = resumeSource(db, s.id);
    expect(resumed.enabled).toBe(true);
    expect(resumed.health).toMatchObject({ errorCount: 0, pausedReason: null, nextCheckAt: null });
    expect(dueSources(db, new Date())).toHaveLength(1);
  });
});
