/** 002: stories (clusters of items), per-item tone toward watched targets, reliability list. */
import type { Migration } from '../migrations';

/** Analysis schema: stories, item_tones, reliability. Verdicts live in 003's item_verdicts. */
export const m002Analysis: Migration = {
  version: 2,
  name: 'analysis',
  up(db) {
    db.exec(`
      CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        key_terms TEXT NOT NULL DEFAULT '[]',
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        item_count INTEGER NOT NULL DEFAULT 0,
        source_count INTEGER NOT NULL DEFAULT 0,
        source_types TEXT NOT NULL DEFAULT '[]',
        -- {"2022-01-01T05": 3, …}: items per UTC hour
        timeline TEXT NOT NULL DEFAULT '{}',
        virality REAL,
        controversy REAL,
        infox REAL,
        reasons TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX stories_last_seen ON stories(last_seen);
      CREATE INDEX stories_virality ON stories(virality);

      -- Tone (-1..1) of an item toward a watched target, for the opinion-toward-the-State trend.
      CREATE TABLE item_tones (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        target TEXT NOT NULL,
        tone REAL NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (item_id, target)
      ) WITHOUT ROWID;
      CREATE INDEX item_tones_target ON item_tones(target, at);

      -- Imported source reliability list (CSV domain,rating); none shipped.
      CREATE TABLE reliability (
        domain TEXT PRIMARY KEY,
        rating TEXT NOT NULL CHECK (rating IN ('reliable','questionable','unreliable','satire'))
      ) WITHOUT ROWID;
    `);
  },
};
