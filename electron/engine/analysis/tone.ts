/**
 * Tone of a French text with negation and intensifiers, which natural's French sentiment lacks:
 * "pas une bonne réforme" is negative, "jamais aussi mauvais" stays negative but "pas mauvais"
 * turns mildly positive. Negation reaches the next three words; "ne … plus/rien/personne" needs
 * the "ne" particle since "plus" alone means "more".
 */
import { NEGATORS, INTENSIFIERS } from './lexicons/negation';
import { wordPolarity } from './text';

const NE_ONLY = new Set(['plus', 'rien', 'personne', 'point', 'guere']);

/** Tone of a text: mean polarity (-1..1), and its most negative and positive words. */
export interface Tone {
  score: number;
  negativeWords: string[];
  positiveWords: string[];
  negations: number;
}

/** What the tone reads in one word: negator, intensifier multiplier, polarity. */
interface ToneWord {
  negator: boolean;
  /** A negator only after "ne" ("plus", "rien"…). */
  neOnly: boolean;
  mult: number | undefined;
  pol: number | undefined;
}

let toneWords: Map<string, ToneWord> | null = null;

/** Negators, intensifiers and polarities in one map: one lookup per token, most tokens being in none. */
function toneWordMap(): Map<string, ToneWord> {
  if (toneWords) return toneWords;
  const m = new Map<string, ToneWord>();
  const at = (w: string) => {
    let e = m.get(w);
    if (!e) m.set(w, (e = { negator: false, neOnly: false, mult: undefined, pol: undefined }));
    return e;
  };
  for (const w of NEGATORS) {
    const e = at(w);
    e.negator = true;
    e.neOnly = NE_ONLY.has(w);
  }
  for (const [w, mult] of INTENSIFIERS) at(w).mult = mult;
  for (const [w, p] of wordPolarity()) at(w).pol = p;
  return (toneWords = m);
}

/** Computes the tone of folded tokens (see foldedTokens). */
export function computeTone(tokens: readonly string[], extra?: ReadonlyMap<string, number>): Tone {
  const words = toneWordMap();
  let sum = 0,
    n = 0,
    negations = 0;
  let negateLeft = 0,
    boost = 1,
    sawNe = -10;
  const negativeWords: string[] = [],
    positiveWords: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'ne' || t === 'n') {
      sawNe = i;
      continue;
    }
    const w = words.get(t);
    if (w?.negator && (!w.neOnly || i - sawNe <= 3)) {
      negateLeft = 3;
      negations++;
      continue;
    }
    const mult = w?.mult;
    if (mult !== undefined) {
      boost *= mult;
      continue;
    }
    const p = extra?.get(t) ?? w?.pol;
    if (p !== undefined) {
      // A negated positive is clearly negative; a negated negative is only mildly positive.
      let v = Math.max(-1, Math.min(1, p * boost));
      if (negateLeft > 0) v = v > 0 ? -v : -v * 0.5;
      sum += v;
      n++;
      if (v < -0.1) negativeWords.push((negateLeft > 0 ? 'pas ' : '') + t);
      else if (v > 0.1) positiveWords.push((negateLeft > 0 ? 'pas ' : '') + t);
      boost = 1;
    }
    if (negateLeft > 0) negateLeft--;
  }
  return { score: n ? sum / Math.sqrt(n * Math.max(1, n / 2)) : 0, negativeWords, positiveWords, negations };
}
