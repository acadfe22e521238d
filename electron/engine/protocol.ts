/**
 * Messages between Electron's main process and the engine worker thread (worker_threads).
 * Calls carry an id and are answered once with the Result envelope; events flow one way.
 * Types only plus two guards: main imports this module, never the engine's implementation.
 */
import type { Result } from '../../shared/result';
import type { EventName, EventPayloads } from '../../shared/api/contract';

/** Data the worker starts with (workerData). */
export interface EngineWorkerData {
  dbPath: string;
  version: string;
  /** Load the demo workspace when the database has no source (first start). */
  demoIfEmpty: boolean;
  /** Run the scheduler, rule evaluation and alert sender. */
  background: boolean;
  /** Base64 data key for channel secrets (decrypted by main with safeStorage), or null: secrets stay 'plain'. */
  secretKey?: string | null;
}

/** Main → worker. */
export type EngineRequest = { type: 'call'; id: number; channel: string; input: unknown } | { type: 'shutdown' };

/** Worker → main. */
export type EngineMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: EventPayloads[EventName] }
  | { type: 'fatal'; error: { code: string; message: string } }
  | { type: 'closed' };

/** Checks the shape of a worker message (structured clone keeps plain objects only). */
export function isEngineMessage(m: unknown): m is EngineMessage {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  return t === 'ready' || t === 'result' || t === 'event' || t === 'fatal' || t === 'closed';
}

/** Checks the shape of a request to the worker. */
export function isEngineRequest(m: unknown): m is EngineRequest {
  if (!m || typeof m !== 'object') return false;
  const r = m as { type?: unknown; id?: unknown; channel?: unknown };
  return r.type === 'shutdown' || (r.type === 'call' && typeof r.id === 'number' && typeof r.channel === 'string');
}
