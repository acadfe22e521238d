/**
 * French text normalisation: typographic variants to one spelling (apostrophes, ligatures,
 * spaces, dashes), and accent folding kept apart from the surface form (a token keeps what was
 * written; matching may compare folded spellings).
 */

const NON_ASCII = /[^\x00-\x7f]/;

/** Removes diacritics, keeping case ("Préfète" → "Prefete"); ASCII text is returned as is. */
export function deaccent(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  // Latin-1 and Latin Extended-A through a table (several times faster than NFD on every
  // text); anything else (combining marks, other scripts) through NFD.
  const out = text.replace(LATIN_RE, (c) => LATIN_FOLD.get(c) ?? c);
  return NON_ASCII_MARKS.test(out) ? out.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : out;
}

const LATIN_RE = /[\u00c0-\u017f]/g;
const NON_ASCII_MARKS = /[\u0300-\u036f]|[\u1e00-\u1eff]/;
const LATIN_FOLD = new Map<string, string>();
for (let code = 0xc0; code <= 0x17f; code++) {
  const c = String.fromCharCode(code);
  const base = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  LATIN_FOLD.set(
    c,
    c === 'œ' ? 'oe' : c === 'Œ' ? 'OE' : c === 'æ' ? 'ae' : c === 'Æ' ? 'AE' : c === 'ß' ? 'ss' : base,
  );
}

/** Removes diacritics and lower-cases ("Préfète" → "prefete"). */
export function foldAccents(text: string): string {
  return deaccent(text).toLowerCase();
}

/** True when a string holds a letter with a diacritic (or œ/æ), i.e. folding changes it. */
export function hasAccent(text: string): boolean {
  return NON_ASCII.test(text) && deaccent(text) !== text;
}

// Typographic apostrophes and quotes, compatibility ligatures (ﬁ, ﬂ…), odd spaces and dashes:
// feeds write « l’emporte », « l'emporte » and « lʼemporte » for one word.
/** Characters normalisation removes or expands (the others are replaced one for one). */
const RESIZING = /[\u200b\u200c\u200d\u2060\ufeff\u00ad\ufb00-\ufb06]/;
const ODD =
  /[\u2018\u2019\u02bc\u02bb\u0060\u00b4\u2032\uff07\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000\u2010\u2011\u200b\u200c\u200d\u2060\ufeff\u00ad\ufb00-\ufb06]/;

/**
 * One spelling for the typographic variants of French text: apostrophes (’ ‘ ʼ ´ `) → ',
 * non-breaking and thin spaces → space, non-breaking hyphens → -, soft hyphens and zero-width
 * characters removed, ligatures ﬁ ﬂ ﬀ → letters (œ and æ are letters of French and stay).
 * Same length as the input except where zero-width characters or ligatures were (see
 * `normalizeWithOffsets` to map positions back).
 */
export function normalizeText(text: string): string {
  if (!ODD.test(text)) return text;
  return text.replace(ODD_ALL, (c) => ODD_MAP.get(c) ?? c.normalize('NFKC'));
}

const ODD_ALL = new RegExp(ODD.source, 'g');
/** What each odd character becomes (ligatures, absent here, go through NFKC). */
const ODD_MAP = new Map<string, string>();
for (const c of '\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\uff07') ODD_MAP.set(c, "'");
for (const c of '\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000') ODD_MAP.set(c, ' ');
for (const c of '\u2010\u2011') ODD_MAP.set(c, '-');
for (const c of '\u200b\u200c\u200d\u2060\ufeff\u00ad') ODD_MAP.set(c, '');

/**
 * normalizeText with, for each character of the result, its position in the input, so that a
 * token found in the normalised text can point at what was written.
 */
export function normalizeWithOffsets(text: string): { text: string; offsets: number[] | null } {
  if (!ODD.test(text)) return { text, offsets: null };
  // Apostrophes, spaces and dashes are replaced one for one: positions do not move.
  if (!RESIZING.test(text)) return { text: normalizeText(text), offsets: null };
  let out = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const n = normalizeText(c);
    for (let k = 0; k < n.length; k++) offsets.push(i);
    out += n;
  }
  offsets.push(text.length);
  return { text: out, offsets };
}
