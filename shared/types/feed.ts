/** Normalized feed model: the output of parsing, identical to the `vigie parse` CLI contract. */

/** Feed syntaxes Vigie reads. */
export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** A person named by a feed (author, contributor). */
export interface Author {
  name?: string;
  email?: string;
}

/** A media file attached to an item (podcast audio, image, video). */
export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

/** One entry of a feed, normalized. Dates are ISO 8601 UTC or null. */
export interface FeedItem {
  guid: string | null;
  title: string | null;
  link: string | null;
  published: string | null;
  updated: string | null;
  authors: Author[];
  categories: string[];
  /** Plain text: the short text (RSS description / Atom summary / JSON summary). */
  summary: string | null;
  /** Sanitized HTML: the full body where the feed has one. */
  content: string | null;
  enclosures: Enclosure[];
  /** Engagement figures when the feed carries them (comments, views, score); absent otherwise. */
  engagement?: Engagement;
  /** Geo point (georss:point) when present. */
  geo?: { lat: number; lon: number } | null;
}

/** Engagement figures found in a feed (slash:comments, media:statistics, reddit score…). */
export interface Engagement {
  comments?: number;
  views?: number;
  score?: number;
  shares?: number;
}

/** A whole feed, normalized. */
export interface Feed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  published: string | null;
  updated: string | null;
  authors: Author[];
  categories: string[];
  items: FeedItem[];
  /** Feed-level refresh hints (RSS ttl in minutes, sy:updatePeriod/Frequency) for the scheduler. */
  ttlMinutes?: number | null;
}
