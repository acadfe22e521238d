/**
 * Zod schemas of every contract channel's input. Both back ends (Electron main, web server) parse
 * inputs with these before the engine sees them; `.strict()` rejects unknown keys so a typo in the
 * renderer fails loudly instead of being ignored.
 */
import { z } from 'zod';
import { SOURCE_TYPES, TRIAGE_STATES } from '../types/domain';
import { SEVERITIES, CHANNEL_KINDS } from '../types/alerts';
import type { ChannelName } from './names';

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(100_000);
const score = z.number().min(0).max(100);
/** ISO 8601 date or instant (a bare day is accepted). */
const isoDate = z
  .string()
  .trim()
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'not an ISO date' });
const sourceType = z.enum(SOURCE_TYPES);
const httpUrl = z
  .string()
  .trim()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), { message: 'http(s) URL required' });
/** A brief entry key: story:12, group:34, item:56. */
const briefKey = z.string().regex(/^(story|group|item):\d+$/);
const tagName = z.string().trim().min(1).max(60);

/** No input (transports send `{}` when the caller gives nothing). */
export const emptyInput = z.object({}).strict();

/** Sorts of item lists: 'urgency' combines virality, controversy, infox and recency (Priorité). */
export const ITEM_SORTS = ['urgency', 'recent', 'virality', 'controversy', 'infox'] as const;
/** Sorts of story lists. */
export const STORY_SORTS = ['urgency', 'recent', 'size', 'virality', 'controversy', 'infox'] as const;

/** A département or région code (INSEE): 2 or 3 digits, or 2A/2B. */
const inseeArea = z.string().regex(/^(\d{2,3}|2[AB])$/);

/** Filters shared by items:list and saved searches. Every filter is optional (default: none). */
export const itemFiltersSchema = z
  .object({
    /** Boolean search (AND/OR/NOT, "phrase", prefix*), accent-insensitive. */
    query: z.string().max(2000).optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    sourceIds: z.array(id).optional(),
    sourceTypes: z.array(sourceType).optional(),
    triage: z.array(z.enum(TRIAGE_STATES)).optional(),
    language: z.string().min(2).max(8).optional(),
    minVirality: score.optional(),
    minControversy: score.optional(),
    minInfox: score.optional(),
    storyId: id.optional(),
    starred: z.boolean().optional(),
    /** Territories (INSEE codes): items concerning any of these départements or régions. */
    departements: z.array(inseeArea).max(120).optional(),
    regions: z.array(inseeArea).max(30).optional(),
    tag: tagName.optional(),
    /** A saved search marked as watch topic: its query and filters are applied too. */
    watchTopicId: id.optional(),
  })
  .strict();

