import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource, getSource } from '../../../electron/engine/db/sources-store';
import type { RefreshResult } from '../../../electron/engine/ingest/refresh-feed';
import { startScheduler } from '../../../electron/engine/ingest/scheduler';
import { sharedParsePool } from '../../../electron/engine/ingest/parse-pool';
import { rssDocument, startTestServer, type TestServer } from '../../helpers/http-test-server';

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('startScheduler', () => {
  let srv: TestServer;
  let db: Db;
  beforeAll(async () => {
    srv = await startTestServer();
    // Feeds parse in the shared pool: started here, so its start-up does not count in the timings below.
    await sharedParsePool().parseFeed(Buffer.from(rssDocument('warm-up', 1)), { fetchedAt: new Date() });
  }, 60_000);
  afterAll(() => srv.close());
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('refreshes due sources, then drains in-flight refreshes on stop', async () => {
    srv.route('/fast', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDocument('Fast', 2));
    });
    srv.route('/slow', (_req, res) => {
      setTimeout(() => res.writeHead(200).end(rssDocument('Slow', 3)), 400);
    });
    const fast = addSource(db, { name: 'fast', url: srv.at('/fast'), type: 'web' });
    const slow = addSource(db, { name: 'slow', url: srv.at('/slow'), type: 'web' });
    const results: RefreshResult[] = [];
    const started: number[] = [];
    const sch = startScheduler(db, {
      minSleepMs: 10,
      skipAnalysis: true,
      onStart: (s) => started.push(s.id),
      onResult: (r) => results.push(r),
    });
    await waitFor(() => results.some((r) => r.sourceId === fast.id));
    expect(sch.inFlight).toBe(1); // the slow one
    const t0 = Date.now();
    await sch.stop();
    // stop() waited for the slow refresh to finish and be recorded.
    expect(Date.now() - t0).toBeGreaterThan(100);
    expect(results.map((r) => [r.sourceId, r.status])).toEqual([
      [fast.id, 'ok'],
      [slow.id, 'ok'],
    ]);
    expect(getSource(db, slow.id)!.health.lastSuccessAt).not.toBeNull();
    expect(sch.inFlight).toBe(0);
    expect(started.sort()).toEqual([fast.id, slow.id].sort());
    // Not due again within the poll interval: each source was fetched once.
    expect(srv.hits('/fast')).toBe(1);
  });

  it('aborts refreshes still running after the grace delay, leaving the source due', async () => {
    srv.route('/hang', () => {
      /* never answers */
    });
    const s = addSource(db, { name: 'hang', url: srv.at('/hang'), type: 'web' });
    const results: RefreshResult[] = [];
    const sch = startScheduler(db, { minSleepMs: 10, onResult: (r) => results.push(r) });
    await waitFor(() => srv.hits('/hang') > 0);
    await sch.stop({ graceMs: 50 });
    expect(results).toHaveLength(1);
    expect(results[0].status).toBe('aborted');
    const after = getSource(db, s.id)!;
    expect(after.health.errorCount).toBe(0);
    expect(after.health.nextCheckAt).toBeNull();
  });

  it('picks up a source added while running after wake()', async () => {
    srv.route('/late', (_req, res) => {
      res.end(rssDocument('Late', 1));
    });
    const results: RefreshResult[] = [];
    const sch = startScheduler(db, {
      minSleepMs: 10,
      maxSleepMs: 60_000,
      skipAnalysis: true,
      onResult: (r) => results.push(r),
    });
    await new Promise((r) => setTimeout(r, 50));
    addSource(db, { name: 'late', url: srv.at('/late'), type: 'web' });
    sch.wake();
    await waitFor(() => results.length === 1);
    await sch.stop();
    expect(results[0].status).toBe('ok');
  });
});
