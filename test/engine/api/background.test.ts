/**
 * A long-running engine (as under Electron and `vigie serve`): the scheduler fetches a new source
 * from a loopback feed server, and the engine publishes items:new, sources:health, then the rule
 * decision reaches the desktop channel as an alerts:notice that the UI acknowledges.
 */
import { createEngine, type Engine } from '../../../electron/engine/engine';
import type { EventName, EventPayloads } from '../../../shared/api/contract';
import { respond, rssDocument, startTestServer, type TestServer } from '../../helpers/http-test-server';

let feeds: TestServer;
let engine: Engine;

beforeAll(async () => {
  feeds = await startTestServer({
    '/ok.xml': respond(200, rssDocument('Préfecture', 3), { 'content-type': 'application/rss+xml' }),
    '/down.xml': respond(503, 'maintenance'),
  });
  engine = createEngine({ dbPath: ':memory:', background: true });
});

afterAll(async () => {
  await engine.close();
  await feeds.close();
});

/** Resolves with the first payload of `event` matching `pred`. */
function next<E extends EventName>(
  event: E,
  pred: (p: EventPayloads[E]) => boolean = () => true,
  ms = 15_000,
): Promise<EventPayloads[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const off = engine.on(event, (p) => {
      if (pred(p)) {
        clearTimeout(timer);
        off();
        resolve(p);
      }
    });
  });
}

test('new sources are fetched at once; health and new items are published; a rule notifies the desktop', async () => {
  const desk = await engine.invoke('alerts:channels:save', { name: 'Poste', kind: 'desktop' });
  if (!desk.ok) throw new Error(desk.error.message);
  const rule = await engine.invoke('alerts:rules:save', {
    definition: { name: 'Tout', tiers: [{ severity: 'info', minVirality: 0 }], channelIds: [desk.value.id] },
  });
  expect(rule.ok).toBe(true);

  const ok = await engine.invoke('sources:add', {
    url: feeds.at('/ok.xml'),
    type: 'official',
    name: 'Préfecture test',
  });
  if (!ok.ok) throw new Error(ok.error.message);
  const [items, health, notice] = await Promise.all([
    next('items:new', (p) => p.sourceId === ok.value.id),
    next('sources:health', (p) => p.sourceId === ok.value.id),
    next('alerts:notice'),
  ]);
  expect(items.count).toBe(3);
  expect(health.ok).toBe(true);
  expect(health.health.lastSuccessAt).not.toBeNull();
  expect(notice.severity).toBe('info');
  expect(notice.title).toMatch(/Préfecture article/);
  const ack = await engine.invoke('alerts:ackDesktop', { outboxId: notice.outboxId });
  expect(ack).toEqual({ ok: true, value: { acknowledged: true } });

  const down = await engine.invoke('sources:add', { url: feeds.at('/down.xml'), type: 'press-regional' });
  if (!down.ok) throw new Error(down.error.message);
  const bad = await next('sources:health', (p) => p.sourceId === down.value.id);
  expect(bad.ok).toBe(false);
  expect(bad.health.lastErrorCode).toBe('http.503');
  expect(feeds.hits('/down.xml')).toBeGreaterThanOrEqual(1);
});
