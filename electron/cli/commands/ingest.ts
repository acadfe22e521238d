/** CLI: `ingest-files` (feed files → database), `items` (list/search stored items), `stats`. */
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { AppError } from '../../../shared/errors';
import { SOURCE_TYPES, type SourceType } from '../../../shared/types/domain';
import { listItems, stats, type ItemSort } from '../../engine/db/items-store';
import { ingestFiles } from '../../engine/ingest/ingest-files';
import { countUnanalysed } from '../../engine/db/analysis-store';
import type { Db } from '../../engine/db/open';
import { log, openDbFromCommand, printJsonLine } from '../output';

/** Files above which a progress bar is drawn (on a TTY stderr only). */
const PROGRESS_MIN_FILES = 20;

/** Parses a positive integer option. */
function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new AppError('input.invalid', `--limit: not a non-negative integer: ${value}`);
  return n;
}

/** `vigie ingest-files FILE|DIR... [--source NAME] [--source-type TYPE] [--no-analyze]` */
function registerIngestFiles(program: Command): void {
  program
    .command('ingest-files')
    .description(
      'ingest feed files (recursing into directories) as if fetched; prints {"files","items","new","errors"}',
    )
    .argument('<paths...>', 'feed files or directories')
    .option('--source <name>', 'one source for every file (default: one per feed)')
    .addOption(
      new Option('--source-type <type>', 'type of the sources created').choices([...SOURCE_TYPES]).default('web'),
    )
    // A large archive imports faster without analysis; `vigie analyze` then builds its stories in
    // one pass with the batch clusterer (better grouping than the streamed ingest index).
    .option('--no-analyze', 'store only; run `vigie analyze` afterwards')
    .action(
      async (paths: string[], opts: { source?: string; sourceType: SourceType; analyze: boolean }, cmd: Command) => {
        const db = openDbFromCommand(cmd);
        let bar: cliProgress.SingleBar | null = null;
        try {
          const result = await ingestFiles(db, paths, {
            sourceName: opts.source,
            sourceType: opts.sourceType,
            analyze: opts.analyze,
            onProgress: (p) => {
              if (!bar && process.stderr.isTTY && p.totalFiles >= PROGRESS_MIN_FILES) {
                bar = new cliProgress.SingleBar(
                  {
                    stream: process.stderr,
                    format: 'ingest [{bar}] {value}/{total} files | {items} items, {new} new, {errors} errors',
                  },
                  cliProgress.Presets.shades_classic,
                );
                bar.start(p.totalFiles, 0, { items: 0, new: 0, errors: 0 });
              }
              bar?.update(p.files, { items: p.items, new: p.new, errors: p.errors });
            },
          });
          (bar as cliProgress.SingleBar | null)?.stop();
          printJsonLine({ files: result.files, items: result.items, new: result.new, errors: result.errors });
        } finally {
          db.close();
        }
      },
    );
}

/** A comma-separated list of INSEE codes ("29, 2a" → ["29", "2A"]); input.invalid on anything else. */
function codeList(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const codes = v
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  const bad = codes.find((c) => !/^(\d{2,3}|2[AB])$/.test(c));
  if (bad) throw new AppError('input.invalid', `not an INSEE code: ${bad}`, { code: bad });
  return codes;
}

/** `vigie items --json [--query Q] [--since ISO] [--until ISO] [--sort …] [--limit N]` */
function registerItems(program: Command): void {
  program
    .command('items')
    .description('list stored items, newest first (one JSON object per line with --json)')
    .option('--json', 'one JSON object per line')
    .option('--query <q>', 'boolean search: AND/OR/NOT, -word, "phrase", prefix*, titre:mot (accent-insensitive)')
    .option('--since <iso>', 'published at or after')
    .option('--until <iso>', 'published before')
    .addOption(
      new Option('--sort <order>', 'order').choices(['recent', 'virality', 'controversy', 'infox']).default('recent'),
    )
    .option('--limit <n>', 'at most N items', parseLimit, 100)
    .option('--offset <n>', 'skip N items', parseLimit, 0)
    .option(
      '--departement <codes>',
      'only items concerning these départements (INSEE codes, comma-separated: 29,2A,974)',
    )
    .option('--region <codes>', 'only items concerning these régions (INSEE codes, comma-separated: 53,94)')
    .action(
      (
        opts: {
          json?: boolean;
          query?: string;
          since?: string;
          until?: string;
          sort: ItemSort;
          limit: number;
          offset: number;
          departement?: string;
          region?: string;
        },
        cmd: Command,
      ) => {
        const db = openDbFromCommand(cmd);
        try {
          warnUnanalysed(db);
          const items = listItems(db, {
            query: opts.query,
            since: opts.since,
            until: opts.until,
            sort: opts.sort,
            limit: opts.limit,
            offset: opts.offset,
            departements: codeList(opts.departement),
            regions: codeList(opts.region),
          });
          for (const it of items) {
            if (opts.json) {
              printJsonLine({
                id: it.id,
                title: it.title,
                link: it.link,
                source: it.sourceName,
                sourceType: it.sourceType,
                published: it.published,
                summary: it.summary,
                storyId: it.storyId,
                virality: it.virality,
                controversy: it.controversy,
                infox: it.infox,
                places: it.places,
              });
            } else {
              process.stdout.write(`${it.id}\t${it.published ?? '-'}\t${it.sourceName}\t${it.title}\n`);
            }
          }
        } finally {
          db.close();
        }
      },
    );
}

/** `vigie stats [--json]` */
function registerStats(program: Command): void {
  program
    .command('stats')
    .description('counts by source and type, items per day, database size')
    .option('--json', 'one JSON object')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      try {
        warnUnanalysed(db);
        const s = stats(db);
        if (opts.json) {
          printJsonLine(s);
          return;
        }
        const out: string[] = [
          `items: ${s.items}  occurrences: ${s.occurrences}  sources: ${s.sources}  database: ${(s.dbBytes / 1048576).toFixed(1)} MB`,
          '',
          'by type:',
          ...s.byType.map((t) => `  ${t.type.padEnd(16)} ${t.items}`),
          '',
          'by source:',
          ...s.bySource.map(
            (b) =>
              `  ${String(b.items).padStart(7)} items ${String(b.occurrences).padStart(8)} occ.  ${b.name} (${b.type})`,
          ),
          '',
          'per day:',
          ...s.perDay.slice(-31).map((d) => `  ${d.day} ${d.items}`),
        ];
        process.stdout.write(out.join('\n') + '\n');
        if (s.perDay.length > 31) log(`(${s.perDay.length - 31} earlier days not shown; use --json)`);
      } finally {
        db.close();
      }
    });
}

/**
 * Says on stderr when stored items have no scores yet (a crash between commit and analysis, a
 * `--no-analyze` import): their scores print as null until a long-running engine catches them up
 * or `vigie analyze` runs.
 */
function warnUnanalysed(db: Db): void {
  const n = countUnanalysed(db);
  if (n > 0) log(`vigie: ${n} stored item(s) not analysed yet (scores null): run \`vigie analyze\``);
}

/** Registers ingest-files, items and stats. */
export function registerIngestCommands(program: Command): void {
  registerIngestFiles(program);
  registerItems(program);
  registerStats(program);
}
