/** 007: claims of an official document awaiting corroboration, indexed by deadline for the sweep. */
import type { Migration } from '../migrations';

/**
 * One row per item whose claimed official document no official source or trusted press has
 * echoed yet. Rows leave the table when an echo arrives or when the sweep flags the claim at its
 * deadline, so the table stays as small as the claims in flight and the sweep's
 * `WHERE deadline <= now` reads only due rows through the index, whatever the archive's size.
 */
export const m007PendingClaims: Migration = {
  version: 7,
  name: 'pending-claims',
  up(db) {
    db.exec(`
      CREATE TABLE infox_pending_claims (
        item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        -- the claimed document as matched ("arrete prefectoral", "decret"…)
        document TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        deadline TEXT NOT NULL
      );
      CREATE INDEX infox_pending_claims_deadline ON infox_pending_claims(deadline);
    `);
  },
};
