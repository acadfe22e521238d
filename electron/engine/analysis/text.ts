/**
 * Text primitives for analysis: normalisation, tokens, French stems, entities, numbers.
 * This is the only module that imports `natural` (its French Porter stemmer); stems are cached
 * because one call costs ~12 µs and ingest budgets ~50 µs per item for the whole analysis.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true'; // natural loads dotenv, which prints to stdout otherwise
const stemmerFr = require('natural/lib/natural/stemmers/porter_stemmer_fr') as { stem(word: string): string };
import { FRENCH_STOP_WORDS } from './lexicons/stop-words';
import { deaccent, foldAccents } from './language/normalize';

export { deaccent, foldAccents } from './language/normalize';

const WORD_RE = /[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g;

/**
 * Splits text into word tokens (original case, accents removed). Apostrophes split words, so
 * French elisions (l', d', qu') become one-letter or stop-word tokens that are dropped later.
 */
export function tokenize(text: string): string[] {
  return deaccent(text).match(WORD_RE) ?? [];
}

const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

/** French stem of a lower-cased word, accent-folded, cached. */
export function stem(word: string): string {
  const hit = stemCache.get(word);
  if (hit !== undefined) return hit;
  // Stem the folded form: scraped headlines often lose accents ("devoilees"), so both spellings
  // must reach the same stem.
  const folded = foldAccents(word);
  const s = folded.length <= 3 ? folded : foldAccents(stemmerFr.stem(folded));
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(word, s);
  return s;
}

/** True for a French stop word (compared accent-folded). */
export function isStopWord(lowerFolded: string): boolean {
  return FRENCH_STOP_WORDS.has(lowerFolded);
}

/** Term weighting options (story-terms.ts countTermIds). */
export interface TermOptions {
  /** Weight multiplier for capitalised (entity) tokens. Default 2.5. */
  entityBoost?: number;
  /** Weight multiplier for numbers. Default 1.5. */
  numberBoost?: number;
}

let polarity: Map<string, number> | null = null;

/**
 * French word polarity (-1..1) from the Pattern vocabulary natural ships (MIT), accent-folded.
 * natural's own SentimentAnalyzer averages it with no negation; controversy.ts applies
 * negation and intensifiers itself.
 */
export function wordPolarity(): ReadonlyMap<string, number> {
  if (polarity) return polarity;
  const voc = require('natural/lib/natural/sentiment/French/pattern-sentiment-fr.json') as Record<
    string,
    { polarity: string }
  >;
  polarity = new Map();
  for (const [word, entry] of Object.entries(voc)) {
    const p = Number(entry.polarity);
    if (Number.isFinite(p) && p !== 0) polarity.set(foldAccents(word), p);
  }
  return polarity;
}
