/** Places of items (migration 009): the contract's list on the item and its territories for filters. */
import type { Place } from '../../../shared/types/domain';
import { stmt } from './analysis-store';
import type { Db } from './open';

/** One item's places and the territories they fall in (département code or '', région code or ''). */
export interface ItemPlaces {
  id: number;
  places: readonly Place[];
  territories: ReadonlyArray<{ departement: string; region: string }>;
}

/** Replaces the places and territories of items (inside the caller's transaction). */
export function saveItemPlaces(db: Db, rows: readonly ItemPlaces[]): void {
  const upd = stmt(db, 'UPDATE items SET places = ? WHERE id = ?');
  const del = stmt(db, 'DELETE FROM item_territories WHERE item_id = ?');
  const ins = stmt(db, 'INSERT OR IGNORE INTO item_territories (item_id, departement, region) VALUES (?, ?, ?)');
  for (const r of rows) {
    upd.run(r.places.length ? JSON.stringify(r.places) : null, r.id);
    del.run(r.id);
    for (const t of r.territories) ins.run(r.id, t.departement, t.region);
  }
}

/** SQL condition (on `i.id`) for items in any of these départements or régions; null when both lists are empty. */
export function territoryCondition(
  departements: readonly string[] | undefined,
  regions: readonly string[] | undefined,
): { sql: string; params: Record<string, string> } | null {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (departements?.length) {
    parts.push('t.departement IN (SELECT value FROM json_each(@territoryDeps))');
    params.territoryDeps = JSON.stringify(departements);
  }
  if (regions?.length) {
    parts.push('t.region IN (SELECT value FROM json_each(@territoryRegions))');
    params.territoryRegions = JSON.stringify(regions);
  }
  if (!parts.length) return null;
  return {
    sql: `EXISTS (SELECT 1 FROM item_territories t WHERE t.item_id = i.id AND (${parts.join(' OR ')}))`,
    params,
  };
}
