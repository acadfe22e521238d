/** Append-only schema migrations, versioned with PRAGMA user_version. */
import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index';

/** One schema step. Never edit a released migration: append a new one. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Applies every migration above the database's user_version, each in its own transaction. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const sorted = [...MIGRATIONS].sort((a, b) => a.version - b.version);
  for (const m of sorted) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
