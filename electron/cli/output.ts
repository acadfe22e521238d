/** CLI output rules: documented output on stdout only, logs and progress on stderr. */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { AppError, isAppError } from '../../shared/errors';
import { openDatabase, type Db } from '../engine/db/open';
import { defaultDatabasePath } from '../engine/paths';
import { keyFilePath, useKeyFileCodec } from '../engine/alerts/key-file';
import { resealSecrets } from '../engine/db/alerts-store';

/** Writes one JSON object as one line on stdout. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** Writes a log line on stderr. */
export function log(message: string): void {
  process.stderr.write(message + '\n');
}

/** Prints a one-line reason on stderr and exits non-zero. */
export function exitWithError(err: unknown): never {
  const msg = isAppError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
  process.stderr.write(`vigie: ${msg.split('\n')[0]}\n`);
  process.exit(1);
}

/**
 * The database path of the global `--db` option, or the default per-user path. An explicit path
 * must name a file in an existing folder: a typo must not create a new empty database elsewhere,
 * and `--db ""` would open a temporary one that vanishes with the process.
 */
export function dbPathFromCommand(cmd: Command): string {
  const { db } = cmd.optsWithGlobals() as { db?: string };
  if (db === undefined) return defaultDatabasePath();
  if (db === ':memory:') return db;
  if (db.trim() === '')
    throw new AppError('input.invalid', '--db: empty path (name a database file, or leave --db out for the default)');
  const dir = path.dirname(path.resolve(db));
  if (!fs.existsSync(dir)) throw new AppError('input.invalid', `--db: the folder ${dir} does not exist`, { dir });
  if (fs.existsSync(db) && fs.statSync(db).isDirectory())
    throw new AppError('input.invalid', `--db: ${db} is a folder, not a database file`);
  return db;
}

/**
 * Channel secrets in this process are sealed with the key file (alerts/key-file.ts), and the
 * database's older base64 or unbound secrets are re-sealed with it: call after opening a database.
 */
export function protectSecrets(db: Db): void {
  useKeyFileCodec();
  const n = resealSecrets(db);
  if (n > 0) log(`vigie: ${n} channel secret(s) now encrypted with the key in ${keyFilePath()}`);
}

/** Opens the database named by the global `--db` option (or the default per-user path), secrets protected. */
export function openDbFromCommand(cmd: Command): Db {
  const db = openDatabase(dbPathFromCommand(cmd));
  try {
    protectSecrets(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
