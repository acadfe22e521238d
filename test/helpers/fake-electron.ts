/**
 * A small fake of the `electron` module for unit tests of main and preload (no Electron binary
 * here). It records what the code under test asks of Electron; it does not simulate Chromium.
 */
import { EventEmitter } from 'node:events';

/** A fake WebContents: an event emitter with an id, a window-open handler and a send log. */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** A fake BrowserWindow keeping its constructor options. */
export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loaded = file;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
}

/** A navigation event whose preventDefault is observable. */
export function navEvent(): { prevented: boolean; preventDefault(): void } {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

/** Fake shell recording openExternal calls. */
export function fakeShell(): { opened: string[]; openExternal(url: string): Promise<void> } {
  const opened: string[] = [];
  return {
    opened,
    openExternal: (url: string) => {
      opened.push(url);
      return Promise.resolve();
    },
  };
}

/** Fake ipcMain recording handlers by channel. */
export function fakeIpcMain(): {
  handlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  handle(c: string, h: (event: unknown, ...args: unknown[]) => unknown): void;
  removeHandler(c: string): void;
} {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle: (c, h) => {
      if (handlers.has(c)) throw new Error(`second handler for ${c}`);
      handlers.set(c, h);
    },
    removeHandler: (c) => {
      handlers.delete(c);
    },
  };
}

/** Fake ipcRenderer for the preload. */
export class FakeIpcRenderer extends EventEmitter {
  readonly invoked: Array<{ channel: string; input: unknown }> = [];
  invoke(channel: string, input: unknown): Promise<unknown> {
    this.invoked.push({ channel, input });
    return Promise.resolve({ ok: true, value: { echoed: channel } });
  }
}
