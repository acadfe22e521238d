/**
 * The only module that touches the transport. In Electron the preload exposes `window.api`
 * (contract channels only); in web mode (`vigie serve`) calls go over HTTP POST /api/<channel>
 * and events arrive over Server-Sent Events at /api/events. Both resolve to Result envelopes and
 * never reject, so screens handle failure as data.
 */
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayloads, VigieApi } from '../shared/api/contract';
import type { Result } from '../shared/result';

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

/** Web-mode transport: fetch for calls, one shared EventSource for events. */
export function createHttpApi(base = '', token: string | null = readToken()): VigieApi {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const dispatch = (event: string, data: string) => {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const ensureSource = () => {
    if (source || typeof EventSource === 'undefined') return;
    const url = `${base}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`;
    source = new EventSource(url);
    // Named SSE events (`event: items:new`) are routed by name; an unnamed message may carry {event, payload}.
    source.onmessage = (m) => {
      try {
        const parsed = JSON.parse(m.data) as { event?: string; payload?: unknown };
        if (parsed && typeof parsed.event === 'string')
          for (const l of listeners.get(parsed.event) ?? []) l(parsed.payload);
      } catch {
        /* not an envelope */
      }
    };
  };

  return {
    async invoke(channel: Channel, ...args: unknown[]) {
      try {
        const res = await fetch(`${base}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
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
      ensureSource();
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        source?.addEventListener(event, (m) => dispatch(event, (m as MessageEvent<string>).data));
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
