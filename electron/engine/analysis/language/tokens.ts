/**
 * French word tokens with their offsets in the text as written, their sentence and clause.
 * Apostrophes are normalised first (« l’emporte » = « l'emporte »); an elided particle (l', d',
 * qu', jusqu'…) is its own token, while words that contain an apostrophe (aujourd'hui,
 * quelqu'un, presqu'île) or a hyphen (Jean-Luc, ferme-la, week-end) stay whole.
 */
import { deaccent, normalizeWithOffsets } from './normalize';

/** One word or number of a text. */
export interface Token {
  /** As written (typographic apostrophes normalised to '). */
  surface: string;
  /** Lower-cased, accents kept ("réélu"). */
  lower: string;
  /** Lower-cased and accent-folded ("reelu"). */
  fold: string;
  /** Offsets in the original text: text.slice(start, end) is what was written. */
  start: number;
  end: number;
  /** Starts with a capital letter. */
  capital: boolean;
  /** Written in capitals only, at least two letters ("SNCF", "CGT"). */
  allCaps: boolean;
  /** A number ("2022", "49.3", "1er"). */
  number: boolean;
  /** An elided particle ("l'", "d'", "qu'"). */
  elided: boolean;
  /** Index of the sentence (0-based) and of the clause across the whole text. */
  sentence: number;
  clause: number;
  /** First word of its sentence (its capital is convention, not a name). */
  sentenceStart: boolean;
}

// Letters, digits and inner apostrophes / hyphens / dots between digits; \p{M} keeps combining
// accents inside the word. Other characters separate words.
const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:(?:['-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

/** Elided particles split off the word they precede ("l'emporte" → "l'" + "emporte"). */
const ELIDED = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);
/** Words with an apostrophe that are one word. */
const APOSTROPHE_WORDS =
  /^(aujourd'hui|quelqu'une?s?|presqu'[iî]les?|prud'hom\w*|entr'\w+|main-d'[oœ]euvre|c'est-à-dire)$/i;

/** Sentence ends: . ! ? … (one or more), and line breaks. */
const SENTENCE_END = /[.!?…]+|\n+/g;
/** Abbreviations whose dot ends no sentence. */
const ABBREVIATIONS = new Set([
  'm',
  'mm',
  'mme',
  'mmes',
  'mlle',
  'dr',
  'pr',
  'me',
  'st',
  'ste',
  'cf',
  'etc',
  'av',
  'bd',
  'n°',
  'no',
  'p',
  'vol',
  'art',
  'gal',
  'gén',
  'mgr',
]);
/** Clause breaks inside a sentence. */
const CLAUSE_BREAK = /[,;:()«»"“”\u2013\u2014[\]|/]|\s-\s/g;

/** Kinds of boundary positions: sentence end, clause break. */
function boundaries(text: string): { sentences: number[]; clauses: number[] } {
  const sentences: number[] = [];
  for (const m of text.matchAll(SENTENCE_END)) {
    const at = m.index!;
    if (m[0] === '.') {
      // "M. Macron", "J. K. Rowling", "49.3" (no space after): no sentence end.
      const before = /([\p{L}°]+)$/u.exec(text.slice(Math.max(0, at - 6), at))?.[1] ?? '';
      if (before.length === 1 && /\p{Lu}/u.test(before)) continue;
      if (ABBREVIATIONS.has(before.toLowerCase())) continue;
      const next = text.charCodeAt(at + 1);
      if (next && next !== 32 && next !== 10 && next !== 34 && next !== 171 && next !== 187) continue;
    }
    sentences.push(at + m[0].length);
  }
  const clauses: number[] = [];
  for (const m of text.matchAll(CLAUSE_BREAK)) clauses.push(m.index!);
  return { sentences, clauses };
}

/** Tokenises a text (see Token). Offsets point into `text` as given. */
export function tokenize(text: string): Token[] {
  const norm = normalizeWithOffsets(text);
  const t = norm.text;
  const at = (i: number) => (norm.offsets ? norm.offsets[i]! : i);
  const { sentences, clauses } = boundaries(t);
  const out: Token[] = [];
  let s = 0,
    c = 0,
    sentence = 0,
    clause = 0,
    lastSentence = -1;
  const push = (surface: string, from: number, elided: boolean) => {
    while (s < sentences.length && sentences[s]! <= from) {
      s++;
      sentence++;
      clause++;
    }
    while (c < clauses.length && clauses[c]! < from) {
      c++;
      if (out.length && out[out.length - 1]!.clause === clause) clause++;
    }
    const lower = surface.toLowerCase();
    const first = surface.codePointAt(0)!;
    const number = first >= 48 && first <= 57;
    const letters = surface.replace(/[^\p{L}]/gu, '');
    out.push({
      surface,
      lower,
      fold: deaccent(lower),
      start: at(from),
      end: at(from + surface.length - 1) + 1,
      capital: !number && letters.length > 0 && letters[0] !== letters[0]!.toLowerCase(),
      allCaps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      number,
      elided,
      sentence,
      clause,
      sentenceStart: sentence !== lastSentence,
    });
    lastSentence = sentence;
  };
  for (const m of t.matchAll(WORD_RE)) {
    let word = m[0];
    let from = m.index!;
    // Split elided particles off the front ("qu'il", "l'emporte", "jusqu'à"), one at a time.
    for (let q = word.indexOf("'"); q > 0 && !APOSTROPHE_WORDS.test(word); q = word.indexOf("'")) {
      const head = word.slice(0, q);
      if (!ELIDED.has(head.toLowerCase())) break;
      push(word.slice(0, q + 1), from, true);
      word = word.slice(q + 1);
      from += q + 1;
    }
    if (word) push(word, from, false);
  }
  return out;
}

/** Sentence spans of a text (offsets into it), for quoting evidence. */
export function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const norm = normalizeWithOffsets(text);
  const at = (i: number) => (norm.offsets ? norm.offsets[i]! : i);
  const spans: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (const end of [...boundaries(norm.text).sentences, norm.text.length]) {
    const slice = norm.text.slice(from, end);
    const lead = slice.length - slice.trimStart().length;
    if (slice.trim()) spans.push({ start: at(from + lead), end: at(end - (slice.length - slice.trimEnd().length)) });
    from = end;
  }
  return spans;
}
