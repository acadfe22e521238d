/**
 * The gazetteer asset's format (assets/geo/gazetteer.tsv.gz), shared by its builder
 * (scripts/build-gazetteer.ts) and its reader (gazetteer.ts). One record per line, tab-separated:
 *
 * - `R code name flags` — a région;
 * - `D code name region flags` — a département or overseas collectivity;
 * - `C code name population flags` — a current commune (its département is derived from the code);
 * - `A code name flags` — another name of a current commune (a former commune merged into it).
 *
 * `flags` holds `w` when the name is also an ordinary French word ("Vue", "Tours", "Orange").
 */

/** Where the asset lives under assets/. */
export const GAZETTEER_ASSET = 'geo/gazetteer.tsv.gz';

/** Header lines (each starts with '#'). */
export const GAZETTEER_HEADER = [
  '# French communes, départements and régions with their INSEE codes (Code officiel géographique).',
  '# Source: @etalab/decoupage-administratif 6.0.0 (INSEE COG 2026, populations légales), Licence Ouverte / Open Licence (Etalab).',
  '# Built by scripts/build-gazetteer.ts; flag w = the name is also an ordinary French word (an-array-of-french-words, MIT).',
];

/** Département of a commune code: 3 characters overseas (97x, 98x), else 2 (2A/2B for Corsica). */
export function departementOfCommune(code: string): string {
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}
