/**
 * Words of a text for place matching: split at spaces, hyphens and apostrophes ("Saint-Denis" =
 * saint + denis, "d'Orange" = d + orange), each with its offsets, its capital, whether it starts
 * a sentence (its capital is convention there) and the punctuation before and after it.
 */

/** One word. */
export interface PlaceWord {
  /** As written. */
  surface: string;
  /** Lower-cased, accents kept. */
  lower: string;
  /** Lower-cased, accent-folded, œ/æ spelled out, "st"/"ste" as "saint"/"sainte". */
  fold: string;
  start: number;
  end: number;
  capital: boolean;
  allCaps: boolean;
  /** Joined to the previous word by a hyphen or an apostrophe (one written token). */
  joined: boolean;
  /** First word of a sentence, a quotation or a parenthesis: its capital proves nothing. */
  sentenceStart: boolean;
  /** Non-space characters between the previous word and this one (":", ",", "(", "«"…). */
  before: string;
  /** Non-space characters up to the next word. */
  after: string;
  number: boolean;
}

const APOSTROPHES = /[’‘ʼ`´]/g;

/** Folded spellings already computed (words repeat: names, feeds); cleared when full. */
const foldCache = new Map<string, string>();
/** Distinct words kept in foldCache at most (~10 MB). */
const MAX_FOLDS = 200_000;

const ASCII_LOWER = /^[a-z0-9]*$/;

/** Accent-folded lower case ("Île" → "ile"); pure ASCII lower-case words are returned as they are. */
export function foldWord(s: string): string {
  let f = foldCache.get(s);
  if (f !== undefined) return f;
  f = ASCII_LOWER.test(s)
    ? s
    : s.toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').normalize('NFD').replace(/\p{M}/gu, '');
  if (foldCache.size >= MAX_FOLDS) foldCache.clear();
  foldCache.set(s, f);
  return f;
}

/** Punctuation after which the next capital is convention: sentence ends, quotes, brackets, dashes. */
const SENTENCE_BREAK = /[.!?…]$|[«"“(\[]$|^[«"“(\[]|^[-–—|]$/;

const ABBREV = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['sts', 'saints'],
  ['stes', 'saintes'],
]);

/** Characters of a word (letters, combining marks, digits). */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const isWordCode = (c: number) =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 57) ||
  (c > 127 && WORD_CHAR.test(String.fromCharCode(c)));

/** Non-space characters of a gap ("  :  " → ":"). */
const squeeze = (gap: string) => (gap === ' ' || gap === '' ? '' : gap.replace(/\s+/g, ''));

/**
 * The words of a text, built on demand: offsets are found in one pass, a word's details only
 * when a rule reads it (most words of a text are never looked at).
 */
export class PlaceText {
  readonly text: string;
  readonly length: number;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly built: Array<PlaceWord | undefined> = [];

  constructor(input: string) {
    const text = input.replace(APOSTROPHES, "'");
    this.text = text;
    let i = 0;
    const n = text.length;
    while (i < n) {
      while (i < n && !isWordCode(text.charCodeAt(i))) i++;
      if (i >= n) break;
      const start = i;
      while (i < n && isWordCode(text.charCodeAt(i))) i++;
      this.starts.push(start);
      this.ends.push(i);
    }
    this.length = this.starts.length;
  }

  /** True when word `i` starts with a capital (cheap: no word built). */
  capitalAt(i: number): boolean {
    const c = this.text.charCodeAt(this.starts[i]!);
    if (c < 128) return c >= 65 && c <= 90;
    const ch = String.fromCharCode(c);
    return ch !== ch.toLowerCase();
  }

  /** Last character code of word `i` (cheap). */
  lastCodeAt(i: number): number {
    return this.text.charCodeAt(this.ends[i]! - 1);
  }

  /** Length of word `i` in UTF-16 units (cheap). */
  lengthAt(i: number): number {
    return this.ends[i]! - this.starts[i]!;
  }

  /** Word `i` as written (cheap). */
  surfaceAt(i: number): string {
    return this.text.slice(this.starts[i]!, this.ends[i]!);
  }

  /** Word `i` with its details, or undefined out of range. */
  get(i: number): PlaceWord | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const done = this.built[i];
    if (done) return done;
    const { text } = this;
    const start = this.starts[i]!,
      end = this.ends[i]!;
    const prevEnd = i > 0 ? this.ends[i - 1]! : 0;
    const gap = text.slice(prevEnd, start);
    const joined = i > 0 && (gap === '-' || gap === "'");
    const before = joined ? gap : squeeze(gap);
    const after = i + 1 < this.length ? squeeze(text.slice(end, this.starts[i + 1]!)) : squeeze(text.slice(end));
    const sentenceStart = !joined && (i === 0 || (before !== '' && SENTENCE_BREAK.test(before)) || gap.includes('\n'));
    const surface = text.slice(start, end);
    const capital = this.capitalAt(i);
    const lower = capital ? surface.toLowerCase() : surface;
    const f = foldWord(lower);
    const c0 = surface.charCodeAt(0);
    const w: PlaceWord = {
      surface,
      lower,
      fold: ABBREV.get(f) ?? f,
      start,
      end,
      capital,
      allCaps: capital && surface.length >= 2 && surface === surface.toUpperCase() && surface !== lower,
      joined,
      sentenceStart,
      before,
      after,
      number: c0 >= 48 && c0 <= 57,
    };
    this.built[i] = w;
    return w;
  }
}

/** Separators of a name's words: anything but letters, marks and digits. */
const NAME_SPLIT = /[^\p{L}\p{M}\p{N}]+/u;

/** Folded words of a name, split like a text ("L'Île-d'Yeu" → l ile d yeu). */
export function nameKeyWords(name: string): string[] {
  const out: string[] = [];
  for (const w of name.split(NAME_SPLIT)) {
    if (!w) continue;
    const f = foldWord(w);
    out.push(ABBREV.get(f) ?? f);
  }
  return out;
}
