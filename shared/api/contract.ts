/**
 * The one typed contract between the renderer and the back end (Electron IPC or web mode HTTP+SSE).
 * Channels are `domain:verb`; inputs are validated with INPUT_SCHEMAS; every call resolves to a
 * `Result` envelope (never throws across the boundary); `on()` returns an unsubscribe.
 * Add channels freely; never rename or remove one (the renderer and both transports depend on it).
 */
import type { z } from 'zod';
import type { Result } from '../result';
import type { SourceHealth } from '../types/domain';
import type { DeliveryStatus, DesktopNotice, Severity } from '../types/alerts';
import { INPUT_SCHEMAS } from './schemas';
import { CHANNEL_NAMES, EVENT_NAMES, isEventNameLiteral, type ChannelName, type EventNameLiteral } from './names';
import type {
  AlertChannel,
  AlertRule,
  AppInfo,
  BriefDraftView,
  BriefEmailResult,
  BriefFile,
  BriefPreview,
  Dashboard,
  Delivery,
  DemoLoadResult,
  ItemDetail,
  ItemPage,
  ItemSummary,
  Note,
  OpmlImportResult,
  PushResult,
  RefreshResult,
  RuleTestResult,
  SavedSearch,
  Settings,
  SourceView,
  StoryDetail,
  StoryPage,
  StorySummary,
  TriageChange,
  UndoResult,
  TopicPage,
} from './views';

export { INPUT_SCHEMAS } from './schemas';
export { CHANNEL_NAMES, EVENT_NAMES, IPC_EVENT_PREFIX } from './names';
export type * from './views';

/** What each channel resolves to (inside the Result envelope). */
export interface ChannelResults {
  'items:list': ItemPage;
  'items:get': ItemDetail;
  'items:setTriage': TriageChange;
  'items:undoTriage': UndoResult;
  'items:setStarred': { changed: number };
  /** The note added (or the removed one). */
  'items:note': Note;
  /** Tags of each changed item. */
  'items:tag': { changed: number; tags: Record<number, string[]> };
  'items:verdict': ItemDetail;
  'items:related': ItemSummary[];
  'stories:list': StoryPage;
  'stories:get': StoryDetail;
  'stories:merge': StorySummary;
  'stories:split': StorySummary;
  'topics:list': TopicPage;
  'sources:list': SourceView[];
  'sources:add': SourceView;
  'sources:addPreset': SourceView;
  'sources:update': SourceView;
  'sources:remove': { removed: boolean };
  'sources:importOpml': OpmlImportResult;
  'sources:exportOpml': { xml: string; fileName: string };
  'sources:refresh': RefreshResult;
  'dashboard:get': Dashboard;
  'settings:get': Settings;
  'settings:set': Settings;
  'settings:importReliability': { count: number };
  'search:saved:list': SavedSearch[];
  'search:saved:save': SavedSearch;
  'search:saved:remove': { removed: boolean };
  'alerts:rules:list': AlertRule[];
  'alerts:rules:save': AlertRule;
  'alerts:rules:remove': { removed: boolean };
  'alerts:rules:test': RuleTestResult;
  'alerts:channels:list': AlertChannel[];
  'alerts:channels:save': AlertChannel;
  'alerts:push': PushResult;
  'alerts:outbox:list': Delivery[];
  'alerts:retry': Delivery;
  'alerts:ackDesktop': { acknowledged: boolean };
  'briefs:preview': BriefPreview;
  'briefs:export': BriefFile;
  'briefs:draft:get': BriefDraftView;
  'briefs:draft:save': BriefDraftView;
  'briefs:email': BriefEmailResult;
  'demo:load': DemoLoadResult;
  'app:info': AppInfo;
}

/** Every channel name. */
export type Channel = keyof typeof INPUT_SCHEMAS & keyof ChannelResults;

/** The allow-list of channels (preload, main and the web server accept only these). */
export const CHANNELS: readonly Channel[] = CHANNEL_NAMES;

/** What the caller passes (defaults not yet applied). */
export type ChannelInput<C extends Channel> = z.input<(typeof INPUT_SCHEMAS)[C]>;
/** What the engine receives (after zod parsing: defaults applied). */
export type ChannelParsed<C extends Channel> = z.output<(typeof INPUT_SCHEMAS)[C]>;
/** What the channel resolves to. */
export type ChannelOutput<C extends Channel> = ChannelResults[C];

/** Tells whether a string is a contract channel (allow-list check). */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(INPUT_SCHEMAS, name);
}

/** Payloads of the events the back end pushes. */
export interface EventPayloads {
  /** New items were stored (by a refresh, an ingest or the demo). */
  'items:new': { count: number; ids: number[]; sourceId: number | null };
  /** A source was checked: its health now. */
  'sources:health': { sourceId: number; ok: boolean; health: SourceHealth };
  /** An outbox delivery changed state. */
  'alerts:status': {
    deliveryId: number;
    alertId: number;
    status: DeliveryStatus;
    severity: Severity;
    subject: string;
    errorCode: string | null;
  };
  /** A desktop notification to show (Electron Notification, or the browser's in web mode). */
  'alerts:notice': DesktopNotice;
  /** Items changed by another client (triage, star, tags, verdict): refresh them in place. */
  'items:changed': { ids: number[] };
}

/** Every event name. */
export type EventName = keyof EventPayloads;

// Compile-time guards: the plain allow-lists and the typed maps name exactly the same things.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _channelsMatch: Same<ChannelName, keyof ChannelResults> = true;
const _eventsMatch: Same<EventNameLiteral, EventName> = true;
void _channelsMatch;
void _eventsMatch;

/** The allow-list of events. */
export const EVENTS: readonly EventName[] = EVENT_NAMES satisfies readonly EventName[];

/** Tells whether a string is a contract event. */
export function isEventName(name: unknown): name is EventName {
  return isEventNameLiteral(name);
}

/** Channels whose input may be omitted (every field optional). */
type OptionalArgs<C extends Channel> =
  Record<string, never> extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

/** The API both transports expose to the renderer (`window.api` in Electron, HTTP+SSE in web mode). */
export interface VigieApi {
  /** Calls a channel; resolves to the Result envelope, never rejects. */
  invoke<C extends Channel>(channel: C, ...input: OptionalArgs<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Parses a channel's input with its schema: the value with defaults, or the zod error message. */
export function parseInput<C extends Channel>(
  channel: C,
  input: unknown,
): { ok: true; value: ChannelParsed<C> } | { ok: false; message: string; issues: unknown[] } {
  const parsed = INPUT_SCHEMAS[channel].safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ChannelParsed<C> };
  return {
    ok: false,
    message: parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; '),
    issues: parsed.error.issues,
  };
}

/** The handler set a back end implements: one function per channel (the engine facade). */
export type ChannelHandlers = {
  [C in Channel]: (input: ChannelParsed<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};
