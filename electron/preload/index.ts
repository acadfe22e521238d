/**
 * Preload (sandboxed, context-isolated): exposes `window.api = { invoke, on }` and nothing else.
 * Only contract channels and events pass; raw ipcRenderer never reaches the page. It imports
 * only the plain allow-lists (bundled into this file by `npm run build:main`).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_PREFIX, isChannelName, isEventNameLiteral } from '../../shared/api/names';

/** The object exposed as window.api (typed as VigieApi on the renderer side). */
export const api = {
  /** Calls a contract channel; resolves to its Result envelope (a refused channel resolves to a failure). */
  invoke(channel: unknown, input?: unknown): Promise<unknown> {
    if (!isChannelName(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'input.invalid', message: `unknown channel: ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(channel, input ?? {}).catch((err: unknown) => ({
      ok: false,
      error: { code: 'internal', message: err instanceof Error ? err.message : String(err) },
    }));
  },
  /** Subscribes to a contract event; returns the unsubscribe function (unknown events: a no-op). */
  on(event: unknown, listener: unknown): () => void {
    if (!isEventNameLiteral(event) || typeof listener !== 'function') return () => undefined;
    // The IPC event object (with `sender`) is never handed to the page: only the payload.
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => (listener as (p: unknown) => void)(payload);
    ipcRenderer.on(IPC_EVENT_PREFIX + event, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_PREFIX + event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
