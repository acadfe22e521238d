/** Result types of the contract channels: what the renderer receives (JSON-serializable). */
import type { Item, Reason, Scores, Source, SourceType, Story, TriageState, Verdict } from '../types/domain';
import type { AlertChannel, AlertRule, Delivery, Severity } from '../types/alerts';

/** An item in a list: no HTML content (lists stay light), plus the analyst layer. */
export interface ItemSummary extends Omit<Item, 'content'> {
  /** Combined urgency 0–100 (virality, controversy, infox, recency) used by Priorité. */
  urgency: number;
  tags: string[];
  verdict: Verdict | null;
  noteCount: number;
}

/** A page of items with the total matching the filters. */
export interface ItemPage {
  items: ItemSummary[];
  total: number;
}

/** An analyst note on an item. */
export interface Note {
  id: number;
  itemId: number;
  author: string;
  text: string;
  createdAt: string;
}

/** A source that carried an item, with its reliability rating when known. */
export interface ItemSourceRef {
  sourceId: number;
  sourceName: string;
  sourceType: SourceType;
  firstSeenAt: string;
  occurrences: number;
  reliability: ReliabilityRating | null;
}

/** Reliability ratings of the imported list. */
export type ReliabilityRating = 'reliable' | 'questionable' | 'unreliable' | 'satire';

/** The item screen: full sanitized content, reasons, sources, story, analyst layer. */
export interface ItemDetail {
  item: ItemSummary & { content: string | null };
  reasons: Scores['reasons'];
  sources: ItemSourceRef[];
  story: Story | null;
  notes: Note[];
  verdictBy: string | null;
  verdictAt: string | null;
  verdictComment: string | null;
}

/** Result of a triage change; undoId restores the previous states through items:undoTriage. */
export interface TriageChange {
  changed: number;
  undoId: number;
}

/** Result of an undo. */
export interface UndoResult {
  restored: number;
  /** The state the items had been set to by the undone change. */
  undoneState: TriageState | null;
}

/** A story in a list: with its urgency and a sparkline of items per hour (last 24 h, oldest first). */
export interface StorySummary extends Story {
  urgency: number;
  sparkline: number[];
}

/** A page of stories. */
export interface StoryPage {
  stories: StorySummary[];
  total: number;
}

/** A topic: stories (events) under one subject, with their largest first. */
export interface TopicView {
  id: number;
  title: string;
  keyTerms: string[];
  firstSeen: string;
  lastSeen: string;
  storyCount: number;
  itemCount: number;
  stories: Array<{ id: number; title: string; itemCount: number; sourceCount: number; lastSeen: string }>;
}

/** Topics, most recent first. */
export interface TopicPage {
  topics: TopicView[];
}

/** The story screen. */
export interface StoryDetail {
  story: StorySummary;
  /** Items oldest first (the timeline). */
  items: ItemSummary[];
  /** Items per hour over the story's life. */
  timeline: Array<{ at: string; count: number }>;
  bySourceType: Partial<Record<SourceType, number>>;
  /** Reasons aggregated over its items (strongest first). */
  reasons: Scores['reasons'];
}

/** A source as the Sources screen shows it. */
export interface SourceView extends Source {
  itemCount: number;
  lastItemAt: string | null;
}

/** Result of an OPML import. */
export interface OpmlImportResult {
  added: number;
  skipped: number;
  errors: Array<{ url: string | null; code: string; message: string }>;
}

/** Result of a manual refresh. */
export interface RefreshResult {
  sources: number;
  newItems: number;
  errors: number;
}

/** Tableau de bord. Buckets are ISO instants (start of hour/day, UTC). */
export interface Dashboard {
  from: string;
  to: string;
  bucket: 'hour' | 'day';
  volume: Array<{ at: string; counts: Partial<Record<SourceType, number>>; total: number }>;
  topStories: StorySummary[];
  /** Opinion toward the ministry: mean tone −1..1 (null when no item), per bucket. */
  tone: Array<{ at: string; tone: number | null; count: number }>;
  /** Items with infox ≥ 50 or flagged, without a verdict yet. */
  infoxUnderReview: ItemSummary[];
  totals: { items: number; stories: number; sources: number; alertsSent: number };
}

/** User settings. */
export interface Settings {
  analystName: string;
  language: 'fr' | 'en';
  watchedEntities: string[];
  autoRefresh: boolean;
  /** Daily brief schedule, or null when off. */
  briefSchedule: { time: string; outDir: string; formats: Array<'pdf' | 'docx' | 'html' | 'md'> } | null;
  /** Number of domains in the reliability list. */
  reliabilityCount: number;
}

/** A saved search (a watch topic when `watch`). */
export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  filters: Record<string, unknown>;
  watch: boolean;
  createdAt: string;
  /** Items matching now (for the chip counter). */
  matchCount: number;
}

/** A dry-run hit of a rule. */
export interface RuleTestHit {
  itemId: number;
  title: string;
  severity: Severity;
  sourceName: string;
  published: string | null;
  reasons: Reason[];
  /** An escalation of an alert already sent for the same story. */
  isUpdate: boolean;
}

/** Result of alerts:rules:test. */
export interface RuleTestResult {
  from: string;
  to: string;
  evaluated: number;
  /** Alerts that would have been sent, of which `updates` are escalations. */
  wouldFire: number;
  updates: number;
  hits: RuleTestHit[];
}

/** Result of alerts:push. */
export interface PushResult {
  alertId: number;
  deliveries: number;
}

/** Brief preview (HTML to show in a sandboxed iframe/srcdoc) and what it covers. */
export interface BriefPreview {
  html: string;
  from: string;
  to: string;
  itemCount: number;
  storyCount: number;
}

/** One entry of the brief the analyst can move or remove. */
export interface BriefEntry {
  /** Stable key: story:<id>, group:<first item id> (unanalysed cluster), item:<id>. */
  key: string;
  title: string;
  section: 'top' | 'infox' | 'selection';
}

/** The period's draft with the brief's entries: kept ones in the brief's order, then removed ones. */
export interface BriefDraftView {
  from: string;
  to: string;
  entries: BriefEntry[];
  removed: BriefEntry[];
  analysis: string | null;
  /** When the draft was last saved; null when never. */
  updatedAt: string | null;
}

/** Outcome of emailing the brief, per recipient. */
export interface BriefEmailResult {
  subject: string;
  sent: string[];
  failed: Array<{ recipient: string; code: string; message: string }>;
}

/** A rendered brief file. */
export interface BriefFile {
  fileName: string;
  mimeType: string;
  base64: string;
  bytes: number;
}

/** Result of demo:load. */
export interface DemoLoadResult {
  loaded: boolean;
  sources: number;
  items: number;
}

/** app:info. */
export interface AppInfo {
  name: 'Vigie';
  version: string;
  mode: 'electron' | 'web';
  /** The database file, in the desktop app only: web mode does not tell a token holder where files are. */
  dbPath: string | null;
  platform: string;
  itemCount: number;
  sourceCount: number;
  /** True while the database has never had sources (offer the demo). */
  empty: boolean;
  demoLoaded: boolean;
}

export type { AlertChannel, AlertRule, Delivery };
