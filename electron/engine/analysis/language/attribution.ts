/**
 * Reported speech and who speaks: a verb of saying or judging with its subject ("l'opposition
 * dénonce…", « … », affirme le ministre), "selon X" / "d'après X", a quotation introduced by a
 * name and a colon ("Darmanin : « … »"), and an infinitive report with no speaker ("Dire que…").
 * Each cue governs part of its sentence; scope.ts marks those tokens as reported.
 */
import type { Token } from './tokens';
import { readings } from './lemma-table';
import { readsAs } from './reads-as';

/** A reporting cue and its speaker (tokens [start, end) of the text, or null when unnamed). */
export interface ReportCue {
  /** Token index of the cue (the verb, "selon", or the first quoted token). */
  at: number;
  kind: 'say' | 'according' | 'quote';
  /** The cue's lemma ("dénoncer", "selon", "«"). */
  cue: string;
  speaker: { start: number; end: number; text: string } | null;
}

/**
 * Verbs that report what someone says or thinks (lemmas). Criticism verbs are here too: "les
 * syndicats dénoncent un passage en force" reports the unions' words.
 */
export const SAY_VERBS: ReadonlySet<string> = new Set(
  `dire affirmer déclarer assurer estimer juger considérer penser croire écrire tweeter expliquer indiquer
annoncer prétendre soutenir clamer marteler répéter rappeler souligner ajouter lancer réagir répondre confier
avouer reconnaître admettre promettre prévenir avertir alerter regretter déplorer dénoncer fustiger accuser
critiquer reprocher indigner insurger protester réclamer exiger qualifier traiter taxer raconter témoigner
révéler dévoiler confirmer démentir nier réfuter contester s'inquiéter inquiéter interpeller étriller tacler
épingler railler blâmer condamner brocarder égratigner éreinter vilipender pourfendre sermonner recadrer
mettre fustiger accuser saluer féliciter applaudir remercier`
    .split(/\s+/)
    .filter(Boolean),
);

/** Determiners and possessives: a word after one is a noun. */
const DETERMINERS = new Set([
  'le',
  'la',
  'les',
  "l'",
  'un',
  'une',
  'des',
  'du',
  'son',
  'sa',
  'ses',
  'leur',
  'leurs',
  'ce',
  'cette',
  'ces',
]);

/** Words that are no part of a speaker ("l'opposition a aussitôt dénoncé": a, aussitôt). */
const NOT_SPEAKER = new Set(
  `a ont avait avaient aura a-t-il se s' s’ lui leur y en ne n' pas aussi aussitôt déjà encore également
vivement fermement publiquement ouvertement mardi lundi mercredi jeudi vendredi samedi dimanche hier qui si
ne n' cesse`.split(/\s+/),
);

/** Where the sentence of token i ends (exclusive). */
function sentenceEnd(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k < tokens.length && tokens[k]!.sentence === tokens[i]!.sentence) k++;
  return k;
}

/** The first token of token i's sentence. */
function sentenceStart(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k > 0 && tokens[k - 1]!.sentence === tokens[i]!.sentence) k--;
  return k;
}

/** Parts of speech a speaker's words may have (nouns, adjectives, names, determiners, pronouns). */
const SPEAKER_POS = new Set(['nc', 'adj', 'np', 'det', 'pro', 'prep', 'cl']);

/** True when a word can belong to a noun phrase: a name, an unknown word, or a reading that is no verb. */
function nominal(t: Token): boolean {
  if (t.capital || t.number) return true;
  const rs = readings(t.lower);
  return !rs.length || rs.some((r) => SPEAKER_POS.has(r.pos));
}

/** The speaker: the noun phrase opening tokens [from, to), with its text as written; null when none. */
function speakerSpan(tokens: readonly Token[], text: string, from: number, to: number): ReportCue['speaker'] {
  while (from < to && NOT_SPEAKER.has(tokens[from]!.lower)) from++;
  let end = from;
  while (end < to && !NOT_SPEAKER.has(tokens[end]!.lower) && nominal(tokens[end]!)) end++;
  to = end;
  // A speaker is a short noun phrase; a long run is a clause, not a subject.
  if (from >= to || to - from > 7) return null;
  return { start: from, end: to, text: text.slice(tokens[from]!.start, tokens[to - 1]!.end) };
}

