/** 009: places named in each item (vigie geo's form) and the territories they fall in, for filters and rules. */
import type { Migration } from '../migrations';

/**
 * `items.places`: JSON `[{level, code, name}]` (INSEE codes). `item_territories`: one row per
 * département (and its région) an item concerns, or `departement = ''` for a région named alone,
 * so that lists, searches, briefs and alert rules filter by territory through an index.
 */
export const m009Places: Migration = {
  version: 9,
  name: 'places',
  up(db) {
    db.exec(`
      ALTER TABLE items ADD COLUMN places TEXT;
      CREATE TABLE item_territories (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        departement TEXT NOT NULL,
        region TEXT NOT NULL,
        PRIMARY KEY (item_id, departement, region)
      ) WITHOUT ROWID;
      CREATE INDEX item_territories_departement ON item_territories(departement, item_id);
      CREATE INDEX item_territories_region ON item_territories(region, item_id);
    `);
  },
};
