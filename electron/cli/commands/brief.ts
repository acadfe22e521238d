/** CLI: `vigie --db PATH brief --from ISO --to ISO --format pdf|docx|html|md --out FILE` (cli-contract.md). */
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { generateBrief } from '../../engine/brief/brief';
import { emailBrief } from '../../engine/brief/email';
import { defaultPeriod } from '../../engine/brief/schedule';
import { BRIEF_FORMATS, type BriefFormat, type BriefLang } from '../../engine/brief/types';
import { log, openDbFromCommand, printJsonLine } from '../output';

interface BriefCliOptions {
  from?: string;
  to?: string;
  format: string;
  out: string;
  lang: string;
  unit?: string;
  marking?: string;
  ownership?: string;
  analysis?: string;
  cutoff: string;
  tz?: string;
}

/** Registers `brief`. */
export function registerBriefCommands(program: Command): void {
  program
    .command('brief')
    .description('write the daily synthesis for a period (default: the 24 h ending at the last cut-off)')
    .option('--from <iso>', 'start of the period (ISO 8601)')
    .option('--to <iso>', 'end of the period, exclusive (ISO 8601)')
    .requiredOption('--format <format>', `one of ${BRIEF_FORMATS.join(', ')}`)
    .requiredOption(
      '--out <file>',
      'file to write (Markdown also writes <name>-volume.png and <name>-tone.png beside it)',
    )
    .option('--lang <lang>', 'fr or en', 'fr')
    .option('--unit <name>', 'unit name in the header (default: setting brief.unitName)')
    .option('--marking <text>', 'marking on every page, e.g. "Diffusion restreinte"')
    .option('--ownership <dir>', 'folder of the medias-francais-ownership TSV files (ODC-By) to show outlet owners')
    .option('--analysis <text>', "analysis paragraph (default: the saved draft's)")
    .option('--cutoff <HH:MM>', 'cut-off of the default period', '07:00')
    .option('--tz <zone>', 'time zone of dates and of the cut-off (default Europe/Paris)')
    .action(async (opts: BriefCliOptions, cmd: Command) => {
      if (!(BRIEF_FORMATS as readonly string[]).includes(opts.format))
        throw new AppError('input.invalid', `--format must be one of ${BRIEF_FORMATS.join(', ')}`);
      if (opts.lang !== 'fr' && opts.lang !== 'en') throw new AppError('input.invalid', '--lang must be fr or en');
      if (!!opts.from !== !!opts.to) throw new AppError('input.invalid', '--from and --to go together');
      const period =
        opts.from && opts.to ? { from: opts.from, to: opts.to } : defaultPeriod(new Date(), opts.cutoff, opts.tz);
      const db = openDbFromCommand(cmd);
      try {
        const r = await generateBrief(db, {
          from: period.from,
          to: period.to,
          format: opts.format as BriefFormat,
          out: opts.out,
          trigger: 'cli',
          options: {
            lang: opts.lang as BriefLang,
            unitName: opts.unit,
            marking: opts.marking,
            ownershipDir: opts.ownership,
            analysis: opts.analysis,
            timeZone: opts.tz,
          },
        });
        log(
          `brief: wrote ${opts.out} (${r.bytes.length} bytes, ${r.model.figures.total} items, ${r.model.figures.stories} stories, ${r.durationMs} ms)`,
        );
      } finally {
        db.close();
      }
    });

  program
    .command('brief-email')
    .description('email the synthesis through an SMTP alert channel; prints {"subject","sent","failed"}')
    .requiredOption('--from <iso>', 'start of the period (ISO 8601)')
    .requiredOption('--to <iso>', 'end of the period, exclusive (ISO 8601)')
    .requiredOption('--channel <idOrName>', 'SMTP alert channel')
    .option('--recipients <list>', "comma-separated addresses (default: the channel's defaultTo)")
    .option('--lang <lang>', 'fr or en', 'fr')
    .option('--marking <text>', 'marking, e.g. "Diffusion restreinte"')
    .action(
      async (
        opts: { from: string; to: string; channel: string; recipients?: string; lang: string; marking?: string },
        cmd: Command,
      ) => {
        const db = openDbFromCommand(cmd);
        try {
          const r = await emailBrief(db, {
            from: opts.from,
            to: opts.to,
            channel: opts.channel,
            recipients: opts.recipients
              ?.split(',')
              .map((x) => x.trim())
              .filter(Boolean),
            options: { lang: opts.lang === 'en' ? 'en' : 'fr', marking: opts.marking },
            actor: 'cli',
          });
          printJsonLine(r);
          if (r.failed.length && !r.sent.length) process.exitCode = 1;
        } finally {
          db.close();
        }
      },
    );
}
