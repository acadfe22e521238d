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
  /** First word of its sentence. */
  sentenceStart: boolean;
  /**
   * Capitalised by convention when capitalised: first word of its sentence, or after a colon, a
   * dash, an opening quote or bracket ("Retraites : Les syndicats…", "« Nous… »").
   */
  initial: boolean;
}

const folds = new Map<string, string>();
/** deaccent of a lower-cased word, cached for the non-ASCII ones (a day's vocabulary is small). */
function fold(lower: string): string {
  let f = folds.get(lower);
  if (f === undefined) {
    f = deaccent(lower);
    if (f === lower) return f;
    if (folds.size >= 100_000) folds.clear();
    folds.set(lower, f);
  }
  return f;
}

/** Elided particles split off the word they precede ("l'emporte" → "l'" + "emporte"). */
const ELIDED = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);
/** Words with an apostrophe that are one word. */
const APOSTROPHE_WORDS =
  /^(aujourd'hui|quelqu'une?s?|presqu'[iî]les?|prud'hom\w*|entr'\w+|main-d'[oœ]euvre|c'est-à-dire)$/i;

/** Abbreviations whose dot ends no sentence. */
const ABBREVIATIONS = new Set('m mm mme mmes mlle dr pr me st ste cf etc av bd n° no p vol art gal gén mgr'.split(' '));
const OTHER_WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** True for a character that belongs to words: letters, digits, combining marks (Latin by table, the rest by regex). */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c < 0x250) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7;
  if (c >= 0x300 && c <= 0x36f) return true;
  return OTHER_WORD_CHAR.test(String.fromCharCode(c));
}
const isDigit = (c: number) => c >= 48 && c <= 57;

/** True when a capitalised word has a second letter and no lower-case letter ("SNCF", "CGT", "G7" is not). */
function isAllCaps(surface: string, lower: string): boolean {
  let letters = 0;
  for (let k = 0; k < surface.length; k++) {
    const c = surface.charCodeAt(k);
    if (c === lower.charCodeAt(k)) {
      // Unchanged by lower-casing: a digit, a sign, or a lower-case letter.
      if ((c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7)) return false;
    } else letters++;
  }
  return letters >= 2;
}

/** Clause breaks that open what follows (a capital after them is convention): : ( « " “ – — [ and " - ". */
const OPENING = new Set([58, 40, 171, 34, 8220, 8211, 8212, 91]);
/** Clause breaks that close or separate: , ; ) » ” ] | /. */
const CLOSING = new Set([44, 59, 41, 187, 8221, 93, 124, 47]);

/**
 * Tokenises a text (see Token) in one pass over its characters: words are runs of letters and
 * digits with inner apostrophes, hyphens, and dots or commas between digits (49.3, 6,8). Offsets
 * point into `text` as given. Sentences end at . ! ? … or a line break, not at the dot of "M.",
 * of an initial ("J. K.") or of a dot followed by no space; clauses also break at , ; : ( ) « »
 * " — – [ ] | / and " - ".
 */
export function tokenize(text: string): Token[] {
  const norm = normalizeWithOffsets(text);
  const t = norm.text,
    n = t.length;
  const at = norm.offsets ? (i: number) => norm.offsets![i]! : (i: number) => i;
  const out: Token[] = [];
  let sentence = 0,
    clause = 0,
    sentenceStart = true,
    initial = true;
  const push = (surface: string, from: number, elided: boolean) => {
    const lower = surface.toLowerCase();
    const first = surface.charCodeAt(0);
    const number = isDigit(first);
    const capital = !number && surface[0] !== lower[0];
    out.push({
      surface,
      lower,
      fold: fold(lower),
      start: at(from),
      end: at(from + surface.length - 1) + 1,
      capital,
      allCaps: capital && surface.length >= 2 && isAllCaps(surface, lower),
      number,
      elided,
      sentence,
      clause,
      sentenceStart,
      initial,
    });
    sentenceStart = false;
    initial = false;
  };
  const breakClause = (opening: boolean) => {
    if (out.length && out[out.length - 1]!.clause === clause) clause++;
    if (opening) initial = true;
  };
  const endSentence = () => {
    if (out.length && out[out.length - 1]!.sentence === sentence) {
      sentence++;
      clause++;
    }
    sentenceStart = initial = true;
  };
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < n) {
        const d = t.charCodeAt(j);
        if (isWordChar(d)) j++;
        else if ((d === 39 || d === 45) && j + 1 < n && isWordChar(t.charCodeAt(j + 1))) j += 2;
        else if ((d === 46 || d === 44) && isDigit(t.charCodeAt(j - 1)) && j + 1 < n && isDigit(t.charCodeAt(j + 1)))
          j += 2;
        else break;
      }
      let word = t.slice(i, j),
        from = i;
      // Elided particles come off the front ("qu'il", "l'emporte", "jusqu'à"), one at a time.
      for (let q = word.indexOf("'"); q > 0 && !APOSTROPHE_WORDS.test(word); q = word.indexOf("'")) {
        if (!ELIDED.has(word.slice(0, q).toLowerCase())) break;
        push(word.slice(0, q + 1), from, true);
        word = word.slice(q + 1);
        from += q + 1;
      }
      if (word) push(word, from, false);
      i = j;
      continue;
    }
    if (c === 46) {
      // "M. Macron", "J. K. Rowling", "Video.Garorock": no sentence end.
      const next = i + 1 < n ? t.charCodeAt(i + 1) : 32;
      const prev = out[out.length - 1];
      const abbreviation =
        prev !== undefined &&
        at(i) === prev.end &&
        ((prev.surface.length === 1 && prev.capital) || ABBREVIATIONS.has(prev.lower));
      if (!abbreviation && (next === 32 || next === 10 || next === 34 || next === 171 || next === 187 || i + 1 >= n))
        endSentence();
    } else if (c === 33 || c === 63 || c === 8230 || c === 10) endSentence();
    else if (OPENING.has(c)) breakClause(true);
    else if (CLOSING.has(c)) breakClause(false);
    else if (c === 45 && t.charCodeAt(i - 1) === 32 && t.charCodeAt(i + 1) === 32) breakClause(true);
    i++;
  }
  return out;
}

/** Sentence spans of a text (offsets into it: first word to last word and its end mark), for quoting evidence. */
export function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (const tok of tokenize(text)) {
    const last = spans[spans.length - 1];
    if (tok.sentenceStart || !last) spans.push({ start: tok.start, end: tok.end });
    else last.end = tok.end;
  }
  for (const sp of spans) {
    const mark = /^[.!?…]+/.exec(text.slice(sp.end));
    if (mark) sp.end += mark[0].length;
  }
  return spans;
}
