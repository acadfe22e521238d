/** Row shape of an item joined with its first source, and its mapping to the domain `Item`. */
import type { Item, SourceType, TriageState } from '../../../shared/types/domain';
import { parseJsonColumn } from './json-column';

/** Columns selected for an Item (aliases: `i` = items, `so` = sources). */
export const ITEM_COLUMNS = `i.id, i.source_id, so.name AS source_name, so.type AS source_type, i.guid, i.link, i.title, i.summary,
  i.content, i.authors, i.categories, i.enclosures, i.engagement, i.language, i.published, i.updated, i.fetched_at,
  i.content_hash, i.triage, i.starred, i.story_id, i.virality, i.controversy, i.infox, i.places`;

/** Raw row selected with ITEM_COLUMNS. */
export interface ItemRow {
  id: number;
  source_id: number;
  source_name: string;
  source_type: SourceType;
  guid: string | null;
  link: string | null;
  title: string;
  summary: string | null;
  content: string | null;
  authors: string;
  categories: string;
  enclosures: string;
  engagement: string | null;
  language: string | null;
  published: string | null;
  updated: string | null;
  fetched_at: string;
  content_hash: string;
  triage: TriageState;
  starred: number;
  story_id: number | null;
  virality: number | null;
  controversy: number | null;
  infox: number | null;
  places: string | null;
}

/** Maps a row to the domain model (JSON columns are parsed only here, for returned rows). */
export function toItem(r: ItemRow): Item {
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    sourceType: r.source_type,
    guid: r.guid,
    link: r.link,
    title: r.title,
    summary: r.summary,
    content: r.content,
    authors: parseJsonColumn(r.authors, []),
    categories: parseJsonColumn(r.categories, []),
    enclosures: parseJsonColumn(r.enclosures, []),
    engagement: parseJsonColumn(r.engagement, null),
    language: r.language,
    published: r.published,
    updated: r.updated,
    fetchedAt: r.fetched_at,
    contentHash: r.content_hash,
    triage: r.triage,
    starred: r.starred === 1,
    storyId: r.story_id,
    virality: r.virality,
    controversy: r.controversy,
    infox: r.infox,
    places: parseJsonColumn(r.places, []),
  };
}
