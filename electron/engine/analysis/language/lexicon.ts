/**
 * Exact lexicon matching on French tokens: words and multi-word phrases matched on their forms
 * or lemmas, never on prefixes ("pédé" does not match "pédestre", "sûr" does not match "sur",
 * "ferme-la" does not match "ferme la porte"). A pattern word matches a token written the same
 * way or having it as a lemma ("critiquer" matches "critiquent", "critique"); `=word` matches
 * that form only. Patterns are tokenised like the texts, so « l’emporte » is "l'" + "emporte".
 */
import { foldAccents } from './normalize';
import { readings } from './lemma-table';
import { tokenize, type Token } from './tokens';

/** One word of a compiled pattern. */
interface PatternWord {
  lower: string;
  fold: string;
  /** Form only (`=word`): no lemma reading. */
  exact: boolean;
}

/** A compiled entry. */
interface Entry<T> {
  pattern: string;
  words: PatternWord[];
  value: T;
}

/** A compiled lexicon (see compileLexicon). */
export interface PhraseLexicon<T> {
  /** Entries by their first word, lower-cased as written. */
  readonly byWord: Map<string, Entry<T>[]>;
  /** The same by the first word accent-folded (texts that lost their accents). */
  readonly byFold: Map<string, Entry<T>[]>;
  readonly size: number;
}

/** One match: tokens [start, end) of the text, the pattern as given and its value. */
export interface PhraseHit<T> {
  start: number;
  end: number;
  pattern: string;
  value: T;
}

/** Matching options. */
export interface MatchOptions {
  /**
   * Compare accent-folded spellings too. Default: when the text holds no accented letter at all
   * and has at least 8 words (its accents were stripped; a shorter text may just have none).
   */
  accentless?: boolean;
  /** Every hit, overlapping ones included. Default false: leftmost-longest, no overlap. */
  all?: boolean;
}

const add = <T>(map: Map<string, Entry<T>[]>, key: string, e: Entry<T>) => {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
};

/** Compiles [pattern, value] pairs; a pattern is one or more words (`=word`: that form only). */
export function compileLexicon<T>(entries: Iterable<readonly [string, T]>): PhraseLexicon<T> {
  const byWord = new Map<string, Entry<T>[]>();
  const byFold = new Map<string, Entry<T>[]>();
  let size = 0;
  for (const [pattern, value] of entries) {
    const words: PatternWord[] = [];
    for (const raw of pattern.trim().split(/\s+/)) {
      const exact = raw.startsWith('=');
      for (const t of tokenize(exact ? raw.slice(1) : raw)) words.push({ lower: t.lower, fold: t.fold, exact });
    }
    if (!words.length) continue;
    const e: Entry<T> = { pattern, words, value };
    add(byWord, words[0]!.lower, e);
    add(byFold, words[0]!.fold, e);
    size++;
  }
  return { byWord, byFold, size };
}

/** True when a pattern word matches a token. */
function wordMatches(w: PatternWord, t: Token, accentless: boolean): boolean {
  if (t.lower === w.lower || (accentless && t.fold === w.fold)) return true;
  if (w.exact) return false;
  for (const r of readings(t.lower)) {
    if (r.lemma === w.lower) return true;
    if (accentless && foldAccents(r.lemma) === w.fold) return true;
  }
  return false;
}

/** The entries a token may start: by its form, by its lemmas, folded when accentless. */
function candidates<T>(lex: PhraseLexicon<T>, t: Token, accentless: boolean, out: Set<Entry<T>>): void {
  out.clear();
  const take = (list: Entry<T>[] | undefined) => {
    if (list) for (const e of list) out.add(e);
  };
  take(lex.byWord.get(t.lower));
  if (accentless) take(lex.byFold.get(t.fold));
  for (const r of readings(t.lower)) {
    if (r.lemma === t.lower) continue;
    take(lex.byWord.get(r.lemma));
    if (accentless) take(lex.byFold.get(foldAccents(r.lemma)));
  }
}

/** The default of MatchOptions.accentless for a text's tokens. */
export function looksAccentless(tokens: readonly Token[]): boolean {
  if (tokens.length < 8) return false;
  for (const t of tokens) if (t.lower !== t.fold) return false;
  return true;
}

/** Finds the lexicon's entries in a text's tokens (see MatchOptions). Phrases stay inside one clause. */
export function matchLexicon<T>(
  lex: PhraseLexicon<T>,
  tokens: readonly Token[],
  options: MatchOptions = {},
): PhraseHit<T>[] {
  const accentless = options.accentless ?? looksAccentless(tokens);
  const hits: PhraseHit<T>[] = [];
  const found = new Set<Entry<T>>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    candidates(lex, t, accentless, found);
    let best: PhraseHit<T> | null = null;
    for (const e of found) {
      const n = e.words.length;
      if (i + n > tokens.length || !wordMatches(e.words[0]!, t, accentless)) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) {
        const u = tokens[i + k]!;
        ok = u.clause === t.clause && wordMatches(e.words[k]!, u, accentless);
      }
      if (!ok) continue;
      const hit = { start: i, end: i + n, pattern: e.pattern, value: e.value };
      if (options.all) hits.push(hit);
      else if (!best || n > best.end - best.start) best = hit;
    }
    if (best) {
      hits.push(best);
      i = best.end - 1;
    }
  }
  return hits;
}
