/** Engine host over a real worker thread: calls by id, events, crash → pending calls fail, restart with backoff. */
import { Worker } from 'node:worker_threads';
import { EngineHost } from '../../electron/main/engine-host';
import { isEngineRequest } from '../../electron/engine/protocol';

// A tiny worker speaking the engine protocol: echoes calls, emits an event, crashes on demand.
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.type === 'shutdown') { parentPort.postMessage({ type: 'closed' }); return; }
  if (m.channel === 'crash') process.exit(3);
  if (m.channel === 'hang') return;
  if (m.channel === 'emit') parentPort.postMessage({ type: 'event', event: 'items:new', payload: { count: 1, ids: [9], sourceId: null } });
  setTimeout(() => parentPort.postMessage({ type: 'result', id: m.id, result: { ok: true, value: { channel: m.channel, input: m.input } } }), m.input && m.input.delay || 0);
});
parentPort.postMessage({ type: 'ready' });
`;

const logs: string[] = [];
let created = 0;
function newHost(opts: { backoffBaseMs?: number } = {}) {
  return new EngineHost({
    createWorker: () => {
      created++;
      return new Worker(WORKER, { eval: true });
    },
    backoffBaseMs: opts.backoffBaseMs ?? 20,
    log: (m) => logs.push(m),
  }).start();
}

describe('EngineHost', () => {
  test('answers concurrent calls by id, out of order', async () => {
    const host = newHost();
    const [slow, fast] = await Promise.all([
      host.call('items:list', { delay: 50 }),
      host.call('app:info', { delay: 0 }),
    ]);
    expect(slow).toEqual({ ok: true, value: { channel: 'items:list', input: { delay: 50 } } });
    expect(fast).toEqual({ ok: true, value: { channel: 'app:info', input: { delay: 0 } } });
    await host.stop();
  });

  test('delivers events to subscribers; unsubscribe stops them', async () => {
    const host = newHost();
    const got: unknown[] = [];
    const off = host.on('items:new', (p) => got.push(p));
    await host.call('emit', {});
    expect(got).toEqual([{ count: 1, ids: [9], sourceId: null }]);
    off();
    await host.call('emit', {});
    expect(got).toHaveLength(1);
    await host.stop();
  });

  test('a crash fails the calls in flight and the worker is restarted after a backoff', async () => {
    const host = newHost({ backoffBaseMs: 30 });
    const before = created;
    const hanging = host.call('hang', {});
    const crash = host.call('crash', {});
    await expect(hanging).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await expect(crash).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    // During the backoff: fail fast rather than hang.
    await expect(host.call('app:info', {})).resolves.toMatchObject({
      ok: false,
      error: { message: 'engine restarting' },
    });
    await new Promise((r) => setTimeout(r, 80));
    expect(created).toBe(before + 1);
    expect(host.restarts).toBe(1);
    await expect(host.call('app:info', {})).resolves.toMatchObject({ ok: true });
    expect(logs.some((l) => /restart in 30 ms/.test(l))).toBe(true);
    // A second crash soon after doubles the delay.
    await host.call('crash', {});
    await new Promise((r) => setTimeout(r, 10));
    expect(logs.some((l) => /restart in 60 ms/.test(l))).toBe(true);
    await host.stop();
  });

  test('stop() shuts the worker down and later calls fail cleanly', async () => {
    const host = newHost();
    await host.call('app:info', {});
    await host.stop();
    await expect(host.call('app:info', {})).resolves.toMatchObject({ ok: false, error: { message: 'engine stopped' } });
  });

  test('protocol guards accept only well-formed requests', () => {
    expect(isEngineRequest({ type: 'call', id: 1, channel: 'app:info', input: {} })).toBe(true);
    expect(isEngineRequest({ type: 'call', id: '1', channel: 'app:info' })).toBe(false);
    expect(isEngineRequest({ type: 'eval', code: 'x' })).toBe(false);
    expect(isEngineRequest(null)).toBe(false);
  });
});
