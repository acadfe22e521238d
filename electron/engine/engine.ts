/**
 * The engine facade used by Electron's worker, the CLI and web mode: `createEngine({ dbPath })`
 * opens the database and implements every contract channel. `call()` validates the input with the
 * contract's zod schema and ALWAYS resolves to a Result envelope (errors become codes); events
 * (new items, source health, alert deliveries) go through `on()`. With `background: true` it also
 * runs the refresh scheduler, rule evaluation on new items and the alert sender.
 */
import os from 'node:os';
import path from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import { serializeError } from '../../shared/errors';
import {
  CHANNELS,
  isChannel,
  parseInput,
  type Channel,
  type ChannelHandlers,
  type ChannelInput,
  type ChannelOutput,
  type EventName,
  type EventPayloads,
} from '../../shared/api/contract';
import { openDatabase, type Db } from './db/open';
import { EngineEvents, type AppFacts, type HandlerContext } from './api/context';
import { itemsHandlers } from './api/items-handlers';
import { storiesHandlers } from './api/stories-handlers';
import { sourcesHandlers } from './api/sources-handlers';
import { dashboardHandlers } from './api/dashboard-handlers';
import { settingsHandlers } from './api/settings-handlers';
import { alertsHandlers } from './api/alerts-handlers';
import { briefsHandlers } from './api/briefs-handlers';
import { startBackground, type Background, type BackgroundOptions } from './api/background';

/** Options of createEngine. */
export interface EngineOptions {
  /** SQLite file (`:memory:` for tests). */
  dbPath: string;
  /** Which front door runs the engine (app:info). Default 'web'. */
  mode?: 'electron' | 'web';
  /** App version shown by app:info. Default '0.0.0'. */
  version?: string;
  /** Clock (tests). Default the system clock. */
  now?: () => Date;
  /** Run the scheduler, rule evaluation and alert sender. Default false (tests, one-shot CLI). */
  background?: boolean;
  /** With background: fetch sources on schedule. Default true (false: alerts and demo replay only). */
  refresh?: boolean;
  /** Load the demo workspace when the database has no source at all. Default false. */
  demoIfEmpty?: boolean;
  /** Where scheduled briefs may be written. Default VIGIE_BRIEF_DIR, else `briefs/` beside the database. */
  briefRoot?: string;
  /** With background: scheduler knobs and a per-refresh callback (`vigie run`). */
  scheduler?: BackgroundOptions['scheduler'];
  /** With background: grace of fetches in flight on close, ms. Default 2000. */
  stopGraceMs?: number;
}

/** A running engine. */
export interface Engine {
  /** Calls a channel with unvalidated input (transports); resolves to a Result, never rejects. */
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Typed variant of call(). */
  invoke<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to an engine event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /** The open database (CLI commands and tests). */
  readonly db: Db;
  /** Stops background work and closes the database. */
  close(): Promise<void>;
}

/** The default briefs root: VIGIE_BRIEF_DIR (the operator's choice), else `briefs/` beside the database. */
function briefRootFor(dbPath: string): string {
  if (process.env.VIGIE_BRIEF_DIR) return process.env.VIGIE_BRIEF_DIR;
  return dbPath === ':memory:'
    ? path.join(os.tmpdir(), 'vigie-briefs')
    : path.join(path.dirname(path.resolve(dbPath)), 'briefs');
}

/** Opens the database and builds the facade (see the module comment). */
export function createEngine(opts: EngineOptions): Engine {
  const db = openDatabase(opts.dbPath);
  const events = new EngineEvents();
  const facts: AppFacts = {
    mode: opts.mode ?? 'web',
    version: opts.version ?? '0.0.0',
    dbPath: opts.dbPath,
    briefRoot: opts.briefRoot ?? briefRootFor(opts.dbPath),
  };
  const ctx: HandlerContext = { db, events, now: opts.now ?? (() => new Date()), facts, live: !!opts.background };
  let background: Background | null = null;
  const handlers: ChannelHandlers = {
    ...itemsHandlers(ctx),
    ...storiesHandlers(ctx),
    ...sourcesHandlers(ctx, () => background?.wake()),
    ...dashboardHandlers(ctx),
    ...settingsHandlers(ctx, (s) => background?.applySettings(s)),
    ...alertsHandlers(ctx),
    ...briefsHandlers(ctx),
  };
  // A missing handler is a programming error caught by the type above; this guards JS callers.
  for (const c of CHANNELS) if (typeof handlers[c] !== 'function') throw new Error(`engine: no handler for ${c}`);

  if (opts.demoIfEmpty) {
    const empty = (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n === 0;
    if (empty) void handlers['demo:load']({ force: false });
  }
  if (opts.background)
    background = startBackground(ctx, {
      refresh: opts.refresh,
      scheduler: opts.scheduler,
      stopGraceMs: opts.stopGraceMs,
    });

  async function call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel))
      return fail({ code: 'input.invalid', message: `unknown channel: ${String(channel)}`, context: { channel } });
    const parsed = parseInput(channel, input);
    if (!parsed.ok)
      return fail({ code: 'input.invalid', message: parsed.message, context: { channel, issues: parsed.issues } });
    try {
      const handler = handlers[channel] as (i: unknown) => unknown;
      return ok(await handler(parsed.value));
    } catch (err) {
      return fail(serializeError(err));
    }
  }

  return {
    db,
    call,
    invoke: (channel, input) => call(channel, input ?? {}) as never,
    on: (event, listener) => events.on(event, listener),
    async close() {
      await background?.stop();
      background = null;
      db.close();
    },
  };
}
