/**
 * The French language core shared by every signal (stories, controversy, infox, places):
 * normalisation, tokens with offsets, sentences and clauses, Lefff lemmas, exact lexicon
 * matching on forms and lemmas, proper-name spans. See docs/language.md.
 */
import { lemmaOf } from './lemma-table';
import { nameSpans, type NameOptions, type NameSpan } from './names';
import { tokenize, type Token } from './tokens';

export { deaccent, foldAccents, hasAccent, normalizeText } from './normalize';
export { tokenize, sentenceSpans, type Token } from './tokens';
export {
  readings,
  lemmaOf,
  foldedLemmaOf,
  hasLemma,
  isCommonWord,
  isOnlyProperNoun,
  type LemmaReading,
} from './lemma-table';
export {
  compileLexicon,
  matchLexicon,
  looksAccentless,
  type PhraseLexicon,
  type PhraseHit,
  type MatchOptions,
} from './lexicon';
export {
  nameSpans,
  registerPlaceLookup,
  type NameSpan,
  type NameKind,
  type NameOptions,
  type PlaceLookup,
  type PlaceMatch,
} from './names';

/** A text analysed once for every signal: its tokens, their lemmas and its proper names. */
export interface FrenchText {
  text: string;
  tokens: Token[];
  /** Lemma of each token (a name inside a sentence keeps its form: "Paris" is not "pari"); computed on first access. */
  readonly lemmas: string[];
  /** Proper names (computed on first access). */
  readonly names: NameSpan[];
}

let last: FrenchText | null = null;

/**
 * Tokens, lemmas and names of a text. The last text is kept: the signals of one item read the
 * same text in turn. `names` options apply to the first call for a text.
 */
export function analyzeFrench(text: string, nameOptions?: NameOptions): FrenchText {
  if (last && last.text === text) return last;
  const tokens = tokenize(text);
  let lemmas: string[] | null = null;
  let names: NameSpan[] | null = null;
  const out: FrenchText = {
    text,
    tokens,
    get lemmas() {
      return (lemmas ??= tokens.map((t) => (t.number ? t.lower : lemmaOf(t.lower, t.capital && !t.initial))));
    },
    get names() {
      return (names ??= nameSpans(tokens, nameOptions));
    },
  };
  last = out;
  return out;
}
