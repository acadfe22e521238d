/** Negators and intensifiers for French polarity (our own lists, accent-folded). */

/** Words that negate the polarity of the next few words ("pas une bonne réforme"). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'pas',
  'jamais',
  'ni',
  'sans',
  'aucun',
  'aucune',
  'nullement',
  'guere',
  'plus',
  'rien',
  'personne',
  'point',
  'non',
]);

/** Intensifiers and their multipliers. */
export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['tres', 1.5],
  ['trop', 1.4],
  ['vraiment', 1.4],
  ['tellement', 1.5],
  ['si', 1.2],
  ['super', 1.5],
  ['hyper', 1.6],
  ['completement', 1.6],
  ['totalement', 1.6],
  ['absolument', 1.6],
  ['extremement', 1.8],
  ['profondement', 1.5],
  ['particulierement', 1.3],
  ['peu', 0.5],
  ['assez', 0.8],
  ['plutot', 0.8],
  ['un peu', 0.6],
]);
