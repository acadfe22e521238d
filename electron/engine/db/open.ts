/** Opens the SQLite database with Vigie's pragmas and brings its schema up to date. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { migrate } from './migrations';
import { defaultDataDir } from '../paths';

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
  const readonly = options.readonly ?? false;
  if (file !== ':memory:' && !readonly) makePrivate(file);
  try {
    const db = new Database(file, { readonly, fileMustExist: readonly });
    db.pragma('busy_timeout = 5000');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    if (!readonly) migrate(db);
    return db;
  } catch (err) {
    // SQLite's words ("attempt to write a readonly database") name no file: this one does.
    const e = err as Error & { code?: string };
    throw new AppError('db.open', `cannot open the database ${path.resolve(file)}: ${e.message}`, {
      file: path.resolve(file),
      sqlite: e.code ?? null,
    });
  }
}

/**
 * The database holds the unit's work and its channel settings: its file is the user's alone
 * (0600; SQLite gives the -wal and -shm files the same mode), and a folder created for it is
 * 0700. An existing folder is left as it is (`--db /srv/x.db` must not change /srv).
 */
function makePrivate(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  else if (process.platform !== 'win32' && dir === path.resolve(defaultDataDir())) fs.chmodSync(dir, 0o700);
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  if (process.platform === 'win32') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch {
      /* absent, or not ours: SQLite reports what matters when it opens */
    }
  }
}
