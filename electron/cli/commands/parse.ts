/** `vigie parse FILE... [--content-type V] [--url URL]`: one JSON line per file, failures reported per line. */
import fs from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { AppError, serializeError } from '../../../shared/errors';
import type { ParseFeedOptions } from '../../engine/ingest/parse-feed';
import { sharedParsePool } from '../../engine/ingest/parse-pool';
import { printJsonLine } from '../output';

/** HTTP context a file would have been served with: Content-Type, its URL, Content-Location, Content-Language. */
export type ServedAs = Pick<ParseFeedOptions, 'contentType' | 'baseUrl' | 'contentLocation' | 'contentLanguage'>;

/**
 * Parses one file into its contract line (never throws: errors become `ok: false`). The parse
 * runs in the parse pool (time budget): a hostile file ends as `parse.too_complex`.
 */
export async function parseFileToLine(file: string, served: ServedAs): Promise<Record<string, unknown>> {
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
    const feed = await sharedParsePool().parseFeed(bytes, { ...served, fetchedAt: new Date() });
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
    .option('--url <url>', 'address the files were fetched from: the base for relative links', parseUrlOption)
    .option('--content-location <url>', 'HTTP Content-Location they came with (a base before --url)')
    .option('--content-language <tag>', 'HTTP Content-Language they came with (language when the feed names none)')
    .action(
      async (
        files: string[],
        opts: { contentType?: string; url?: string; contentLocation?: string; contentLanguage?: string },
      ) => {
        const served: ServedAs = {
          contentType: opts.contentType ?? null,
          baseUrl: opts.url ?? null,
          contentLocation: opts.contentLocation ?? null,
          contentLanguage: opts.contentLanguage ?? null,
        };
        for (const file of files) printJsonLine(await parseFileToLine(file, served));
      },
    );
}

/** `--url` must be an absolute URL: a relative one could not serve as a base. */
function parseUrlOption(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    throw new InvalidArgumentError(`not an absolute URL: ${value}`);
  }
}
