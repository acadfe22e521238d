/**
 * Finds gazetteer names in a text's words (longest first, accent-insensitive, "du Mans" read as
 * "de Le Mans") and reads the evidence around each: capital, position, prepositions, nouns,
 * neighbouring capitalised words. The decision is made by evidence.ts.
 */
import type { Gazetteer, NameRecord, TrieNode } from './gazetteer';
import { GENERIC_IN_NAME, NAME_CONNECTORS } from './cues';
import type { PlaceText } from './words';

/** A name found in the text: words [start, end) (start may be a contracted article "du"/"au"). */
export interface NameHit {
  rec: NameRecord;
  start: number;
  end: number;
  /** Index of the first word of the name proper (after a contracted article). */
  first: number;
}

/** Contracted articles: "du Mans" = de + Le Mans, "aux Sables-d'Olonne" = à + Les Sables-d'Olonne. */
const CONTRACTED = new Map([
  ['du', 'le'],
  ['au', 'le'],
  ['des', 'les'],
  ['aux', 'les'],
]);

/** True when the words at `at` spell `rec` with a capital on every word that needs one. */
function spells(words: PlaceText, at: number, rec: NameRecord, skipFirst: boolean): boolean {
  const n = rec.words.length;
  if (at + n - (skipFirst ? 1 : 0) > words.length) return false;
  let capitals = 0;
  for (let k = skipFirst ? 1 : 0; k < n; k++) {
    const w = words.get(at + k - (skipFirst ? 1 : 0))!;
    const want = rec.words[k]!;
    if (w.fold !== want) return false;
    // A word of several tokens must be written as one: "Saint-Denis", not "Saint, Denis".
    if (k > (skipFirst ? 1 : 0) && w.before !== '' && !w.joined && w.before !== "'") return false;
    if (w.capital) capitals++;
    else if (!rec.demonym && !NAME_CONNECTORS.has(want) && !GENERIC_IN_NAME.has(want)) return false;
  }
  return rec.demonym || capitals > 0;
}

/** Names spelled from word `at` on (walking the trie from `node`), longest first. */
function longest(node: TrieNode | undefined, words: PlaceText, at: number, skip: boolean): NameHit | null {
  const found: NameRecord[] = [];
  for (let j = at; node && j < words.length; j++) {
    node = node.next?.get(words.get(j)!.fold);
    if (node?.rec) found.push(node.rec);
  }
  const start = skip ? at - 1 : at;
  for (let k = found.length - 1; k >= 0; k--) {
    const rec = found[k]!;
    if (spells(words, skip ? at : at, rec, skip)) return { rec, start, end: start + rec.words.length, first: at };
  }
  return null;
}

/** Words a name may start with before its first capital ("île de Ré", "mont Saint-Michel", "du Mans"): at most this many. */
const LEAD_WORDS = 3;

/** Every gazetteer name in the words, left to right, longest first, without overlap. */
export function findNames(g: Gazetteer, words: PlaceText): NameHit[] {
  const hits: NameHit[] = [];
  let from = 0;
  for (let i = 0; i < words.length; i++) {
    // A name holds a capital (demonyms aside): start from each capitalised word, and from the
    // lower-case words just before it that may lead a name (articles, "du", "île de", "mont").
    let hit: NameHit | null = null;
    if (words.capitalAt(i)) {
      let lead = i;
      while (lead > from && i - lead < LEAD_WORDS) {
        const f = words.get(lead - 1)!.fold;
        if (!g.lowerStarts.has(f) && !NAME_CONNECTORS.has(f)) break;
        lead--;
      }
      for (let k = lead; k <= i && !hit; k++)
        if (k === i || g.lowerStarts.has(words.get(k)!.fold)) hit = nameAt(g, words, k);
    } else if (isDemonymShape(words, i) && g.demonyms.has(words.surfaceAt(i))) hit = nameAt(g, words, i);
    if (!hit) continue;
    hits.push(hit);
    from = hit.end;
    i = hit.end - 1;
  }
  return hits;
}

/** Demonyms end in -s, -e or -n and have five letters or more ("lyonnais", "toulousaine", "parisien"). */
function isDemonymShape(words: PlaceText, i: number): boolean {
  if (words.lengthAt(i) < 5) return false;
  const c = words.lastCodeAt(i);
  return (c === 115 || c === 101 || c === 110) && words.capitalAt(i) === false;
}

/** The longest name starting at word `i` (or at its contracted article), or null. */
function nameAt(g: Gazetteer, words: PlaceText, i: number): NameHit | null {
  const w = words.get(i)!;
  const article = CONTRACTED.get(w.fold);
  // "du Mans": the trie's "le" branch, from the next word on.
  let hit = article && !w.capital ? longest(g.trie.next!.get(article), words, i + 1, true) : null;
  if (!hit && g.trie.next!.has(w.fold)) hit = longest(g.trie, words, i, false);
  if (!hit) return null;
  // A name must start where a written token starts ("Denis" inside "Saint-Denis" is no name).
  if (words.get(hit.first)!.joined && !words.get(hit.first)!.before.includes("'")) return null;
  // …and end where one ends ("Saint-Denis" inside "Saint-Denis-de-Pile" was matched longer already).
  if (hit.end < words.length && words.get(hit.end)!.joined && words.get(hit.end)!.before === '-') return null;
  return hit;
}
