/** 005: brief drafts (the analyst's edits before export) and the log of generated brief files. */
import type { Migration } from '../migrations';

/** Briefs schema: brief_drafts, brief_files. */
export const m005Briefs: Migration = {
  version: 5,
  name: 'briefs',
  up(db) {
    db.exec(`
      -- One draft per period: the analyst's order of stories/items (JSON array of keys such as
      -- "story:12", "item:34"), the keys removed from the brief, and the analysis paragraph.
      CREATE TABLE brief_drafts (
        id INTEGER PRIMARY KEY,
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        item_order TEXT NOT NULL DEFAULT '[]',
        removed TEXT NOT NULL DEFAULT '[]',
        analysis TEXT,
        options TEXT NOT NULL DEFAULT '{}',
        author TEXT NOT NULL DEFAULT 'analyste',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (period_from, period_to)
      );

      -- Every file generated (CLI, UI export, schedule): what, where, how long it took.
      CREATE TABLE brief_files (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER REFERENCES brief_drafts(id) ON DELETE SET NULL,
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('pdf','docx','html','md')),
        path TEXT,
        bytes INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        trigger TEXT NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual','cli','schedule')),
        created_at TEXT NOT NULL
      );
      CREATE INDEX brief_files_created ON brief_files(created_at);
    `);
  },
};
