/** Database fixtures for alert tests and the bench: sources and items with given scores (real Le Monde titles). */
import fs from 'node:fs';
import type { Db } from '../../electron/engine/db/open';
import type { Reason, SourceType } from '../../shared/types/domain';
import { datasetPath } from './datasets';

/** One Le Monde 2022 article from the shared sample (title, chapô, link, published). */
export interface LeMondeItem {
  title: string;
  description: string;
  link: string;
  published: string;
  section: string;
}

/** Reads the 300-article Le Monde sample (real French titles with accents and « guillemets »). */
export function readLeMondeSample(): LeMondeItem[] {
  return fs
    .readFileSync(datasetPath('lemonde-2022-rss', 'items.sample.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LeMondeItem);
}

/** Inserts a source; returns its id. */
export function seedSource(db: Db, name: string, type: SourceType = 'press-national'): number {
  return Number(
    db
      .prepare(`INSERT INTO sources (name, url, type, created_at) VALUES (?, ?, ?, ?)`)
      .run(name, `https://example.test/${encodeURIComponent(name)}/${Math.random()}`, type, new Date().toISOString())
      .lastInsertRowid,
  );
}

/** Fields of a seeded item. */
export interface SeedItem {
  sourceId: number;
  title: string;
  summary?: string | null;
  link?: string | null;
  published: string;
  storyId?: number | null;
  virality?: number | null;
  controversy?: number | null;
  infox?: number | null;
  reasons?: { virality: Reason[]; controversy: Reason[]; infox: Reason[] };
}

/** Inserts an item with its scores (as analysis would have left it); returns its id. */
export function seedItem(db: Db, it: SeedItem): number {
  return Number(
    db
      .prepare(
        `INSERT INTO items (source_id, link, title, summary, published, fetched_at, content_hash, story_id, virality, controversy, infox, reasons, analysed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        it.sourceId,
        it.link ?? null,
        it.title,
        it.summary ?? null,
        it.published,
        it.published,
        `h${Math.random()}`,
        it.storyId ?? null,
        it.virality ?? null,
        it.controversy ?? null,
        it.infox ?? null,
        JSON.stringify(it.reasons ?? { virality: [], controversy: [], infox: [] }),
        it.published,
      ).lastInsertRowid,
  );
}

/** Updates an item's scores (a re-analysis). */
export function rescore(db: Db, id: number, s: { virality?: number; controversy?: number; infox?: number }): void {
  db.prepare(
    'UPDATE items SET virality = COALESCE(?, virality), controversy = COALESCE(?, controversy), infox = COALESCE(?, infox) WHERE id = ?',
  ).run(s.virality ?? null, s.controversy ?? null, s.infox ?? null, id);
}
