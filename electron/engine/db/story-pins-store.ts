/** The analyst's story decisions (table story_pins, migration 008). */
import { randomUUID } from 'node:crypto';
import type { Db } from './open';
import { stmt } from './analysis-store';

/** Pins items together under a new pin (one analyst decision); returns the pin. */
export function pinItems(db: Db, itemIds: readonly number[], at: string): string {
  const pin = randomUUID();
  stmt(db, 'INSERT OR REPLACE INTO story_pins (item_id, pin, decided_at) SELECT value, ?, ? FROM json_each(?)').run(
    pin,
    at,
    JSON.stringify(itemIds),
  );
  return pin;
}

/** Pins of the given items (items the analyst never placed are absent). */
export function readPins(db: Db, itemIds: readonly number[]): Map<number, string> {
  const rows = stmt(
    db,
    'SELECT item_id AS id, pin FROM story_pins WHERE item_id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(itemIds)) as Array<{ id: number; pin: string }>;
  return new Map(rows.map((r) => [r.id, r.pin]));
}

/** The story already holding items of a pin (analysed earlier in a rebuild), or null. */
export function storyOfPin(db: Db, pin: string): number | null {
  const r = stmt(
    db,
    'SELECT i.story_id AS id FROM story_pins p JOIN items i ON i.id = p.item_id WHERE p.pin = ? AND i.story_id IS NOT NULL LIMIT 1',
  ).get(pin) as { id: number } | undefined;
  return r?.id ?? null;
}
