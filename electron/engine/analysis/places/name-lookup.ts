/**
 * The places gazetteer as the language core's PlaceLookup (language/names.ts): lets nameSpans
 * mark "Saint-Martin-de-Ré" or "Seine-Saint-Denis" as one place with its INSEE code. Names that
 * need the context rules of evidence.ts to be places are left to the generic name rules: names
 * with another sense (Orange, Vienne, Matignon), ordinary words at a sentence start, one-word
 * villages (surnames), and a name followed by another capitalised word ("Paris Hilton").
 */
import type { PlaceLookup, PlaceMatch, Token } from '../language';
import { gazetteer, type PlaceEntry } from './gazetteer';
import { findNames } from './match';
import { PlaceText } from './words';

/** Tokens read after the position at most (the longest names have ~8 words). */
const WINDOW = 8;
/** A one-word commune counts as a place here from this population (smaller ones are often surnames). */
const MIN_TOWN = 2_000;

/** The id nameSpans gets: the area's or the commune's INSEE code, prefixed by its level. */
function idOf(es: readonly PlaceEntry[]): { id: string; name: string } | null {
  const area = es.find((e) => e.level !== 'commune');
  if (area) return { id: `${area.level}:${area.code}`, name: area.name };
  const towns = [...es].sort((a, b) => b.population - a.population);
  const [a, b] = towns;
  if (!a || (b && a.population < 2 * b.population)) return null;
  return { id: `commune:${a.code}`, name: a.name };
}

/** The longest place starting at a token (see PlaceLookup). */
export const placeLookup: PlaceLookup = {
  match(tokens: readonly Token[], at: number): PlaceMatch | null {
    const t = tokens[at];
    if (!t) return null;
    const end = Math.min(tokens.length, at + WINDOW);
    // One text of the window's tokens, and where each token's words start in it.
    const surfaces: string[] = [];
    const wordStart: number[] = [];
    let words = 0;
    for (let k = at; k < end && tokens[k]!.clause === t.clause; k++) {
      wordStart.push(words);
      surfaces.push(tokens[k]!.surface);
      words += new PlaceText(tokens[k]!.surface).length;
    }
    const hit = findNames(gazetteer(), new PlaceText(surfaces.join(' ')))[0];
    if (!hit || hit.start !== 0) return null;
    const length =
      wordStart.indexOf(hit.end) >= 0 ? wordStart.indexOf(hit.end) : hit.end === words ? surfaces.length : -1;
    if (length <= 0) return null;
    const { rec } = hit;
    if (rec.otherSense || rec.needsContext || rec.demonym || rec.feature) return null;
    if (rec.common && t.sentenceStart) return null;
    const next = tokens[at + length];
    if (next && next.capital && !next.number && next.clause === t.clause) return null;
    const towns = rec.entries.filter((e) => e.level === 'commune');
    if (
      towns.length === rec.entries.length &&
      rec.words.length === 1 &&
      Math.max(...towns.map((e) => e.population)) < MIN_TOWN
    )
      return null;
    const id = idOf(rec.entries);
    return id ? { length, ...id } : null;
  },
};
