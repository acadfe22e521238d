/**
 * What each word of a French text is asserted under: negation ("le ministre n'a pas menti", "ce
 * n'est pas un scandale", "sans polémique", "aucune bavure"), denial ("Non, X n'a pas…", "Faux :",
 * "X dément avoir menti"), reported speech and attribution ("X dénonce…", "selon l'opposition",
 * « … » with its speaker), questions and conditionals ("si vous dites…"). Shared by controversy
 * and infox: a word counts as the text's own assertion only when none of these applies.
 */
import type { Token } from './tokens';
import type { FrenchText } from './index';
import { reportCues, type ReportCue } from './attribution';
import { readsAs } from './reads-as';

export { readsAs } from './reads-as';

export type { ReportCue } from './attribution';

/** The scope of every token of a text (arrays indexed like its tokens). */
export interface Scope {
  /** 1 where the token is under a negation. */
  negated: Uint8Array;
  /** 1 where the token is inside a denial (a "Non, …" sentence, "Faux :", the object of démentir / nier). */
  denied: Uint8Array;
  /** 1 inside quotation marks. */
  quoted: Uint8Array;
  /** 1 in a sentence that ends with a question mark. */
  question: Uint8Array;
  /** 1 in a hypothetical clause ("si vous dites…", "au cas où"). */
  hypothetical: Uint8Array;
  /** Index into `cues` of the report governing the token, or -1 (the text's own voice). */
  reportedBy: Int16Array;
  /** Reporting cues found (verbs of saying, "selon", quotations), with their speakers. */
  cues: ReportCue[];
}

/** Negation particles that need "ne" before them in the clause ("plus" alone means "more"). */
const NE_PARTNERS = new Set([
  'pas',
  'plus',
  'jamais',
  'rien',
  'guère',
  'point',
  'personne',
  'aucun',
  'aucune',
  'nullement',
]);
/** Particles that negate on their own (spoken French drops "ne": "c'est pas un scandale"). */
const ALONE = new Set(['pas', 'jamais', 'aucun', 'aucune', 'nullement', 'guère']);
/** "pas seulement", "pas que", "non seulement": "not only" affirms what follows. */
const NOT_ONLY = new Set(['seulement', 'uniquement', 'que', "qu'", 'qu', 'simplement']);
/**
 * Verbs whose negation affirms what follows: "ne cesse de critiquer", "n'a pas hésité à
 * dénoncer", "n'a pas manqué de fustiger", "n'a pas empêché la polémique".
 */
const IMPLICATIVE = new Set(['cesser', 'hésiter', 'manquer', 'arrêter', 'empêcher', 'éviter', 'oublier', 'épargner']);
/** Verbs of denial: what they govern is denied ("X dément avoir menti", "nie toute faute"). */
const DENY_VERBS = new Set(['démentir', 'nier', 'réfuter', 'récuser', 'contredire']);
/** Words of a sentence-initial denial ("Non, …", "Faux : …", "Intox : …"). */
const DENIAL_HEADS = new Set(['non', 'faux', 'intox', 'fake']);
/** Conjunctions opening a hypothetical clause. */
const HYPOTHETICAL = new Set(['si', "s'"]);

/** Where the clause of token i ends (exclusive). */
function clauseEnd(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k < tokens.length && tokens[k]!.clause === tokens[i]!.clause) k++;
  return k;
}

/** Where the sentence of token i ends (exclusive). */
function sentenceEnd(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k < tokens.length && tokens[k]!.sentence === tokens[i]!.sentence) k++;
  return k;
}

/** Marks tokens [from, to) in an array. */
function mark(a: Uint8Array, from: number, to: number): void {
  for (let k = Math.max(0, from); k < to && k < a.length; k++) a[k] = 1;
}

/** Negation scopes: from the particle (or the "ne" before it) to the end of its clause, implicatives undone. */
function negations(tokens: readonly Token[], lemmas: readonly string[], negated: Uint8Array): void {
  let ne = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = t.lower;
    if (i > 0 && tokens[i - 1]!.clause !== t.clause) ne = -1;
    if (w === 'ne' || w === "n'") {
      ne = i;
      continue;
    }
    // "n'est-ce pas ?" asks for agreement: it affirms.
    if (ne >= 0 && (w === 'est-ce' || (w === 'ce' && lemmas[i - 1] === 'être')) && tokens[i + 1]?.lower === 'pas') {
      ne = -1;
      i++;
      continue;
    }
    const withNe = ne >= 0 && NE_PARTNERS.has(w);
    const alone = ALONE.has(w) || ((w === 'sans' || w === 'ni') && !NOT_ONLY.has(tokens[i + 1]?.lower ?? ''));
    if (!withNe && !alone) continue;
    if (NOT_ONLY.has(tokens[i + 1]?.lower ?? '') && w !== 'sans') continue;
    const end = w === 'sans' ? Math.min(clauseEnd(tokens, i), i + 5) : clauseEnd(tokens, i);
    // Spoken "c'est pas…", "j'ai pas menti": the verb before the particle is negated too.
    const from = withNe ? ne : w === 'pas' || w === 'jamais' ? Math.max(i - 1, 0) : i;
    // An implicative verb right after the particle affirms the rest: mark only up to it.
    let stop = end;
    for (let k = i + 1; k < Math.min(end, i + 4); k++)
      if (readsAs(IMPLICATIVE, tokens[k]!.lower, lemmas[k]!)) {
        stop = k + 1;
        break;
      }
    mark(negated, from, stop);
    ne = -1;
    i = Math.max(i, stop - 1);
  }
  // "tout sauf stupides": "sauf" after "tout" negates what follows.
  for (let i = 1; i + 1 < tokens.length; i++)
    if (tokens[i]!.lower === 'sauf' && tokens[i - 1]!.lower === 'tout')
      mark(negated, i + 1, Math.min(clauseEnd(tokens, i), i + 4));
  // "non" before a word ("non violent", "non-lieu" stays one token): negates that word only.
  for (let i = 0; i + 1 < tokens.length; i++)
    if (tokens[i]!.lower === 'non' && !tokens[i]!.sentenceStart && tokens[i + 1]!.clause === tokens[i]!.clause)
      if (tokens[i + 1]!.lower !== 'seulement' && tokens[i + 1]!.lower !== 'plus') negated[i + 1] = 1;
}

