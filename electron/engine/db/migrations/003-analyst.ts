/** 003: the analyst's layer on items (notes, tags, verdicts), saved searches / watch topics, triage undo history. */
import type { Migration } from '../migrations';

/** Analyst schema: item_notes, item_tags, item_verdicts, saved_searches, triage_history; the inbox date index. */
export const m003Analyst: Migration = {
  version: 3,
  name: 'analyst',
  up(db) {
    db.exec(`
      CREATE TABLE item_notes (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX item_notes_item ON item_notes(item_id);

      CREATE TABLE item_tags (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (item_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX item_tags_tag ON item_tags(tag);

      -- The analyst's verdict on an infox suspicion (one per item; the latest wins).
      CREATE TABLE item_verdicts (
        item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        verdict TEXT NOT NULL CHECK (verdict IN ('confirmed','unfounded')),
        author TEXT NOT NULL,
        comment TEXT,
        at TEXT NOT NULL
      );

      -- Saved searches; watch = 1 makes one a watch topic (a filter chip in Priorité).
      CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        query TEXT NOT NULL DEFAULT '',
        filters TEXT NOT NULL DEFAULT '{}',
        watch INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );

      -- Item lists are filed by publication date (fetch date when none), newest first: without
      -- this expression index every page of a 100k-item inbox sorts the whole table (~130 ms → 2 ms).
      CREATE INDEX items_filed ON items(coalesce(published, fetched_at), id);

      -- One row per triage action: the state set and each item's previous state, for undo.
      CREATE TABLE triage_history (
        id INTEGER PRIMARY KEY,
        state TEXT NOT NULL,
        previous TEXT NOT NULL,
        at TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0
      );
    `);
  },
};
