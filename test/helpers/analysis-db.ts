/** Items inserted straight into a test database for the analysis tests (no feed, no processing). */
import type { Db } from '../../electron/engine/db/open';

let n = 0;

/** Inserts an item published (and fetched) at `published`; a unique link and hash unless given. Returns its id. */
export function insertItem(
  db: Db,
  sourceId: number,
  title: string,
  published: string | Date,
  extra: { summary?: string; link?: string | null; engagement?: object } = {},
): number {
  n++;
  const at = typeof published === 'string' ? published : published.toISOString();
  return Number(
    db
      .prepare(
        'INSERT INTO items (source_id, link, title, summary, engagement, published, fetched_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        sourceId,
        extra.link === undefined ? `https://example.org/${n}` : extra.link,
        title,
        extra.summary ?? null,
        extra.engagement ? JSON.stringify(extra.engagement) : null,
        at,
        at,
        `h${n}`,
      ).lastInsertRowid,
  );
}
