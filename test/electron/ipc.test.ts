/** Typed IPC: channel allow-list, sender frame check, zod payload validation, Result envelopes, event forwarding. */
import { CHANNELS, EVENTS, IPC_EVENT_PREFIX } from '../../shared/api/contract';
import type { Result } from '../../shared/result';
import { createSenderCheck, forwardEvents, registerIpc, type IpcEngine } from '../../electron/main/ipc';
import { FakeWebContents, fakeIpcMain } from '../helpers/fake-electron';

const APP = 'file:///opt/vigie/renderer/dist/';

/** An engine double recording calls (the real engine is covered by test/web and the engine tests). */
function recordingEngine() {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const listeners = new Map<string, Array<(p: unknown) => void>>();
  const engine: IpcEngine = {
    call: async (channel, input) => {
      calls.push({ channel, input });
      return { ok: true, value: { channel } } as Result<unknown>;
    },
    on: (event, l) => {
      listeners.set(event, [...(listeners.get(event) ?? []), l]);
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((x) => x !== l),
        );
    },
  };
  return { engine, calls, emit: (e: string, p: unknown) => (listeners.get(e) ?? []).forEach((l) => l(p)) };
}

const window = new FakeWebContents();
const trustedEvent = { sender: window, senderFrame: { url: `${APP}index.html`, parent: null } };

function setup() {
  const ipcMain = fakeIpcMain();
  const rec = recordingEngine();
  const unregister = registerIpc(
    ipcMain as never,
    rec.engine,
    createSenderCheck(() => [window as never], APP),
  );
  const invoke = (channel: string, event: unknown, input: unknown) =>
    ipcMain.handlers.get(channel)!(event, input) as Promise<Result<unknown>>;
  return { ipcMain, ...rec, invoke, unregister };
}

describe('IPC handle()', () => {
  test('registers exactly the contract channels, nothing else', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(ipcMain.handlers.has('fs:readFile')).toBe(false);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  test('a trusted sender with a valid payload reaches the engine with defaults applied', async () => {
    const { invoke, calls } = setup();
    const r = await invoke('items:list', trustedEvent, { query: 'kervoal' });
    expect(r).toEqual({ ok: true, value: { channel: 'items:list' } });
    expect(calls).toEqual([
      { channel: 'items:list', input: { query: 'kervoal', sort: 'urgency', limit: 200, offset: 0 } },
    ]);
  });

  test('invalid payloads are refused with input.invalid and never reach the engine', async () => {
    const { invoke, calls } = setup();
    const bad = [
      ['items:setTriage', { ids: [1], state: 'burn' }],
      ['items:get', { id: '1' }],
      ['items:get', { id: 1, extra: 'x' }],
      ['items:setTriage', { ids: [], state: 'seen' }],
      ['sources:add', { url: 'javascript:alert(1)', type: 'web' }],
      ['items:list', { limit: 1e9 }],
      ['app:info', 'not an object'],
    ] as const;
    for (const [channel, input] of bad) {
      const r = await invoke(channel, trustedEvent, input);
      expect(r).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    }
    expect(calls).toEqual([]);
  });

  test('senders other than our window top frame on our pages are refused', async () => {
    const { invoke, calls } = setup();
    const other = new FakeWebContents();
    const cases = [
      { sender: other, senderFrame: { url: `${APP}index.html`, parent: null } },
      { sender: window, senderFrame: { url: `${APP}index.html`, parent: {} } },
      { sender: window, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: window, senderFrame: { url: 'file:///tmp/evil.html', parent: null } },
      { sender: window, senderFrame: null },
    ];
    for (const event of cases) {
      expect(await invoke('app:info', event, {})).toMatchObject({ ok: false, error: { code: 'auth.denied' } });
    }
    expect(calls).toEqual([]);
  });

  test('engine failures come back as envelopes, never as thrown errors', async () => {
    const ipcMain = fakeIpcMain();
    const engine: IpcEngine = { call: () => Promise.reject(new Error('worker gone')), on: () => () => undefined };
    registerIpc(ipcMain as never, engine, () => true);
    await expect(ipcMain.handlers.get('app:info')!(trustedEvent, {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'worker gone' },
    });
  });

  test('engine events are forwarded as `event:<name>` to live windows only, and unsubscribe', () => {
    const rec = recordingEngine();
    const live = new FakeWebContents();
    const dead = new FakeWebContents();
    dead.destroyed = true;
    const off = forwardEvents(rec.engine, () => [live as never, dead as never]);
    rec.emit('items:new', { count: 1, ids: [7], sourceId: 2 });
    expect(live.sent).toEqual([
      { channel: `${IPC_EVENT_PREFIX}items:new`, payload: { count: 1, ids: [7], sourceId: 2 } },
    ]);
    expect(dead.sent).toEqual([]);
    off();
    rec.emit('items:new', { count: 1, ids: [8], sourceId: 2 });
    expect(live.sent).toHaveLength(1);
    expect(EVENTS).toContain('sources:health');
  });
});
