import fs from 'node:fs';
import zlib from 'node:zlib';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource, getSource, type SchedulableSource } from '../../../electron/engine/db/sources-store';
import { refreshFeed } from '../../../electron/engine/ingest/refresh-feed';
import { refreshAll } from '../../../electron/engine/ingest/scheduler';
import { datasetPath, testWithDatasets } from '../../helpers/datasets';
import { respond, rssDocument, startTestServer, type TestServer } from '../../helpers/http-test-server';

const LEMONDE = datasetPath('lemonde-2022-rss/raw-snapshots/2022');
const MINIFLUX = datasetPath('miniflux-testdata/internal/reader');
const snapshot = (day: string, file = '0,2-3208,1-0,0.xml') => {
  const dir = `${LEMONDE}/${day}`;
  const stamp = fs.readdirSync(dir)[0];
  return fs.readFileSync(`${dir}/${stamp}/${file}`);
};
const noJitter = { random: () => 0.5 };

describe('refreshFeed', () => {
  let srv: TestServer;
  let db: Db;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv.close());
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  const add = (path: string, extra: Partial<Parameters<typeof addSource>[1]> = {}) =>
    addSource(db, { name: path, url: srv.at(path), type: 'press-national', ...extra });
  const fresh = (s: SchedulableSource) => getSource(db, s.id)!;
  const itemCount = (sourceId: number) =>
    (db.prepare('SELECT COUNT(*) AS n FROM item_sources WHERE source_id = ?').get(sourceId) as { n: number }).n;

  testWithDatasets(
    'stores a real Le Monde feed, then dedups the next day and answers 304 to a matching ETag',
    async () => {
      let body = snapshot('Mar/04', '0,2-3224,1-0,0.xml'); // 12 of 20 items still there the next day
      let etag = '"d1"';
      srv.route('/lemonde', (req, res) => {
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        res
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'content-encoding': 'gzip' })
          .end(zlib.gzipSync(body));
      });
      const s = add('/lemonde');
      // The snapshots are from March 2022: run the clock at capture time so the rate estimate sees recent items.
      const day1 = new Date('2022-03-04T19:00:00Z');
      const day2 = new Date('2022-03-05T19:00:00Z');
      const r1 = await refreshFeed(db, s, { skipAnalysis: true, policy: noJitter, now: () => day1 });
      expect(r1.status).toBe('ok');
      expect(r1.items).toBeGreaterThan(10);
      expect(r1.new).toBe(r1.items);
      let h = fresh(s);
      expect(h.health).toMatchObject({ errorCount: 0, etag: '"d1"', lastErrorCode: null });
      expect(h.health.lastSuccessAt).not.toBeNull();
      expect(h.itemsPerDay).toBeGreaterThan(0);
      expect(Date.parse(h.health.nextCheckAt!)).toBeGreaterThanOrEqual(day1.getTime() + 300_000);

      const r304 = await refreshFeed(db, h, { skipAnalysis: true, now: () => day1 });
      expect(r304.status).toBe('not-modified');
      expect(r304.items).toBe(0);
      expect(srv.requests.at(-1)!.headers['if-none-match']).toBe('"d1"');

      body = snapshot('Mar/05', '0,2-3224,1-0,0.xml');
      etag = '"d2"';
      h = fresh(s);
      const r2 = await refreshFeed(db, h, { skipAnalysis: true, now: () => day2 });
      expect(r2.status).toBe('ok');
      expect(r2.new).toBeLessThan(r2.items); // overlapping days: most items already known
      expect(r2.new).toBeGreaterThan(0);
      expect(fresh(s).health.etag).toBe('"d2"');
      expect(itemCount(s.id)).toBe(r1.new + r2.new);
    },
  );

  testWithDatasets('decodes charsets end to end: no declaration at all, a wrong HTTP charset', async () => {
    srv.route(
      '/latin1',
      respond(200, fs.readFileSync(`${MINIFLUX}/parser/testdata/no_encoding_ISO-8859-1.xml`), {
        'content-type': 'application/rss+xml',
      }),
    );
    srv.route(
      '/cp1251',
      respond(200, fs.readFileSync(`${MINIFLUX}/parser/testdata/encoding_WINDOWS-1251.xml`), {
        'content-type': 'text/xml; charset=utf-8',
      }),
    );
    const a = add('/latin1');
    const b = add('/cp1251', { type: 'web' });
    expect((await refreshFeed(db, a, { skipAnalysis: true })).status).toBe('ok');
    expect((await refreshFeed(db, b, { skipAnalysis: true })).status).toBe('ok');
    const titles = (id: number) =>
      (db.prepare('SELECT title FROM items WHERE source_id = ?').all(id) as { title: string }[]).map((t) => t.title);
    expect(titles(a.id)).toContain("La criminalité liée surtout à... l'ennui ?");
    expect(titles(b.id)).toContain('Цитата #17703');
    expect([...titles(a.id), ...titles(b.id)].join('')).not.toContain('\uFFFD');
  });

  it('resolves relative links against Content-Location, then the final URL', async () => {
    const doc =
      '<rss version="2.0"><channel><title>Relatifs</title><item><title>Un</title><link>a/1</link><guid>u-1</guid></item></channel></rss>';
    srv.route(
      '/relative',
      respond(200, doc, { 'content-type': 'application/rss+xml', 'content-location': '/v2/flux/' }),
    );
    srv.route('/plain/feed.xml', respond(200, doc, { 'content-type': 'application/rss+xml' }));
    const a = add('/relative');
    const b = add('/plain/feed.xml');
    expect((await refreshFeed(db, a, { skipAnalysis: true })).status).toBe('ok');
    expect((await refreshFeed(db, b, { skipAnalysis: true })).status).toBe('ok');
    const link = (id: number) =>
      (db.prepare('SELECT link FROM items WHERE source_id = ?').get(id) as { link: string }).link;
    expect(link(a.id)).toBe(srv.at('/v2/flux/a/1'));
    expect(link(b.id)).toBe(srv.at('/plain/a/1'));
  });

  it('records failures with their code, backs off, and pauses after N in a row', async () => {
    srv.route('/gone', respond(410, 'gone'));
    let s = add('/gone');
    const delays: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const before = Date.now();
      const r = await refreshFeed(db, s, { pauseAfterErrors: 4, policy: noJitter });
      expect(r.status).toBe('error');
      expect(r.error?.code).toBe('http.410');
      s = fresh(s);
      expect(s.health.errorCount).toBe(i);
      expect(s.health.lastErrorCode).toBe('http.410');
      delays.push(Date.parse(s.health.nextCheckAt!) - before);
      expect(r.paused).toBe(i === 4);
    }
    expect(delays[1]).toBeGreaterThan(delays[0] * 1.8);
    expect(delays[2]).toBeGreaterThan(delays[1] * 1.8);
    expect(s.enabled).toBe(false);
    expect(s.health.pausedReason).toMatch(/4 consecutive errors/);
  });

  it('honours Retry-After on 429 and 503', async () => {
    srv.route('/busy', respond(429, '', { 'retry-after': '7200' }));
    srv.route('/down', respond(503, '', { 'retry-after': new Date(Date.now() + 3 * 3600_000).toUTCString() }));
    const a = add('/busy');
    const b = add('/down');
    await refreshFeed(db, a, { policy: noJitter });
    await refreshFeed(db, b, { policy: noJitter });
    expect(Date.parse(fresh(a).health.nextCheckAt!) - Date.now()).toBeGreaterThan(7100_000);
    expect(Date.parse(fresh(b).health.nextCheckAt!) - Date.now()).toBeGreaterThan(3 * 3600_000 - 120_000);
    expect(fresh(b).health.lastErrorCode).toBe('http.503');
  });

  it('a 304 after failures restores good health', async () => {
    let fail = true;
    srv.route('/flaky', (_req, res) => {
      if (fail) res.writeHead(500).end();
      else res.writeHead(304).end();
    });
    let s = add('/flaky');
    await refreshFeed(db, s);
    s = fresh(s);
    expect(s.health.errorCount).toBe(1);
    fail = false;
    expect((await refreshFeed(db, s)).status).toBe('not-modified');
    expect(fresh(s).health).toMatchObject({ errorCount: 0, lastErrorCode: null });
  });

  it('follows a permanent move and reports it without rewriting the source', async () => {
    srv.route('/old', respond(301, '', { location: '/new' }));
    srv.route('/new', respond(200, rssDocument('Moved', 2), { 'content-type': 'application/rss+xml' }));
    const s = add('/old');
    const r = await refreshFeed(db, s, { skipAnalysis: true });
    expect(r).toMatchObject({ status: 'ok', items: 2, movedTo: srv.at('/new') });
    expect(fresh(s).url).toBe(srv.at('/old'));
  });

  testWithDatasets('reports an empty body and an HTML page as parse errors', async () => {
    srv.route('/empty', respond(200, snapshot('Jul/05'), { 'content-type': 'application/rss+xml' }));
    srv.route(
      '/html',
      respond(200, '<!doctype html><html><body><p>Pas un flux</p></body></html>', { 'content-type': 'text/html' }),
    );
    const r1 = await refreshFeed(db, add('/empty'));
    const r2 = await refreshFeed(db, add('/html'));
    expect(r1.status).toBe('error');
    expect(r1.error?.code).toMatch(/^parse\./);
    expect(r2.error?.code).toMatch(/^parse\./);
  });
});