/** Input schemas, one per channel. */
export const INPUT_SCHEMAS = {
  'items:list': itemFiltersSchema
    .extend({
      sort: z.enum(ITEM_SORTS).default('urgency'),
      limit: z.number().int().min(1).max(5000).default(200),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  'items:get': z.object({ id }).strict(),
  'items:setTriage': z.object({ ids, state: z.enum(TRIAGE_STATES) }).strict(),
  /** Undo the last triage change (or a given one): restores the previous states. */
  'items:undoTriage': z.object({ undoId: id.optional() }).strict(),
  'items:setStarred': z.object({ ids, starred: z.boolean() }).strict(),
  /** Adds a note (text) or deletes one (noteId + remove). */
  'items:note': z
    .object({
      itemId: id,
      text: z.string().trim().min(1).max(10_000).optional(),
      noteId: id.optional(),
      remove: z.boolean().optional(),
    })
    .strict()
    .refine((v) => (v.remove ? v.noteId !== undefined : v.text !== undefined), {
      message: 'text to add, or noteId with remove',
    }),
  'items:tag': z.object({ ids, add: z.array(tagName).default([]), remove: z.array(tagName).default([]) }).strict(),
  /** null clears the verdict. */
  'items:verdict': z
    .object({ id, verdict: z.enum(['confirmed', 'unfounded']).nullable(), comment: z.string().max(2000).optional() })
    .strict(),
  'items:related': z.object({ id, limit: z.number().int().min(1).max(100).default(10) }).strict(),

  'stories:list': z
    .object({
      query: z.string().max(2000).optional(),
      since: isoDate.optional(),
      until: isoDate.optional(),
      sourceTypes: z.array(sourceType).optional(),
      minItems: z.number().int().min(1).optional(),
      sort: z.enum(STORY_SORTS).default('urgency'),
      limit: z.number().int().min(1).max(2000).default(100),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  'stories:get': z.object({ id }).strict(),
  /** Merges the stories into the first id. */
  'stories:merge': z.object({ ids: z.array(id).min(2) }).strict(),
  /** Moves the items out of their story into a new one. */
  'stories:split': z.object({ storyId: id, itemIds: ids }).strict(),
  /** Topics (umbrella subjects over stories) seen since a date, most recent first. */
  'topics:list': z.object({ since: isoDate.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),

  'sources:list': z.object({ type: sourceType.optional() }).strict(),
  'sources:add': z
    .object({
      url: httpUrl,
      name: z.string().trim().min(1).max(200).optional(),
      type: sourceType,
      language: z.string().min(2).max(8).nullable().optional(),
      priority: z.boolean().optional(),
      pollIntervalSec: z.number().int().min(60).max(86_400).optional(),
      reachWeight: z.number().min(0).max(5).optional(),
    })
    .strict(),
  /** Presets build the feed URL: mastodon `@user@instance` or `#tag@instance`, bluesky handle, youtube channel id, reddit subreddit, google-news query. */
  'sources:addPreset': z
    .object({
      preset: z.enum(['mastodon', 'bluesky', 'youtube', 'reddit', 'google-news']),
      value: z.string().trim().min(1).max(500),
      name: z.string().trim().min(1).max(200).optional(),
      type: sourceType.optional(),
    })
    .strict(),
  'sources:update': z
    .object({
      id,
      patch: z
        .object({
          name: z.string().trim().min(1).max(200).optional(),
          url: httpUrl.optional(),
          type: sourceType.optional(),
          language: z.string().min(2).max(8).nullable().optional(),
          priority: z.boolean().optional(),
          /** false pauses the source; true resumes it (and clears an automatic pause). */
          enabled: z.boolean().optional(),
          pollIntervalSec: z.number().int().min(60).max(86_400).optional(),
          reachWeight: z.number().min(0).max(5).optional(),
        })
        .strict(),
    })
    .strict(),
  'sources:remove': z.object({ id }).strict(),
  'sources:importOpml': z.object({ xml: z.string().min(1).max(5_000_000), type: sourceType.optional() }).strict(),
  'sources:exportOpml': emptyInput,
  /** Fetches now (all enabled sources when ids is omitted). */
  'sources:refresh': z.object({ ids: z.array(id).optional() }).strict(),

  'dashboard:get': z
    .object({ since: isoDate.optional(), until: isoDate.optional(), bucket: z.enum(['hour', 'day']).default('hour') })
    .strict(),

  'settings:get': emptyInput,
  'settings:set': z
    .object({
      analystName: z.string().trim().max(100).optional(),
      language: z.enum(['fr', 'en']).optional(),
      watchedEntities: z.array(z.string().trim().min(1).max(200)).max(500).optional(),
      /** Refresh scheduler on (Electron / serve) — default true. */
      autoRefresh: z.boolean().optional(),
      /** Daily brief written to a folder at a local time (Europe/Paris); null turns it off. */
      briefSchedule: z
        .object({
          time: z
            .string()
            .regex(/^([01]?\d|2[0-3]):[0-5]\d$/)
            .default('07:00'),
          outDir: z.string().trim().min(1).max(1000),
          formats: z
            .array(z.enum(['pdf', 'docx', 'html', 'md']))
            .min(1)
            .default(['pdf', 'docx']),
        })
        .strict()
        .nullable()
        .optional(),
    })
    .strict(),
  /** Reliability CSV `domain,rating` (reliable|questionable|unreliable|satire); replaces the list. */
  'settings:importReliability': z.object({ csv: z.string().min(1).max(5_000_000) }).strict(),

  'search:saved:list': emptyInput,
  'search:saved:save': z
    .object({
      id: id.optional(),
      name: z.string().trim().min(1).max(200),
      query: z.string().max(2000).default(''),
      filters: itemFiltersSchema.omit({ watchTopicId: true }).default({}),
      /** Shown as a watch topic (filter chip in Priorité). */
      watch: z.boolean().default(false),
    })
    .strict(),
  'search:saved:remove': z.object({ id }).strict(),

  'alerts:rules:list': emptyInput,
  /** Creates (no id) or replaces a rule; the definition is validated by the alert engine. */
  'alerts:rules:save': z.object({ id: id.optional(), definition: z.record(z.unknown()) }).strict(),
  'alerts:rules:remove': z.object({ id }).strict(),
  /** Dry run of a definition over stored items (default: the last 24 h). */
  'alerts:rules:test': z
    .object({
      definition: z.record(z.unknown()),
      since: isoDate.optional(),
      until: isoDate.optional(),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  'alerts:channels:list': emptyInput,
  /** Creates (no id) or updates a channel. The secret (SMTP password, token) is write-only: omit it to keep the stored one, null clears it. */
  'alerts:channels:save': z
    .object({
      id: id.optional(),
      name: z.string().trim().min(1).max(100),
      kind: z.enum(CHANNEL_KINDS),
      config: z.record(z.unknown()).default({}),
      secret: z.string().max(4000).nullable().optional(),
      ratePerMin: z.number().int().min(1).max(10_000).nullable().optional(),
      enabled: z.boolean().optional(),
    })
    .strict(),
  /** "Pousser au cabinet": sends the item now to the given channels (default: all enabled). */
  'alerts:push': z
    .object({
      itemId: id,
      comment: z.string().max(4000).optional(),
      severity: z.enum(SEVERITIES).default('urgent'),
      channelIds: z.array(id).optional(),
      recipients: z.array(z.string().trim().email()).optional(),
    })
    .strict(),
  'alerts:outbox:list': z
    .object({
      status: z.enum(['pending', 'sending', 'sent', 'dead']).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'alerts:retry': z.object({ id }).strict(),
  /** The UI showed a desktop notice (alerts:notice): its delivery is done. */
  'alerts:ackDesktop': z.object({ outboxId: id }).strict(),

  'briefs:preview': z.object({ from: isoDate, to: isoDate }).strict(),
  /** Renders the brief; the file comes back as base64 (web mode downloads it, Electron saves it). */
  'briefs:export': z.object({ from: isoDate, to: isoDate, format: z.enum(['pdf', 'docx', 'html', 'md']) }).strict(),
  /** The period's draft and the brief's selectable entries (top stories, infox, analyst selections), in order. */
  'briefs:draft:get': z.object({ from: isoDate, to: isoDate }).strict(),
  /** Saves the analyst's order, removals and analysis paragraph for the period (preview, export and email apply it). */
  'briefs:draft:save': z
    .object({
      from: isoDate,
      to: isoDate,
      order: z.array(briefKey).max(2000),
      removed: z.array(briefKey).max(2000),
      analysis: z.string().max(8000).nullable(),
    })
    .strict(),
  /** Emails the brief (HTML body, Markdown text part) through an SMTP alert channel; default recipients: the channel's list. */
  'briefs:email': z
    .object({
      from: isoDate,
      to: isoDate,
      channelId: id,
      recipients: z.array(z.string().trim().email()).max(200).default([]),
      /** The brief also attached as a file in this format; null: body only. */
      format: z.enum(['pdf', 'docx', 'html', 'md']).nullable().default(null),
    })
    .strict(),

  /** Loads the demo crisis scenario (only into an empty database unless force). */
  'demo:load': z.object({ force: z.boolean().default(false) }).strict(),
  'app:info': emptyInput,
} as const satisfies Record<ChannelName, z.ZodTypeAny>;

/** Channel kinds re-exported for the alerts editor. */
export { CHANNEL_KINDS, SEVERITIES };
