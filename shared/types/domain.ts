/** Domain types shared by the engine, the CLI, web mode and the renderer. */
import type { Author, Enclosure, Engagement } from './feed';

/** Kinds of source, as in the CLI contract. */
export const SOURCE_TYPES = [
  'press-national',
  'press-regional',
  'tv',
  'radio',
  'social',
  'official',
  'factcheck',
  'web',
] as const;
/** One of SOURCE_TYPES. */
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Feed health, stored as data and read by the scheduler (Miniflux style). */
export interface SourceHealth {
  errorCount: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  lastCheckAt: string | null;
  nextCheckAt: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Why the source was paused automatically (after N consecutive failures), or null. */
  pausedReason: string | null;
}

/** A monitored feed. */
export interface Source {
  id: number;
  name: string;
  url: string;
  /** The site's home page, when the feed gives it. */
  siteUrl: string | null;
  type: SourceType;
  language: string | null;
  /** Audience weight 0..1+ used by virality (1 = a major national outlet). */
  reachWeight: number;
  /** Poll interval in seconds (the adaptive scheduler may lengthen it). */
  pollIntervalSec: number;
  priority: boolean;
  enabled: boolean;
  createdAt: string;
  health: SourceHealth;
}

/** Fields accepted when creating a source. */
export interface NewSource {
  name: string;
  url: string;
  siteUrl?: string | null;
  type: SourceType;
  language?: string | null;
  reachWeight?: number;
  pollIntervalSec?: number;
  priority?: boolean;
  enabled?: boolean;
}

/** Triage states an analyst moves an item through. */
export const TRIAGE_STATES = ['new', 'seen', 'follow', 'escalated', 'archived'] as const;
/** One of TRIAGE_STATES (nouveau, vu, à suivre, escaladé, archivé). */
export type TriageState = (typeof TRIAGE_STATES)[number];

/** An analyst's verdict on an infox suspicion. */
export type Verdict = 'confirmed' | 'unfounded';

/** One reason behind a score: which signal, how much it weighed (points), and the evidence. */
export interface Reason {
  signal: string;
  weight: number;
  evidence: string;
}

/** The three scores (0–100) with their reasons. */
export interface Scores {
  virality: number | null;
  controversy: number | null;
  infox: number | null;
  reasons: { virality: Reason[]; controversy: Reason[]; infox: Reason[] };
}

/** An item as stored (one article/post, deduplicated across sources). */
export interface Item {
  id: number;
  sourceId: number;
  sourceName: string;
  sourceType: SourceType;
  guid: string | null;
  link: string | null;
  title: string;
  summary: string | null;
  content: string | null;
  authors: Author[];
  categories: string[];
  enclosures: Enclosure[];
  engagement: Engagement | null;
  language: string | null;
  published: string | null;
  updated: string | null;
  fetchedAt: string;
  contentHash: string;
  triage: TriageState;
  starred: boolean;
  storyId: number | null;
  virality: number | null;
  controversy: number | null;
  infox: number | null;
  /** Places named in the title and summary (empty until analysed). */
  places: Place[];
}

/** A place named in an item: commune, département or région with its INSEE code (vigie geo's form). */
export interface Place {
  level: 'commune' | 'departement' | 'region';
  code: string;
  name: string;
}

/** A story: a cluster of items about the same event. */
export interface Story {
  id: number;
  title: string;
  keyTerms: string[];
  firstSeen: string;
  lastSeen: string;
  itemCount: number;
  sourceCount: number;
  sourceTypes: SourceType[];
  virality: number | null;
  controversy: number | null;
  infox: number | null;
}