/** Denials: a sentence opened by "Non," / "Faux :", and what a verb of denial governs. */
function denials(tokens: readonly Token[], lemmas: readonly string[], text: string, denied: Uint8Array): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.sentenceStart && DENIAL_HEADS.has(t.lower)) {
      const next = tokens[i + 1];
      // "Non," / "Faux :" end their clause before the rest ("Non merci" does not).
      if (next && next.clause !== t.clause && /[,:]/.test(text.slice(t.end, next.start)))
        mark(denied, i, sentenceEnd(tokens, i));
    }
    if (readsAs(DENY_VERBS, t.lower, lemmas[i]!)) mark(denied, i + 1, clauseEnd(tokens, i));
  }
}

/** Tokens inside quotation marks (« », “ ”, and straight double quotes paired in order). */
function quotations(tokens: readonly Token[], text: string, quoted: Uint8Array): void {
  let depth = 0,
    straight = false,
    k = 0;
  for (let c = 0; c < text.length && k < tokens.length; c++) {
    while (k < tokens.length && tokens[k]!.start <= c) {
      if (depth > 0 || straight) quoted[k] = 1;
      k++;
    }
    const ch = text[c];
    if (ch === '«' || ch === '“') depth++;
    else if ((ch === '»' || ch === '”') && depth > 0) depth--;
    else if (ch === '"') straight = !straight;
  }
  for (; k < tokens.length; k++) if (depth > 0 || straight) quoted[k] = 1;
}

/** Sentences ending with "?" (and clauses opened by "si" up to their comma). */
function modality(tokens: readonly Token[], text: string, question: Uint8Array, hypothetical: Uint8Array): void {
  for (let i = 0; i < tokens.length;) {
    const end = sentenceEnd(tokens, i);
    const tail = text.slice(tokens[end - 1]!.end, end < tokens.length ? tokens[end]!.start : text.length);
    if (tail.includes('?')) mark(question, i, end);
    i = end;
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (HYPOTHETICAL.has(t.lower) && (t.sentenceStart || tokens[i - 1]!.clause !== t.clause)) {
      // "si" + pronoun or verb opens a condition; "si" + adjective ("si grave") is an intensifier.
      const next = tokens[i + 1]?.lower ?? '';
      if (/^(?:vous|tu|on|ils?|elles?|je|j'|nous|l'on|le|la|les|un|une)$/.test(next) || t.lower === "s'")
        mark(hypothetical, i, clauseEnd(tokens, i));
    }
    if (t.lower === 'cas' && tokens[i + 1]?.lower === 'où') mark(hypothetical, i, clauseEnd(tokens, i));
  }
}

/** The scope of every token of an analysed text. */
export function scopeOf(ft: FrenchText): Scope {
  const { tokens, lemmas, text } = ft;
  const n = tokens.length;
  const s: Scope = {
    negated: new Uint8Array(n),
    denied: new Uint8Array(n),
    quoted: new Uint8Array(n),
    question: new Uint8Array(n),
    hypothetical: new Uint8Array(n),
    reportedBy: new Int16Array(n).fill(-1),
    cues: [],
  };
  if (!n) return s;
  negations(tokens, lemmas, s.negated);
  denials(tokens, lemmas, text, s.denied);
  quotations(tokens, text, s.quoted);
  modality(tokens, text, s.question, s.hypothetical);
  s.cues = reportCues(tokens, lemmas, text, s.quoted, s.reportedBy);
  return s;
}

/** True when token i is the text's own plain assertion: not negated, denied, asked, supposed, quoted or reported. */
export function isAsserted(s: Scope, i: number): boolean {
  return !s.negated[i] && !s.denied[i] && !s.question[i] && !s.hypothetical[i] && !s.quoted[i] && s.reportedBy[i]! < 0;
}

/** True when token i is affirmed, whoever says it: not negated, denied nor supposed (a question or a report still affirms). */
export function isAffirmed(s: Scope, i: number): boolean {
  return !s.negated[i] && !s.denied[i] && !s.hypothetical[i];
}
