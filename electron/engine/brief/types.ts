/** The brief model: everything the renderers need, gathered once by select.ts (pure data). */
import type { SourceType } from '../../../shared/types/domain';

/** Output formats of the brief. */
export const BRIEF_FORMATS = ['pdf', 'docx', 'html', 'md'] as const;
/** One of BRIEF_FORMATS. */
export type BriefFormat = (typeof BRIEF_FORMATS)[number];
/** Languages of the brief's fixed wording. */
export type BriefLang = 'fr' | 'en';

/** Options of the brief's content (every default documented). */
export interface BriefOptions {
  /** Wording language. Default 'fr'. */
  lang?: BriefLang;
  /** Unit name in the header. Default: setting 'brief.unitName', else "Cellule de veille médias". */
  unitName?: string;
  /** Marking on every page ("Diffusion restreinte"), or null for none. Default: setting 'brief.marking', else none. */
  marking?: string | null;
  /** Zone for dates and hours. Default 'Europe/Paris'. */
  timeZone?: string;
  /** Stories in "À retenir". Default 8. */
  topStories?: number;
  /** Stories in the controversies section. Default 5. */
  controversies?: number;
  /** Minimal controversy score (0–100) for that section. Default 35. */
  controversyMin?: number;
  /** Minimal infox score (0–100) for an item to be listed as suspected. Default 50. */
  infoxMin?: number;
  /** Maximum infox items listed. Default 10. */
  infoxMax?: number;
  /** The analysis paragraph (overrides the draft's). */
  analysis?: string | null;
  /** Draft to apply (order, removals, analysis). Default: the draft saved for the same period, if any. */
  draftId?: number | null;
  /** Folder of the medias-francais-ownership TSV files (ODC-By), read at run time; none by default. */
  ownershipDir?: string | null;
  /** Generation time shown in the footer (tests pin it). Default now. */
  now?: Date;
}

/** A story as the brief shows it. */
export interface BriefStory {
  /** 'story:<id>' (or 'group:<n>' for items clustered on the fly when no analysis ran). */
  key: string;
  title: string;
  /** Extractive summary (1–2 sentences from the story's items). */
  summary: string;
  link: string | null;
  outlets: string[];
  sourceTypes: SourceType[];
  itemCount: number;
  firstSeen: string | null;
  virality: number | null;
  controversy: number | null;
  infox: number | null;
  /** Titles quoted as evidence (most controversial first). */
  quotes: string[];
  /** Other headlines of the story in the period (most widely carried first), up to 3. */
  headlines: string[];
}

/** Status of a suspected infox. */
export type InfoxStatus = 'review' | 'confirmed' | 'unfounded' | 'debunked';

/** A suspected infox. */
export interface BriefInfox {
  itemId: number;
  title: string;
  link: string | null;
  source: string;
  score: number;
  status: InfoxStatus;
  evidence: string[];
  factCheck: { title: string; link: string | null } | null;
}

/** An item the analysts starred or escalated. */
export interface BriefSelection {
  key: string;
  itemId: number;
  title: string;
  link: string | null;
  source: string;
  sourceType: SourceType;
  published: string | null;
  starred: boolean;
  escalated: boolean;
  notes: string[];
}

/** Tone toward one watched target over the period, with the previous period for the trend. */
export interface EntityTone {
  target: string;
  count: number;
  /** Mean tone −1..1. */
  mean: number;
  previousMean: number | null;
  trend: 'up' | 'down' | 'flat' | 'new';
  quotes: Array<{ title: string; tone: number }>;
}

/** Items per source type, now and in the previous period of the same length. */
export interface TypeCount {
  type: SourceType;
  count: number;
  previous: number;
}

/** The key figures. */
export interface BriefFigures {
  total: number;
  previousTotal: number;
  byType: TypeCount[];
  stories: number;
  alertsPushed: number | null;
  infoxUnderReview: number;
}

/** A monitored source and its health over the period. */
export interface SourceHealthRow {
  name: string;
  type: SourceType;
  url: string;
  items: number;
  status: 'ok' | 'error' | 'paused' | 'disabled';
  errorCount: number;
  lastError: string | null;
  lastSuccessAt: string | null;
  owners: string[] | null;
}

/** Data of the two charts. */
export interface BriefChartData {
  /** Bucket labels (local hours, "07h"). */
  labels: string[];
  volume: Array<{ type: SourceType; counts: number[] }>;
  tone: Array<{ target: string; values: Array<number | null> }>;
}

/** Everything a brief shows. */
export interface BriefModel {
  lang: BriefLang;
  unitName: string;
  marking: string | null;
  timeZone: string;
  from: string;
  to: string;
  /** "jeudi 24 février 2022". */
  dateLabel: string;
  /** "du 24/02/2022 00:00 au 25/02/2022 00:00 (Europe/Paris)". */
  periodLabel: string;
  generatedAt: string;
  figures: BriefFigures;
  top: BriefStory[];
  controversies: BriefStory[];
  tones: EntityTone[];
  infox: BriefInfox[];
  selections: BriefSelection[];
  analysis: string | null;
  charts: BriefChartData;
  sources: SourceHealthRow[];
  /** Attribution line when ownership data was used. */
  ownershipNote: string | null;
}

/** A chart rendered for embedding. */
export interface RenderedChart {
  key: 'volume' | 'tone';
  title: string;
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}
