/** Databases for the brief tests: real Le Monde days (ingest-files), and a small hand-filled one. */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../electron/engine/db/open';
import { ingestFiles } from '../../../electron/engine/ingest/ingest-files';
import type { SourceType } from '../../../shared/types/domain';
import { datasetPath } from '../../helpers/datasets';

/** Snapshot folders of the given February 2022 days ("20" … "28"). */
export function lemondeFebDirs(days: string[]): string[] {
  return days.map((d) => datasetPath('lemonde-2022-rss', 'raw-snapshots', '2022', 'Feb', d));
}

/**
 * Ingests real Le Monde days through the app's own ingest path (parse, dedup, store, analyse).
 * When ingest yields nothing (the ingest area broken), falls back to rss-parser + direct inserts
 * so the brief can still be tested (unanalysed: the brief clusters on the fly).
 */
export async function buildLemondeDb(db: Db, days: string[]): Promise<{ items: number; viaIngest: boolean }> {
  const r = await ingestFiles(db, lemondeFebDirs(days), { sourceType: 'press-national', onError: () => undefined });
  if (r.new > 0) return { items: r.new, viaIngest: true };
  const Parser = require('rss-parser') as new () => {
    parseString(xml: string): Promise<{ title?: string; link?: string; items: Array<Record<string, string>> }>;
  };
  const parser = new Parser();
  const now = new Date().toISOString();
  let n = 0;
  for (const dir of lemondeFebDirs(days)) {
    for (const snap of fs.readdirSync(dir)) {
      for (const f of fs.readdirSync(path.join(dir, snap))) {
        const xml = fs.readFileSync(path.join(dir, snap, f), 'utf8');
        if (!xml.trim()) continue;
        const feed = await parser.parseString(xml);
        const url = feed.link ?? f;
        let src = db.prepare('SELECT id FROM sources WHERE url = ?').get(url) as { id: number } | undefined;
        if (!src) src = { id: seedSource(db, feed.title ?? f, 'press-national', url) };
        for (const it of feed.items) {
          const exists = db.prepare('SELECT id FROM items WHERE guid = ?').get(it.guid ?? it.link) as
            { id: number } | undefined;
          const id =
            exists?.id ??
            seedItem(db, {
              sourceId: src.id,
              title: it.title ?? '',
              summary: it.contentSnippet ?? null,
              link: it.link ?? null,
              published: it.isoDate ?? now,
              guid: it.guid ?? it.link,
            });
          if (!exists) n++;
          db.prepare(
            'INSERT OR IGNORE INTO item_sources (item_id, source_id, first_seen_at, last_seen_at) VALUES (?,?,?,?)',
          ).run(id, src.id, now, now);
        }
      }
    }
  }
  return { items: n, viaIngest: false };
}

/** Inserts a source; returns its id. */
export function seedSource(
  db: Db,
  name: string,
  type: SourceType,
  url = `https://example.test/${encodeURIComponent(name)}`,
): number {
  return Number(
    db
      .prepare('INSERT INTO sources (name, url, type, created_at) VALUES (?,?,?,?)')
      .run(name, url, type, new Date().toISOString()).lastInsertRowid,
  );
}

/** Fields of a seeded item (scores optional). */
export interface SeedItem {
  sourceId: number;
  title: string;
  summary?: string | null;
  link?: string | null;
  published: string;
  guid?: string | null;
  storyId?: number | null;
  virality?: number | null;
  controversy?: number | null;
  infox?: number | null;
  reasons?: unknown;
  starred?: boolean;
  triage?: string;
}

/** Inserts an item (and its item_sources row); returns its id. */
export function seedItem(db: Db, it: SeedItem): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO items (source_id, guid, link, title, summary, published, fetched_at, content_hash, story_id, virality, controversy, infox, reasons, starred, triage)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        it.sourceId,
        it.guid ?? null,
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
        it.reasons ? JSON.stringify(it.reasons) : null,
        it.starred ? 1 : 0,
        it.triage ?? 'new',
      ).lastInsertRowid,
  );
  db.prepare(
    'INSERT OR IGNORE INTO item_sources (item_id, source_id, first_seen_at, last_seen_at) VALUES (?,?,?,?)',
  ).run(id, it.sourceId, it.published, it.published);
  return id;
}

/** Inserts a story row (migration 002); returns its id. */
export function seedStory(
  db: Db,
  title: string,
  firstSeen: string,
  scores: { virality?: number; controversy?: number; infox?: number } = {},
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO stories (title, first_seen, last_seen, item_count, source_count, virality, controversy, infox, updated_at) VALUES (?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        title,
        firstSeen,
        firstSeen,
        0,
        0,
        scores.virality ?? null,
        scores.controversy ?? null,
        scores.infox ?? null,
        firstSeen,
      ).lastInsertRowid,
  );
}
