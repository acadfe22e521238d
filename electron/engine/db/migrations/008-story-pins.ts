/** 008: the analyst's story decisions (merge, split), kept apart from the computed story ids. */
import type { Migration } from '../migrations';

/**
 * One row per item the analyst has placed: items sharing a `pin` belong to one story, items
 * with different pins to different stories. `vigie analyze` wipes and recomputes every
 * story_id; the pins let it rebuild the analyst's grouping instead of undoing it.
 */
export const m008StoryPins: Migration = {
  version: 8,
  name: 'story-pins',
  up(db) {
    db.exec(`
      CREATE TABLE story_pins (
        item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        pin TEXT NOT NULL,
        decided_at TEXT NOT NULL
      );
      CREATE INDEX story_pins_pin ON story_pins(pin);
    `);
  },
};
