/**
 * The French lemma table's format, shared by its builder (scripts/build-lemma-table.ts) and its
 * reader (lemma-table.ts). One line per lower-cased form, sorted by UTF-16 code units:
 * `form<TAB>pos:lemma|pos:lemma…` (`=` for a lemma equal to the form), or for a spelling that
 * lost its accents and is no form itself `fold<TAB>>form|form…`.
 */
import { foldAccents } from './normalize';

/** Header lines (each starts with '#', which no form does). */
export const LEMMA_TABLE_HEADER = [
  '# French form → lemma table derived from the Lefff 3.4 (Benoît Sagot, Inria; LGPL-LR, see LICENSE-LGPLLR.txt).',
  '# Built by scripts/build-lemma-table.ts: forms lower-cased, punctuation and affixes dropped,',
  '# lemmas sorted by part of speech (nc adj v adv np …), clipped nouns kept as their own lemma.',
];

/** Accent-folded, lower-cased spelling of a form (the alias key). */
export function foldForm(form: string): string {
  return foldAccents(form);
}

/** Parts of speech in the order a lemma is preferred for clustering: nouns, adjectives, verbs first. */
const RANK = ['nc', 'adj', 'v', 'adv', 'np', 'prep', 'det', 'pro', 'cl', 'aux', 'csu', 'coo', 'pres'];

/** Preference rank of a part-of-speech tag (lower first; unknown tags last). */
export function posRank(pos: string): number {
  const r = RANK.indexOf(pos);
  return r < 0 ? RANK.length : r;
}
