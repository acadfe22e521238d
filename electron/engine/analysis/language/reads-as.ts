/** Lemma-set membership over every reading of a word ("dément" reads as démentir and as dément). */
import { readings } from './lemma-table';

/** True when the word, its best lemma or one of its readings' lemmas is in `set`. */
export function readsAs(set: ReadonlySet<string>, lower: string, lemma: string): boolean {
  if (set.has(lemma) || set.has(lower)) return true;
  for (const r of readings(lower)) if (set.has(r.lemma)) return true;
  return false;
}
