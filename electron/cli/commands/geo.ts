/** CLI: `geo --jsonl FILE` — places named in each line's title and text, no database. */
import type { Command } from 'commander';
import { contractPlaces, placesOfItem } from '../../engine/analysis/places';
import { printJsonLine } from '../output';
import { readJsonl } from './analysis';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Registers `vigie geo`. */
export function registerGeoCommands(program: Command): void {
  program
    .command('geo')
    .description('places named in each item (communes, départements, régions; INSEE codes), no database')
    .requiredOption('--jsonl <file>', 'input lines {"id","title","text"?,"source"?}')
    .option('--evidence', 'also give each place its offsets in "title\\ntext" and its evidence codes')
    .action((opts: { jsonl: string; evidence?: boolean }) => {
      for (const r of readJsonl(opts.jsonl)) {
        const mentions = placesOfItem({ title: str(r.title) ?? '', text: str(r.text), source: str(r.source) });
        printJsonLine({ id: r.id, places: opts.evidence ? mentions : contractPlaces(mentions) });
      }
    });
}
