/** Main process lifecycle with a fake `electron` module: secure window, IPC registered, engine started and stopped. */
import { EventEmitter } from 'node:events';
import { CHANNELS } from '../../shared/api/contract';
import { FakeBrowserWindow, fakeIpcMain, fakeShell } from '../helpers/fake-electron';

const app = Object.assign(new EventEmitter(), {
  ready: null as null | (() => void),
  quitCalls: 0,
  requestSingleInstanceLock: () => true,
  whenReady: () =>
    new Promise<void>((resolve) => {
      app.ready = resolve;
    }),
  getPath: (name: string) => `/tmp/vigie-test-${name}`,
  getVersion: () => '0.1.0',
  setAppUserModelId: () => undefined,
  quit: () => {
    app.quitCalls++;
  },
});
const ipcMain = fakeIpcMain();
const shell = fakeShell();
const sessionCalls: string[] = [];
const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: () => sessionCalls.push('csp') },
    setPermissionRequestHandler: () => sessionCalls.push('perm'),
    setPermissionCheckHandler: () => sessionCalls.push('check'),
  },
};
class Notification extends EventEmitter {
  static isSupported() {
    return false;
  }
  show() {
    /* not supported */
  }
}
const BrowserWindow = Object.assign(FakeBrowserWindow, { getAllWindows: () => FakeBrowserWindow.instances });

const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: (s: string) => Buffer.from(s),
  decryptString: (b: Buffer) => b.toString(),
};
// virtual: the optional `electron` package may be absent (its binary download failed); the fake stands in.
jest.mock('electron', () => ({ app, ipcMain, shell, session, Notification, BrowserWindow, safeStorage }), {
  virtual: true,
});

// The engine worker is exercised in engine-host.test.ts; here it is a recording double.
const hostState = { started: 0, stopped: 0, workerData: null as unknown };
jest.mock('../../electron/main/engine-host', () => ({
  EngineHost: class {
    constructor(private readonly o: { createWorker: () => unknown }) {}
    start() {
      hostState.started++;
      this.o.createWorker();
      return this;
    }
    call() {
      return Promise.resolve({ ok: true, value: null });
    }
    on() {
      return () => undefined;
    }
    stop() {
      hostState.stopped++;
      return Promise.resolve();
    }
  },
  createEngineWorker: (_file: string, data: unknown) => {
    hostState.workerData = data;
    return {};
  },
}));

describe('electron/main/index', () => {
  beforeAll(async () => {
    require('../../electron/main/index');
    app.ready!();
    await new Promise((r) => setImmediate(r));
  });

  test('hardens the session, starts the engine worker with the userData database and the demo on first start', () => {
    expect(sessionCalls).toEqual(expect.arrayContaining(['csp', 'perm', 'check']));
    expect(hostState.started).toBe(1);
    expect(hostState.workerData).toMatchObject({
      dbPath: '/tmp/vigie-test-userData/vigie.db',
      demoIfEmpty: true,
      background: true,
      secretKey: null,
    });
  });

  test('registers every contract channel over IPC', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  test('opens one secure window with the preload and the built renderer', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.js$/);
    expect(win.loaded).toMatch(/renderer[\\/]dist[\\/]index\.html$/);
  });

  test('quitting stops the engine first, then quits', async () => {
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    app.emit('before-quit', event);
    expect(event.prevented).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(hostState.stopped).toBe(1);
    expect(app.quitCalls).toBe(1);
  });
});
