/** Preload with a fake `electron` module: only window.api is exposed, gated by the contract allow-lists. */
import { FakeIpcRenderer } from '../helpers/fake-electron';

const exposed: Record<string, unknown> = {};
const ipcRenderer = new FakeIpcRenderer();

jest.mock(
  'electron',
  () => ({
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => {
        exposed[key] = value;
      },
    },
    ipcRenderer,
  }),
  { virtual: true },
); // virtual: the optional `electron` package may be absent (no binary download)

interface ExposedApi {
  invoke(channel: unknown, input?: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
}

beforeAll(() => {
  require('../../electron/preload/index');
});

describe('preload', () => {
  test('exposes only `api` with invoke and on (no ipcRenderer, no Node)', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  test('invoke passes contract channels to ipcRenderer.invoke and refuses others without IPC', async () => {
    const api = exposed.api as ExposedApi;
    await expect(api.invoke('items:list', { limit: 3 })).resolves.toEqual({
      ok: true,
      value: { echoed: 'items:list' },
    });
    await expect(api.invoke('app:info')).resolves.toMatchObject({ ok: true });
    expect(ipcRenderer.invoked).toEqual([
      { channel: 'items:list', input: { limit: 3 } },
      { channel: 'app:info', input: {} },
    ]);
    for (const bad of ['fs:readFile', 'ELECTRON_BROWSER_REQUIRE', '', 42, null]) {
      await expect(api.invoke(bad, {})).resolves.toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    }
    expect(ipcRenderer.invoked).toHaveLength(2);
  });

  test('on() subscribes to contract events only, hands over the payload only, and returns an unsubscribe', () => {
    const api = exposed.api as ExposedApi;
    const got: unknown[] = [];
    const off = api.on('items:new', (p: unknown) => got.push(p));
    ipcRenderer.emit('event:items:new', { sender: 'secret' }, { count: 2 });
    expect(got).toEqual([{ count: 2 }]);
    off();
    ipcRenderer.emit('event:items:new', {}, { count: 3 });
    expect(got).toHaveLength(1);
    expect(ipcRenderer.listenerCount('event:items:new')).toBe(0);
    const noop = api.on('ipc:anything', () => got.push('x'));
    expect(ipcRenderer.listenerCount('event:ipc:anything')).toBe(0);
    noop();
  });
});
