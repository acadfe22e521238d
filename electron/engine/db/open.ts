/** Opens the SQLite database with Vigie's pragmas and brings its schema up to date. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrations';

/** A better-sqlite3 connection. */
export type Db = Database.Database;

/** Options for openDatabase. */
export interface OpenOptions {
  /** Open read-only (no migration). Default false. */
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the database at `file` (`:memory:` for tests).
 * WAL lets the UI read while the engine writes; synchronous=NORMAL is durable across process
 * crashes in WAL mode (only an OS crash can lose the last transactions), which is the
 * trade-off SQLite recommends for applications.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  if (!options.readonly) migrate(db);
  return db;
}
