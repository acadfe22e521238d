/** CLI: `sources add|list|remove|pause|resume|import|export` — the monitored feeds and their health. */
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { AppError } from '../../../shared/errors';
import { SOURCE_TYPES, type NewSource, type SourceType } from '../../../shared/types/domain';
import type { Db } from '../../engine/db/open';
import {
  addSource,
  findSourceByUrl,
  getSource,
  listSources,
  removeSource,
  resumeSource,
  updateSource,
  type SchedulableSource,
} from '../../engine/db/sources-store';
import { buildOpml, importOpml } from '../../engine/ingest/opml';
import { buildPresetSource, PRESET_KINDS } from '../../engine/ingest/presets';
import { log, openDbFromCommand, printJsonLine } from '../output';

/** Finds a source by numeric id or exact feed URL; throws `db.not_found`. */
function resolveSource(db: Db, ref: string): SchedulableSource {
  const s = /^\d+$/.test(ref) ? getSource(db, Number(ref)) : findSourceByUrl(db, ref);
  if (!s) throw new AppError('db.not_found', `no source ${ref}`, { ref });
  return s;
}

/** The JSON view of a source printed by `sources list --json` and `sources add`. */
function sourceView(s: SchedulableSource) {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    siteUrl: s.siteUrl,
    type: s.type,
    language: s.language,
    reachWeight: s.reachWeight,
    pollIntervalSec: s.pollIntervalSec,
    priority: s.priority,
    enabled: s.enabled,
    createdAt: s.createdAt,
    health: s.health,
    itemsPerDay: s.itemsPerDay,
    ttlMinutes: s.ttlMinutes,
  };
}

function parseNumber(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new AppError('input.invalid', `${flag}: expected a number in [${min}, ${max}], got ${value}`);
    return n;
  };
}

/** One human line per source: state, type, name, last success, last error, next check. */
function formatRow(s: SchedulableSource): string {
  const h = s.health;
  const state = s.enabled ? (h.errorCount > 0 ? `err×${h.errorCount}` : 'ok') : 'paused';
  const parts = [
    String(s.id).padStart(4),
    state.padEnd(7),
    s.type.padEnd(14),
    (s.priority ? '★ ' : '') + s.name,
    `\n       ${s.url}`,
    `\n       last ok: ${h.lastSuccessAt ?? '—'} | next: ${s.enabled ? (h.nextCheckAt ?? 'now') : '—'}`,
  ];
  if (h.lastErrorCode)
    parts.push(`\n       last error: ${h.lastErrorCode} ${h.lastErrorMessage ?? ''} (${h.lastErrorAt ?? ''})`);
  if (h.pausedReason) parts.push(`\n       paused: ${h.pausedReason}`);
  return parts.join(' ');
}

interface AddOptions {
  name?: string;
  type?: SourceType;
  priority?: boolean;
  language?: string;
  reach?: number;
  interval?: number;
  preset?: string;
  disabled?: boolean;
}