describe('refreshAll', () => {
  let srv: TestServer;
  let db: Db;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv.close());
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('one failing source never stops the others', async () => {
    srv.route('/a', respond(200, rssDocument('A', 5), { 'content-type': 'application/rss+xml' }));
    srv.route('/b', respond(500, 'boom'));
    srv.route('/c', (_req, res) => {
      setTimeout(() => res.end(rssDocument('C', 1)), 3000).unref();
    });
    srv.route('/d', respond(200, rssDocument('D', 3), { 'content-type': 'application/rss+xml' }));
    for (const p of ['/a', '/b', '/c', '/d']) addSource(db, { name: p, url: srv.at(p), type: 'web' });
    addSource(db, { name: 'dns', url: 'http://nonexistent.invalid/feed', type: 'web' });
    const progress: number[] = [];
    const s = await refreshAll(db, {
      fetch: { timeoutMs: 300 },
      skipAnalysis: true,
      onProgress: (p) => progress.push(p.done),
    });
    expect(s).toMatchObject({ sources: 5, ok: 2, errors: 3, items: 8, new: 8 });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const codes = s.results
      .filter((r) => r.error)
      .map((r) => r.error!.code)
      .sort();
    expect(codes).toEqual(['fetch.network', 'fetch.timeout', 'http.500']);
    // Nothing is due any more.
    expect((await refreshAll(db, {})).sources).toBe(0);
    expect((await refreshAll(db, { all: true, fetch: { timeoutMs: 300 }, skipAnalysis: true })).sources).toBe(5);
  });

  it('respects the per-host cap', async () => {
    let running = 0;
    let max = 0;
    srv.route('/slow', (_req, res) => {
      running++;
      max = Math.max(max, running);
      setTimeout(() => {
        running--;
        res.end(rssDocument('S', 1));
      }, 60);
    });
    for (let i = 0; i < 6; i++) addSource(db, { name: `s${i}`, url: `${srv.at('/slow')}?n=${i}`, type: 'web' });
    const s = await refreshAll(db, { concurrency: 8, perHost: 2, skipAnalysis: true });
    expect(s.ok).toBe(6);
    expect(max).toBe(2);
  });
});
