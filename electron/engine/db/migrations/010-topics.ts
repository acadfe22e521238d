/** 010: topics above stories (events), and story ids that are never handed out twice. */
import type { Migration } from '../migrations';

/**
 * `topics` groups stories (events: one fact or development) under an umbrella subject (the pension
 * reform, the war in Ukraine); `stories.topic_id` is NULL for a story in no topic. `id_counters`
 * keeps the next story id: SQLite reuses the largest rowid after a delete, so a story URL could
 * come to name another story once its story was merged away or rebuilt.
 */
export const m010Topics: Migration = {
  version: 10,
  name: 'topics',
  up(db) {
    db.exec(`
      CREATE TABLE topics (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        title TEXT NOT NULL,
        key_terms TEXT NOT NULL DEFAULT '[]',
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        story_count INTEGER NOT NULL DEFAULT 0,
        item_count INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX topics_last_seen ON topics(last_seen);
      ALTER TABLE stories ADD COLUMN topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL;
      CREATE INDEX stories_topic ON stories(topic_id);
      CREATE TABLE id_counters (name TEXT PRIMARY KEY, next INTEGER NOT NULL);
      INSERT INTO id_counters (name, next) SELECT 'stories', COALESCE(MAX(id), 0) + 1 FROM stories;
    `);
  },
};
