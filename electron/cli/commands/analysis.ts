/** CLI: `analyze` (recompute stories and scores), `cluster --jsonl`, `score --jsonl`, `reliability import`. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { clusterBatch } from '../../engine/analysis/cluster-batch';
import { clusterTopics } from '../../engine/analysis/cluster-topics';
import { scoreBatch, type ScoreInput } from '../../engine/analysis/score-batch';
import { parseReliabilityCsv } from '../../engine/analysis/reliability';
import { analyzeAll } from '../../engine/analysis/pipeline';
import { sweepExpiredClaims } from '../../engine/analysis/corroboration';
import { importReliability } from '../../engine/db/analysis-store';
import { log, openDbFromCommand, printJsonLine } from '../output';

/** Reads a JSON-lines file (blank lines skipped); input.invalid on a bad line. */
export function readJsonl(file: string): Array<Record<string, unknown>> {
  const text = fs.readFileSync(file, 'utf8');
  const out: Array<Record<string, unknown>> = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new AppError('input.invalid', `${file}:${i + 1}: invalid JSON`, {}, { cause: err });
    }
    if (!v || typeof v !== 'object' || !('id' in v))
      throw new AppError('input.invalid', `${file}:${i + 1}: expected an object with "id"`);
    out.push(v as Record<string, unknown>);
  });
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Registers the analysis commands. */
export function registerAnalysisCommands(program: Command): void {
  program
    .command('cluster')
    .description('group items into stories, no database: one {"id","story"} line per input')
    .requiredOption('--jsonl <file>', 'input lines {"id","title","text"?,"source"?,"published"?}')
    .option('--topics', 'also give each line its "topic" (stories grouped under one subject)')
    .action((opts: { jsonl: string; topics?: boolean }) => {
      const rows = readJsonl(opts.jsonl);
      const batch = clusterBatch(
        rows.map((r) => {
          const t = str(r.published) ? Date.parse(str(r.published)!) : NaN;
          return { title: str(r.title) ?? '', text: str(r.text), time: Number.isFinite(t) ? t : null };
        }),
      );
      const labels = batch.labels;
      const topicOf = opts.topics ? clusterTopics(batch.vectors, labels).topicOf : null;
      rows.forEach((r, i) =>
        printJsonLine(
          topicOf ? { id: r.id, story: labels[i], topic: topicOf.get(labels[i]!) } : { id: r.id, story: labels[i] },
        ),
      );
    });

  program
    .command('score')
    .description('score items (virality within the batch, controversy, infox), no database')
    .requiredOption('--jsonl <file>', 'input lines {"id","title","text"?,"url"?,"source"?,"sourceType"?,"published"?}')
    .option(
      '--reliability <csv>',
      'source reliability list, CSV domain,rating (reliable|questionable|unreliable|satire)',
    )
    .action((opts: { jsonl: string; reliability?: string }) => {
      const reliability = opts.reliability ? parseReliabilityCsv(fs.readFileSync(opts.reliability, 'utf8')) : undefined;
      const rows = readJsonl(opts.jsonl);
      const inputs: ScoreInput[] = rows.map((r) => ({
        id: r.id as string | number,
        title: str(r.title) ?? '',
        text: str(r.text),
        url: str(r.url),
        source: str(r.source),
        sourceType: str(r.sourceType),
        published: str(r.published),
      }));
      for (const line of scoreBatch(inputs, { reliability })) printJsonLine(line);
    });

  program
    .command('analyze')
    .description('recompute stories and scores for every stored item')
    .action((_opts: unknown, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      try {
        const started = Date.now();
        // The sweep runs after the recomputation (which starts from scratch): claims whose
        // corroboration delay is over by now get their final verdict.
        const n = analyzeAll(db);
        const claims = sweepExpiredClaims(db, new Date(), { limit: Number.MAX_SAFE_INTEGER });
        log(`analyze: items=${n} uncorroborated_claims=${claims.flagged.length} duration_ms=${Date.now() - started}`);
        printJsonLine({ items: n });
      } finally {
        db.close();
      }
    });

  const rel = program.command('reliability').description('source reliability lists');
  rel
    .command('import')
    .description('import a CSV domain,rating list into the database (replaces the current list)')
    .argument('<csv>', 'CSV file with header domain,rating')
    .action((csv: string, _opts: unknown, cmd: Command) => {
      const list = parseReliabilityCsv(fs.readFileSync(csv, 'utf8'));
      const db = openDbFromCommand(cmd);
      try {
        importReliability(db, list);
        printJsonLine({ domains: list.size });
      } finally {
        db.close();
      }
    });
}