/** Registers `vigie sources …`. */
export function registerSourcesCommands(program: Command): void {
  const sources = program.command('sources').description('manage monitored sources (feeds) and see their health');

  sources
    .command('add')
    .description('add a feed by URL, or with --preset KIND VALUE; prints the source as JSON')
    .argument('<url-or-value>', 'feed URL, or the preset value (handle, channel id, subreddit, query)')
    .option('--name <name>', 'display name (default: the host, or the preset name)')
    .addOption(
      new Option('--type <type>', 'source type (default: web, or social for presets)').choices([...SOURCE_TYPES]),
    )
    .option('--priority', 'priority source: checked every 90 s')
    .option('--language <code>', 'language of the source, e.g. fr')
    .option('--reach <weight>', 'audience weight 0..5 (default: by type)', parseNumber('--reach', 0, 5))
    .option('--interval <seconds>', 'poll interval in seconds (default 300)', parseNumber('--interval', 30, 86_400))
    .option('--disabled', 'add without enabling')
    .addOption(new Option('--preset <kind>', 'build the feed URL from a preset').choices([...PRESET_KINDS]))
    .action((value: string, opts: AddOptions, cmd: Command) => {
      let base: NewSource;
      if (opts.preset) base = buildPresetSource(opts.preset, value);
      else {
        let host = value;
        try {
          host = new URL(value).host;
        } catch {
          /* addSource reports the bad URL */
        }
        base = { name: host, url: value, type: 'web' };
      }
      const db = openDbFromCommand(cmd);
      try {
        const s = addSource(db, {
          ...base,
          name: opts.name ?? base.name,
          type: opts.type ?? base.type,
          language: opts.language ?? base.language ?? null,
          priority: opts.priority ?? false,
          reachWeight: opts.reach,
          pollIntervalSec: opts.interval,
          enabled: !opts.disabled,
        });
        printJsonLine(sourceView(s));
      } finally {
        db.close();
      }
    });

  sources
    .command('list')
    .description('list sources with their health (last success, last error, next check, pause reason)')
    .option('--json', 'one JSON object per line')
    .addOption(new Option('--type <type>', 'only this type').choices([...SOURCE_TYPES]))
    .option('--paused', 'only paused/disabled sources')
    .action((opts: { json?: boolean; type?: SourceType; paused?: boolean }, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      try {
        const rows = listSources(db, { type: opts.type, enabled: opts.paused ? false : undefined });
        for (const s of rows) {
          if (opts.json) printJsonLine(sourceView(s));
          else process.stdout.write(formatRow(s) + '\n');
        }
        if (!opts.json) log(`${rows.length} source(s)`);
      } finally {
        db.close();
      }
    });

  sources
    .command('remove')
    .description('remove a source (and its items) by id or feed URL')
    .argument('<id-or-url>')
    .action((ref: string, _opts: unknown, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      try {
        const s = resolveSource(db, ref);
        removeSource(db, s.id);
        printJsonLine({ removed: s.id, url: s.url });
      } finally {
        db.close();
      }
    });

  sources
    .command('pause')
    .description('stop checking a source until resumed')
    .argument('<id-or-url>')
    .option('--reason <text>', 'why (shown in the list)', 'manual')
    .action((ref: string, opts: { reason: string }, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      try {
        printJsonLine(
          sourceView(updateSource(db, resolveSource(db, ref).id, { enabled: false, pausedReason: opts.reason })),
        );
      } finally {
        db.close();
      }
    });

  sources
    .command('resume')
    .description('re-enable a paused source: clears the error streak and checks it at once')
    .argument('<id-or-url>')
    .action((ref: string, _opts: unknown, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      try {
        printJsonLine(sourceView(resumeSource(db, resolveSource(db, ref).id)));
      } finally {
        db.close();
      }
    });

  sources
    .command('import')
    .description(
      'import an OPML file (folders or vigie:type give the type); prints {"found","added","skipped","invalid"}',
    )
    .argument('<file>', 'OPML file')
    .addOption(
      new Option('--type <type>', 'type of feeds whose type cannot be inferred')
        .choices([...SOURCE_TYPES])
        .default('web'),
    )
    .option('--language <code>', 'language of feeds that declare none')
    .action((file: string, opts: { type: SourceType; language?: string }, cmd: Command) => {
      const xml = fs.readFileSync(file, 'utf8');
      const db = openDbFromCommand(cmd);
      try {
        const r = importOpml(db, xml, { defaultType: opts.type, defaultLanguage: opts.language ?? null });
        for (const bad of r.invalid) log(`skipped ${bad.url}: ${bad.error.code} ${bad.error.message}`);
        printJsonLine({ found: r.found, added: r.added.length, skipped: r.skipped.length, invalid: r.invalid.length });
      } finally {
        db.close();
      }
    });

  sources
    .command('export')
    .description('write every source as OPML 2.0 (to FILE, or stdout)')
    .argument('[file]', 'output file (default: stdout)')
    .action((file: string | undefined, _opts: unknown, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      try {
        const xml = buildOpml(listSources(db));
        if (file) {
          fs.writeFileSync(file, xml);
          log(`wrote ${file}`);
        } else process.stdout.write(xml + '\n');
      } finally {
        db.close();
      }
    });
}
