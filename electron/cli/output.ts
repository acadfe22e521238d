/** CLI output rules: documented output on stdout only, logs and progress on stderr. */
import { Command } from 'commander';
import { isAppError } from '../../shared/errors';
import { openDatabase, type Db } from '../engine/db/open';
import { defaultDatabasePath } from '../engine/paths';

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

/** Opens the database named by the global `--db` option (or the default per-user path). */
export function openDbFromCommand(cmd: Command): Db {
  const opts = cmd.optsWithGlobals() as { db?: string };
  return openDatabase(opts.db ?? defaultDatabasePath());
}