/** Marks tokens [from, to) as reported by cue c, where no other cue already governs them. */
function govern(reportedBy: Int16Array, from: number, to: number, c: number): void {
  for (let k = Math.max(0, from); k < to && k < reportedBy.length; k++) if (reportedBy[k]! < 0) reportedBy[k] = c;
}

/** Finds the reporting cues of a text and marks what each governs in `reportedBy`. */
export function reportCues(
  tokens: readonly Token[],
  lemmas: readonly string[],
  text: string,
  quoted: Uint8Array,
  reportedBy: Int16Array,
): ReportCue[] {
  const cues: ReportCue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const lemma = lemmas[i]!;
    const sStart = sentenceStart(tokens, i),
      sEnd = sentenceEnd(tokens, i);
    if ((t.lower === 'selon' || (t.lower === 'après' && tokens[i - 1]?.lower === "d'")) && !quoted[i]) {
      // "selon l'opposition, le gouvernement a menti" / "le gouvernement a menti, selon l'opposition".
      let k = i + 1;
      while (k < sEnd && tokens[k]!.clause === tokens[i + 1]?.clause) k++;
      const c = cues.push({ at: i, kind: 'according', cue: 'selon', speaker: speakerSpan(tokens, text, i + 1, k) }) - 1;
      if (k < sEnd) govern(reportedBy, k, sEnd, c);
      govern(reportedBy, sStart, t.lower === 'après' ? i - 1 : i, c);
      continue;
    }
    if (quoted[i] || !readsAs(SAY_VERBS, t.lower, lemma)) continue;
    // After a determiner the word is a noun ("les critiques du ministre"), not a verb of saying.
    if (DETERMINERS.has(tokens[i - 1]?.lower ?? '')) continue;
    const startsSentence = i === sStart || (i === sStart + 1 && tokens[sStart]!.lower === 'en');
    // "Dire que vous …" / "Affirmer que …": a report with no speaker, governing the sentence.
    if (startsSentence && /(?:er|ir|re)$/.test(t.lower)) {
      const c = cues.push({ at: i, kind: 'say', cue: lemma, speaker: null }) - 1;
      govern(reportedBy, i + 1, sEnd, c);
      continue;
    }
    // The subject is the run before the verb in its clause; after a quotation the speaker follows
    // the verb (« … », affirme le ministre).
    let from = i;
    while (from > sStart && tokens[from - 1]!.clause === t.clause && !quoted[from - 1]) from--;
    let speaker = speakerSpan(tokens, text, from, i);
    if (!speaker && i > sStart && quoted[i - 1]) {
      let k = i + 1;
      while (k < sEnd && tokens[k]!.clause === t.clause) k++;
      speaker = speakerSpan(tokens, text, i + 1, k);
    }
    const c = cues.push({ at: i, kind: 'say', cue: lemma, speaker }) - 1;
    govern(reportedBy, i + 1, sEnd, c);
    if (speaker && speaker.start > i) govern(reportedBy, sStart, i, c);
  }
  // A quotation no verb introduced: "Darmanin : « on ne cédera pas »" names its speaker before the colon.
  for (let i = 0; i < tokens.length; i++) {
    if (!quoted[i] || (i > 0 && quoted[i - 1]) || reportedBy[i]! >= 0) continue;
    let end = i;
    while (end < tokens.length && quoted[end]) end++;
    let speaker: ReportCue['speaker'] = null;
    if (
      i > 0 &&
      /:\s*$/.test(
        text
          .slice(tokens[i - 1]!.end, tokens[i]!.start)
          .replace(/[«“"\s]/g, ' ')
          .trimEnd(),
      )
    ) {
      const from = sentenceStart(tokens, i - 1);
      speaker = speakerSpan(tokens, text, from, i);
    }
    const c = cues.push({ at: i, kind: 'quote', cue: '«', speaker }) - 1;
    govern(reportedBy, i, end, c);
    i = end - 1;
  }
  return cues;
}
