/**
 * The contract's allow-lists as plain constants (no zod): the sandboxed Electron preload bundles
 * only this file. schemas.ts is type-checked against CHANNEL_NAMES (`satisfies`), so the two
 * lists cannot drift apart.
 */

/** Every contract channel, `domain:verb`. */
export const CHANNEL_NAMES = [
  'items:list',
  'items:get',
  'items:setTriage',
  'items:undoTriage',
  'items:setStarred',
  'items:note',
  'items:tag',
  'items:verdict',
  'items:related',
  'stories:list',
  'stories:get',
  'stories:merge',
  'stories:split',
  'topics:list',
  'sources:list',
  'sources:add',
  'sources:addPreset',
  'sources:update',
  'sources:remove',
  'sources:importOpml',
  'sources:exportOpml',
  'sources:refresh',
  'dashboard:get',
  'settings:get',
  'settings:set',
  'settings:importReliability',
  'search:saved:list',
  'search:saved:save',
  'search:saved:remove',
  'alerts:rules:list',
  'alerts:rules:save',
  'alerts:rules:remove',
  'alerts:rules:test',
  'alerts:channels:list',
  'alerts:channels:save',
  'alerts:push',
  'alerts:outbox:list',
  'alerts:retry',
  'alerts:ackDesktop',
  'briefs:preview',
  'briefs:export',
  'briefs:draft:get',
  'briefs:draft:save',
  'briefs:email',
  'demo:load',
  'app:info',
] as const;

/** One channel name. */
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Every event the back end pushes. */
export const EVENT_NAMES = ['items:new', 'sources:health', 'alerts:status', 'alerts:notice', 'items:changed'] as const;

/** One event name. */
export type EventNameLiteral = (typeof EVENT_NAMES)[number];

/** Prefix of the IPC channel an event travels on in Electron (`event:items:new`). */
export const IPC_EVENT_PREFIX = 'event:';

/** Tells whether a value is a channel name (allow-list check, no zod). */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name);
}

/** Tells whether a value is an event name. */
export function isEventNameLiteral(name: unknown): name is EventNameLiteral {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
