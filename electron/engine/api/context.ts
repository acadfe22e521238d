/** What every channel handler receives: the database, the event bus, the clock and app facts. */
import { EventEmitter } from 'node:events';
import type { EventName, EventPayloads } from '../../../shared/api/contract';
import type { Db } from '../db/open';
import { getSetting } from '../db/analyst-store';

/** Typed event bus of the engine (the transports forward it: IPC events, SSE). */
export class EngineEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    // Every transport subscriber (SSE clients, the worker bridge) adds listeners; no leak warning.
    this.emitter.setMaxListeners(0);
  }
  /** Publishes an event. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.emitter.emit(event, payload);
  }
  /** Subscribes; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => {
      this.emitter.off(event, listener);
    };
  }
}

/** Facts about the running app (app:info). */
export interface AppFacts {
  mode: 'electron' | 'web';
  version: string;
  dbPath: string;
  /** The only folder tree the scheduled brief may write to (settings:set briefSchedule.outDir). */
  briefRoot: string;
}

/** Handler context. */
export interface HandlerContext {
  db: Db;
  events: EngineEvents;
  /** Clock (tests inject one). */
  now: () => Date;
  facts: AppFacts;
  /** True in a long-running engine (background work on): the demo replays its last items live. */
  live: boolean;
}

/** The analyst's name for notes, verdicts and pushes (settings), "analyste" when unset. */
export function analystName(ctx: HandlerContext): string {
  return getSetting(ctx.db, 'analystName', '') || 'analyste';
}
