/**
 * The only module that touches the transport. In Electron the preload exposes `window.api`
 * (contract channels only); in web mode (`vigie serve`) calls go over HTTP POST /api/<channel>
 * and events arrive over Server-Sent Events at /api/events, both with `Authorization: Bearer`. Both resolve to Result envelopes and
 * never reject, so screens handle failure as data.
 */
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayloads, VigieApi } from '../shared/api/contract';
import type { Result } from '../shared/result';
import { createParser } from 'eventsource-parser';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    api?: VigieApi;
  }
}

const TOKEN_KEY = 'vigie.token';

/**
 * Reads the web-mode token from `#token=` or `?token=` (as `vigie serve` prints the URL), keeps it
 * in sessionStorage (so a reload keeps working) and removes it from the address bar so it is not
 * shared by copy-paste or left in history.
 */
export function readToken(loc: Pick<Location, 'hash' | 'search' | 'pathname'> = window.location): string | null {
  const fromHash = /(?:^#|&)token=([^&]+)/.exec(loc.hash)?.[1];
  const fromQuery = new URLSearchParams(loc.search).get('token');
  const found = fromHash ? decodeURIComponent(fromHash) : fromQuery;
  if (found) {
    try {
      sessionStorage.setItem(TOKEN_KEY, found);
    } catch {
      /* storage disabled: keep in memory only */
    }
    if (typeof history !== 'undefined' && loc === window.location) {
      const hash = loc.hash.replace(/(^#|&)token=[^&]+&?/, '$1').replace(/^#$/, '');
      const params = new URLSearchParams(loc.search);
      params.delete('token');
      const search = params.toString();
      history.replaceState(null, '', `${loc.pathname}${search ? `?${search}` : ''}${hash}`);
    }
    return found;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Wait before reconnecting the event stream when the server gave no `retry:`, ms. */
const RECONNECT_MS = 3000;

/**
 * Web-mode transport: fetch for calls, one shared event stream for events. The stream is read
 * with fetch (not EventSource, which cannot send headers) so the token travels as a header like
 * every call: web mode sets no cookie, since a cookie would reach every port of 127.0.0.1.
 */
export function createHttpApi(base = '', token: string | null = readToken()): VigieApi {
  let started = false;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

  const dispatch = (event: string, data: string) => {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    // Named SSE events (`event: items:new`) are routed by name; an unnamed message may carry {event, payload}.
    if (event === 'message') {
      const env = payload as { event?: unknown; payload?: unknown } | null;
      if (env && typeof env.event === 'string') for (const l of listeners.get(env.event) ?? []) l(env.payload);
      return;
    }
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const ensureStream = () => {
    if (started || typeof fetch === 'undefined' || typeof TextDecoderStream === 'undefined') return;
    started = true;
    void (async () => {
      let retry = RECONNECT_MS;
      for (;;) {
        try {
          const res = await fetch(`${base}/api/events`, { headers: auth, cache: 'no-store' });
          if (res.ok && res.body) {
            const parser = createParser({
              onEvent: (m) => dispatch(m.event ?? 'message', m.data),
              onRetry: (ms) => {
                retry = ms;
              },
            });
            const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              parser.feed(value);
            }
          }
        } catch {
          /* network drop: reconnect below */
        }
        await new Promise((r) => setTimeout(r, retry));
      }
    })();
  };

  return {
    async invoke(channel: Channel, ...args: unknown[]) {
      try {
        const res = await fetch(`${base}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify(args[0] ?? {}),
        });
        const body = (await res.json().catch(() => null)) as Result<unknown> | null;
        if (body && typeof body === 'object' && 'ok' in body) return body;
        return {
          ok: false,
          error: {
            code: res.status === 401 || res.status === 403 ? 'auth.denied' : `http.${res.status}`,
            message: res.statusText,
          },
        };
      } catch (err) {
        return {
          ok: false,
          error: { code: 'fetch.network', message: err instanceof Error ? err.message : String(err) },
        };
      }
    },
    on(event, listener) {
      ensureStream();
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
  } as VigieApi;
}

let current: VigieApi | null = null;

/** The transport in use: the preload's in Electron, HTTP+SSE otherwise (created on first use). */
export function getApi(): VigieApi {
  if (!current) current = typeof window !== 'undefined' && window.api ? window.api : createHttpApi();
  return current;
}

/** Replaces the transport (component tests pass a real in-process back end or a recorder). */
export function setApi(api: VigieApi | null): void {
  current = api;
}

/** Calls a channel and resolves to its Result envelope. */
export function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (getApi().invoke as (c: C, i?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>)(channel, input);
}

/** Subscribes to a back-end event; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  return getApi().on(event, listener);
}
