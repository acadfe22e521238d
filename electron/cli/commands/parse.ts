/** `vigie parse FILE... [--content-type VALUE]`: one JSON line per file, failures reported per line. */
import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError, serializeError } from '../../../shared/errors';
import { parseFeed } from '../../engine/ingest/parse-feed';
import { printJsonLine } from '../output';

/** Parses one file into its contract line (never throws: errors become `ok: false`). */
export async function parseFileToLine(file: string, contentType: string | null): Promise<Record<string, unknown>> {
  try {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (err) {
      throw new AppError(
        'input.invalid',
        `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        { file },
      );
    }
    const feed = await parseFeed(bytes, { contentType });
    return { file, ok: true, feed };
  } catch (err) {
    const { code, message } = serializeError(err);
    return { file, ok: false, error: { code, message } };
  }
}

/** Registers `parse`. Exit code is 0 even when some files fail: each failure is on its own line. */
export function registerParseCommands(program: Command): void {
  program
    .command('parse')
    .description('parse feed files (RSS, Atom, RDF, JSON Feed) and print one JSON line per file')
    .argument('<files...>', 'feed files')
    .option('--content-type <value>', 'HTTP Content-Type the files would have been served with (charset hint)')
    .action(async (files: string[], opts: { contentType?: string }) => {
      for (const file of files) printJsonLine(await parseFileToLine(file, opts.contentType ?? null));
    });
}
