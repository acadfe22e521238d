/**
 * A VigieApi for component tests that talks to a real `vigie serve` child over node:http (jsdom
 * has no fetch, and the engine itself does not load inside jsdom). Events arrive over the real
 * SSE stream. Same wire format as renderer/api.ts's web transport.
 */
import http from 'node:http';
import type { VigieApi } from '../../shared/api/contract';

/** Builds the transport for a served origin and token; `close()` ends the event stream. */
export function createNodeHttpApi(origin: string, token: string): VigieApi & { close: () => void } {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let stream: http.ClientRequest | null = null;
  const openStream = () => {
    if (stream) return;
    stream = http.get(`${origin}/api/events`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) for (const l of listeners.get(event) ?? []) l(JSON.parse(data));
        }
      });
    });
    stream.on('error', () => undefined);
  };
  const invoke = (channel: string, input?: unknown) =>
    new Promise((resolve) => {
      const body = JSON.stringify(input ?? {});
      const req = http.request(
        `${origin}/api/${channel}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () => {
            try {
              resolve(JSON.parse(text));
            } catch {
              resolve({ ok: false, error: { code: `http.${res.statusCode}`, message: text } });
            }
          });
        },
      );
      req.on('error', (err) => resolve({ ok: false, error: { code: 'fetch.network', message: err.message } }));
      req.end(body);
    });
  return {
    invoke: invoke as VigieApi['invoke'],
    on(event, listener) {
      openStream();
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (p: unknown) => void);
      return () => {
        set.delete(listener as (p: unknown) => void);
      };
    },
    close() {
      stream?.destroy();
      stream = null;
    },
  };
}
