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

/** Computes the tone of folded tokens (see foldedTokens). */
export function computeTone(tokens: readonly string[], extra?: ReadonlyMap<string, number>): Tone {
  const pol = wordPolarity();
  let sum = 0, n = 0, negations = 0;
  let negateLeft = 0, boost = 1, sawNe = -10;
  const negativeWords: string[] = [], positiveWords: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'ne' || t === 'n') { sawNe = i; continue; }
    if (NEGATORS.has(t) && (!NE_ONLY.has(t) || i - sawNe <= 3)) { negateLeft = 3; negations++; continue; }
    const mult = INTENSIFIERS.get(t);
    if (mult !== undefined) { boost *= mult; continue; }
    const p = extra?.get(t) ?? pol.get(t);
    if (p !== undefined) {
      // A negated positive is clearly negative; a negated negative is only mildly positive.
      let v = Math.max(-1, Math.min(1, p * boost));
      if (negateLeft > 0) v = v > 0 ? -v : -v * 0.5;
      sum += v; n++;
      if (v < -0.1) negativeWords.push((negateLeft > 0 ? 'pas ' : '') + t);
      else if (v > 0.1) positiveWords.push((negateLeft > 0 ? 'pas ' : '') + t);
      boost = 1;
    }
    if (negateLeft > 0) negateLeft--;
  }
  return { score: n ? sum / Math.sqrt(n * Math.max(1, n / 2)) : 0, negativeWords, positiveWords, negations };
}
