/** Alert types shared by the engine, the CLI, web mode and the renderer (rules editor, alert inbox). */
import type { Reason, SourceType } from './domain';

/** Alert severities, lowest first (info, urgent, flash). */
export const SEVERITIES = ['info', 'urgent', 'flash'] as const;
/** One of SEVERITIES. */
export type Severity = (typeof SEVERITIES)[number];

/** Kinds of delivery channel. */
export const CHANNEL_KINDS = ['smtp', 'webhook', 'matrix', 'desktop'] as const;
/** One of CHANNEL_KINDS. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** One step of a rule: every threshold given must be reached (or any, per rule.match); null = not used. */
export interface RuleTier {
  severity: Severity;
  minVirality?: number | null;
  minControversy?: number | null;
  minInfox?: number | null;
  /** Story growth: items added to the item's story within growthWindowMin. */
  minGrowth?: number | null;
}

/** A watch rule's definition (what the editor edits). */
export interface RuleDefinition {
  name: string;
  enabled: boolean;
  /** Boolean query: AND/OR/NOT (ET/OU/SAUF), parentheses, "phrases", trailing * prefix; accent-insensitive. Empty = any. */
  query: string;
  /** Restrict to these source ids (empty = all). */
  sourceIds: number[];
  /** Restrict to these source types (empty = all). */
  sourceTypes: SourceType[];
  /**
   * Territories (INSEE codes): the item must concern one of these départements or régions
   * (empty or absent = anywhere). "infox ≥ 60 in the Finistère" is departements ['29'].
   */
  departements?: string[];
  regions?: string[];
  /** Watched entities: at least one must appear (empty = no constraint). */
  entities: string[];
  /** Also accept any entity of the workstation's watched list (settings `watchedEntities`). Default false. */
  watchedEntities?: boolean;
  /** How thresholds within a tier combine: 'any' (default) or 'all'. */
  match: 'any' | 'all';
  /** Ordered tiers, lowest first; reaching a higher tier for an alerted story sends an update. */
  tiers: RuleTier[];
  /** Window for story growth, minutes (default 60). */
  growthWindowMin: number;
  /** Email recipients (used by smtp channels). */
  recipients: string[];
  /** Channel ids to deliver through. */
  channelIds: number[];
}

/** A stored rule. */
export interface AlertRule extends RuleDefinition {
  id: number;
  watermarkItemId: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A channel as shown to the UI: the secret never leaves the engine, only whether one is set. */
export interface AlertChannel {
  id: number;
  name: string;
  kind: ChannelKind;
  config: Record<string, unknown>;
  hasSecret: boolean;
  /** 'plain' when no OS encryption was available to protect the secret (the UI warns). */
  secretScheme: string | null;
  ratePerMin: number | null;
  enabled: boolean;
}

/** The message model every channel renders (French). */
export interface AlertMessage {
  severity: Severity;
  isUpdate: boolean;
  subject: string;
  title: string;
  source: string | null;
  sourceType: SourceType | null;
  /** ISO instant of the item, and its French rendering in Europe/Paris. */
  published: string | null;
  publishedFr: string | null;
  link: string | null;
  scores: { virality: number | null; controversy: number | null; infox: number | null; growth: number | null };
  reasons: { virality: Reason[]; controversy: Reason[]; infox: Reason[] };
  comment: string | null;
  /** Rule name, or the analyst who pushed. */
  origin: string;
  text: string;
  html: string;
  /** Files attached to the mail (SMTP only; the other channels ignore them), e.g. the daily brief. */
  attachments?: Array<{ fileName: string; contentType: string; content: Uint8Array }>;
}

/** Delivery states of one outbox row. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'dead';

/** One outbox row as the alert inbox shows it. */
export interface Delivery {
  id: number;
  alertId: number;
  channelId: number | null;
  channelKind: ChannelKind;
  recipient: string;
  idemKey: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  sentAt: string | null;
  createdAt: string;
  subject: string;
  severity: Severity;
}

/** What the desktop channel hands to Electron's Notification / the browser Notification API. */
export interface DesktopNotice {
  outboxId: number;
  /** Idempotency key: use it as the notification tag so a re-shown notice replaces the first. */
  tag: string;
  severity: Severity;
  title: string;
  body: string;
  link: string | null;
  alertId: number;
}
