/**
 * Optional outlet ownership from the Monde diplomatique / Acrimed "Médias français" tables
 * (ODC-By 1.0: usable with attribution). Never shipped: the user gives the folder at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { foldAccents } from '../analysis/text';

/** Attribution the ODC-By licence requires wherever the data is shown. */
export const OWNERSHIP_ATTRIBUTION =
  'Propriété des médias : « Médias français, qui possède quoi ? », Le Monde diplomatique et Acrimed (ODC-By 1.0).';

/** Owners per media name (as in medias.tsv). */
export type OwnershipTable = Map<string, string[]>;

function readTsv(file: string): string[][] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));
}

/** Loads direct owners (people and organisations, with their share) of each media. */
export function loadOwnership(dir: string): OwnershipTable {
  const table: OwnershipTable = new Map();
  for (const f of ['personne-media.tsv', 'organisation-media.tsv']) {
    // Columns: id, origine (owner), qualificatif, valeur (share), cible (media).
    for (const [, owner, , share, media] of readTsv(path.join(dir, f))) {
      if (!owner || !media) continue;
      const l = table.get(media) ?? [];
      l.push(share ? `${owner} (${formatShare(share)})` : owner);
      table.set(media, l);
    }
  }
  return table;
}

/** "24.50%" → "24,5 %" (French decimal comma, narrow no-break space). */
function formatShare(share: string): string {
  const v = Number.parseFloat(share);
  return Number.isFinite(v) ? `${String(Math.round(v * 10) / 10).replace('.', ',')}\u202f%` : share;
}

const norm = (s: string): string =>
  ' ' +
  foldAccents(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim() +
  ' ';

/** Owners of the outlet whose name best matches a source name ("Le Monde — Une" → "Le Monde"), or null. */
export function ownersOf(table: OwnershipTable, sourceName: string): string[] | null {
  const s = norm(sourceName);
  let best: string | null = null;
  for (const media of table.keys()) {
    const m = norm(media);
    if (m.trim().length >= 3 && s.includes(m) && (!best || m.length > norm(best).length)) best = media;
  }
  return best ? table.get(best)! : null;
}
