/** 001: sources with their health, items, the sources that carried each item, dedup keys, FTS. */
import type { Migration } from '../migrations';

/** Core schema: sources, items, item_sources, item_keys, items_fts. */
export const m001Core: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        url TEXT NOT NULL UNIQUE,
        site_url TEXT,
        type TEXT NOT NULL CHECK (type IN ('press-national','press-regional','tv','radio','social','official','factcheck','web')),
        language TEXT,
        reach_weight REAL NOT NULL DEFAULT 0.5,
        poll_interval_sec INTEGER NOT NULL DEFAULT 300,
        priority INTEGER NOT NULL DEFAULT 0,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        -- health (Miniflux-style: the scheduler reads these)
        error_count INTEGER NOT NULL DEFAULT 0,
        last_error_code TEXT,
        last_error_message TEXT,
        last_error_at TEXT,
        last_success_at TEXT,
        last_check_at TEXT,
        next_check_at TEXT,
        etag TEXT,
        last_modified TEXT,
        paused_reason TEXT,
        -- adaptive scheduling inputs
        ttl_minutes INTEGER,
        items_per_day REAL
      );
      CREATE INDEX sources_next_check ON sources(enabled, next_check_at);

      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        guid TEXT,
        link TEXT,
        title TEXT NOT NULL DEFAULT '',
        summary TEXT,
        content TEXT,
        content_text TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        categories TEXT NOT NULL DEFAULT '[]',
        enclosures TEXT NOT NULL DEFAULT '[]',
        engagement TEXT,
        language TEXT,
        published TEXT,
        updated TEXT,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        triage TEXT NOT NULL DEFAULT 'new' CHECK (triage IN ('new','seen','follow','escalated','archived')),
        starred INTEGER NOT NULL DEFAULT 0,
        story_id INTEGER,
        virality REAL,
        controversy REAL,
        infox REAL,
        reasons TEXT,
        analysed_at TEXT
      );
      CREATE INDEX items_published ON items(published);
      CREATE INDEX items_source ON items(source_id, published);
      CREATE INDEX items_story ON items(story_id);
      CREATE INDEX items_hash ON items(content_hash);

      -- Every source that carried an item (dedup across sections and outlets).
      CREATE TABLE item_sources (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        occurrences INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (item_id, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX item_sources_source ON item_sources(source_id);

      -- Dedup keys: 'g:<guid>' and 'l:<canonical link>' (guid scoped by source when not a URL).
      CREATE TABLE item_keys (
        key TEXT PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE
      ) WITHOUT ROWID;

      -- Accent-insensitive French full-text search, kept in sync by triggers.
      CREATE VIRTUAL TABLE items_fts USING fts5(
        title, summary, content_text,
        content='items', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
        INSERT INTO items_fts(rowid, title, summary, content_text) VALUES (new.id, new.title, new.summary, new.content_text);
      END;
      CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, summary, content_text) VALUES ('delete', old.id, old.title, old.summary, old.content_text);
      END;
      CREATE TRIGGER items_fts_au AFTER UPDATE OF title, summary, content_text ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, summary, content_text) VALUES ('delete', old.id, old.title, old.summary, old.content_text);
        INSERT INTO items_fts(rowid, title, summary, content_text) VALUES (new.id, new.title, new.summary, new.content_text);
      END;

      -- Key/value settings (watched entities, analyst name, language, unit name…), JSON values.
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
