/**
 * Controversy score of one item (0–100) with its reasons: hostility and insults, polemic
 * vocabulary, accusation and rhetorical-question forms, negative tone, and above all negative
 * tone toward a watched target (the ministry, the minister, police, gendarmerie, prefects…).
 * Story-level tone divergence is added by scoreStoryControversy.
 */
import type { Reason } from '../../../shared/types/domain';
import { HOSTILE_TERMS, GROUP_NOUNS, IF_AIMED } from './lexicons/hostility';
import { POLEMIC_TERMS, ACCUSATION_PATTERNS } from './lexicons/polemic';
import { DEFAULT_TARGETS, type WatchedTarget } from './lexicons/targets';
import {
  compileLexicon,
  matchLexicon,
  foldItem,
  tokenWeight,
  unionPattern,
  type FoldedItem,
  type Lexicon,
  type LexiconHit,
} from './lexicon-match';
import { computeTone } from './tone';

/** Weight marking polemic words in the combined lexicon (hostile words weigh 1–3). */
const POLEMIC_MARK = 10;
// One lexicon, one pass over the tokens: hostile words keep their weight, polemic words get
// POLEMIC_MARK (a word in both lists counts as hostile).
const CONTROVERSY_LEXICON = compileLexicon([
  ...POLEMIC_TERMS.split(/\s+/)
    .filter(Boolean)
    .map((w) => [w.replace(/-/g, ' '), POLEMIC_MARK] as [string, number]),
  ...HOSTILE_TERMS,
]);
const IF_AIMED_LEXICON = compileLexicon(IF_AIMED);
const ADDRESS = /\b(?:t es|tu es|t etes|vous etes|espece de|bande de|sale)\b/;
const SECOND_PERSON = /\b(?:tu|t|toi|ton|ta|tes|vous etes|votre|ferme|fermez|regarde|allez)\b/;
/** Matches wherever an accusation form does: most texts have none, and one scan settles them. */
const ANY_ACCUSATION = unionPattern(ACCUSATION_PATTERNS.map(([re]) => re));

/** Compiled watched targets. */
export interface TargetMatcher {
  labels: string[];
  /** Every target's patterns in one lexicon; a hit's weight is the target's index + 1. */
  lexicon: Lexicon;
}

/** Compiles watched targets (defaults when none are configured). */
export function compileTargets(targets: readonly WatchedTarget[] = DEFAULT_TARGETS): TargetMatcher {
  return {
    labels: targets.map((t) => t.label),
    lexicon: compileLexicon(targets.flatMap((t, i) => t.patterns.map((p) => [p, i + 1] as [string, number]))),
  };
}

const DEFAULT_MATCHER = compileTargets();

/** Controversy of one item. */
export interface ControversyResult {
  score: number;
  reasons: Reason[];
  /** Tone -1..1 of the whole text. */
  tone: number;
  /** Tone per watched target named in the text. */
  targetTones: Array<{ target: string; tone: number }>;
}

/** Turns accumulated points into a 0–100 score (saturating). */
export function toScore(points: number, scale = 30): number {
  return Math.round(100 * (1 - Math.exp(-Math.max(0, points) / scale)));
}

/** Scores the controversy of a title and optional text. */
export function scoreControversy(
  title: string,
  text?: string | null,
  matcher: TargetMatcher = DEFAULT_MATCHER,
): ControversyResult {
  return scoreFoldedControversy(foldItem(title, text), matcher);
}

/** scoreControversy of an item already folded (the pipeline folds each item once for every signal). */
export function scoreFoldedControversy(item: FoldedItem, matcher: TargetMatcher = DEFAULT_MATCHER): ControversyResult {
  const { raw, folded: foldedRaw, social: tokens } = item;
  const words = wordCount(tokens);
  const folded = tokens.join(' ');
  const reasons: Reason[] = [];
  const hits = matchLexicon(CONTROVERSY_LEXICON, tokens);
  const hostile: LexiconHit[] = [];
  for (const h of hits) {
    if (h.weight >= POLEMIC_MARK) continue;
    const k = hostileFactor(h, tokens, raw);
    if (k > 0) hostile.push(k === 1 ? h : { ...h, weight: h.weight * k });
  }
  const polemic = hits.filter((h) => h.weight === POLEMIC_MARK);
  if (hostile.length) {
    // In a short post an insult is the message itself; in an article it may be a quote.
    const brevity = 2 - Math.min(1, words / 40);
    const pts = Math.round(
      Math.min(
        60,
        hostile.reduce((a, h) => a + h.weight * 8, 0),
      ) * brevity,
    );
    reasons.push({
      signal: 'hostility',
      weight: pts,
      evidence: uniq(hostile.map((h) => h.match))
        .slice(0, 5)
        .join(', '),
    });
    if (ADDRESS.test(folded) || SECOND_PERSON.test(folded))
      reasons.push({ signal: 'direct-address', weight: 8, evidence: 'propos adressé directement à une personne' });
  } else if (SECOND_PERSON.test(folded) && tokens.length <= 60) {
    // A reply that addresses someone is the register where hostility happens, even without a listed word.
    reasons.push({ signal: 'direct-address', weight: 3, evidence: 'propos adressé directement à une personne' });
  }
  const groups: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (GROUP_NOUNS.has(tokens[i]!)) groups.push(i);
  const form = insultForm(tokens, hostile, groups);
  if (form) reasons.push({ signal: 'insult-form', weight: 12, evidence: form });
  if (polemic.length)
    reasons.push({
      signal: 'polemic-vocabulary',
      weight: Math.min(24, polemic.length * 8),
      evidence: uniq(polemic.map((h) => h.match))
        .slice(0, 5)
        .join(', '),
    });
  // Generalising about a group ("ces X", "tous les X", "les X sont…") is the core of hate speech.
  const groupAt = groups.find(
    (i) =>
      i > 0 && (GENERALISERS.has(tokens[i - 1]!) || (tokens[i - 1] === 'les' && GROUP_VERBS.has(tokens[i + 1] ?? ''))),
  );
  if (groupAt !== undefined)
    reasons.push({
      signal: 'group-generalisation',
      weight: 8,
      evidence: tokens.slice(Math.max(0, groupAt - 1), groupAt + 3).join(' '),
    });
  // In a post, naming a group by origin, religion or sexuality is the subject matter of hate speech.
  else if (groups.length && words <= 40)
    reasons.push({ signal: 'group-mention', weight: 6, evidence: tokens[groups[0]!]! });
  const forms = ANY_ACCUSATION.test(foldedRaw) ? ACCUSATION_PATTERNS.filter(([re]) => re.test(foldedRaw)) : [];
  if (forms.length)
    reasons.push({
      signal: 'accusation-form',
      weight: Math.min(18, forms.length * 6),
      evidence: forms.map(([, label]) => label).join(', '),
    });
  const caps = capitalShare(raw);
  if (caps > 0.5) reasons.push({ signal: 'shouting', weight: 8, evidence: `${Math.round(caps * 100)} % de capitales` });
  const tone = computeTone(tokens);
  if (tone.score < -0.05)
    reasons.push({
      signal: 'negative-tone',
      weight: Math.max(1, Math.round(Math.min(20, -tone.score * 30))),
      evidence: tone.negativeWords.slice(0, 4).join(', ') || 'ton négatif',
    });
  const targetTones: ControversyResult['targetTones'] = [];
  const targetHits = matchLexicon(matcher.lexicon, tokens);
  for (let ti = 0; ti < matcher.labels.length && targetHits.length; ti++) {
    const hits = targetHits.filter((h) => h.weight === ti + 1);
    if (!hits.length) continue;
    const t = { label: matcher.labels[ti]! };
    // Tone toward a target: the whole (short) text's tone plus hostility near the mention.
    // In a post-sized text everything is about the target; in an article only the vicinity is.
    const reach = tokens.length <= 40 ? tokens.length : 12;
    const near = hostile.some((h) => hits.some((x) => Math.abs(x.index - h.index) <= reach));
    const toward = Math.max(-1, tone.score - (near ? 0.5 : 0) - (polemic.length ? 0.2 : 0));
    targetTones.push({ target: t.label, tone: toward });
    if (toward < -0.1)
      reasons.push({
        signal: 'negative-toward-target',
        weight: Math.round(Math.min(30, 10 - toward * 25)),
        evidence: `${t.label} : ${[...tone.negativeWords, ...polemic.map((h) => h.match)].slice(0, 3).join(', ') || 'ton négatif'}`,
      });
  }
  const points = reasons.reduce((a, r) => a + r.weight, 0);
  return { score: toScore(points), reasons, tone: tone.score, targetTones };
}

/** Story-level controversy: mean item score plus tone divergence (opposed tones in one story). */
export function scoreStoryControversy(items: ReadonlyArray<{ score: number; tone: number }>): {
  score: number;
  reasons: Reason[];
} {
  if (!items.length) return { score: 0, reasons: [] };
  const mean = items.reduce((a, i) => a + i.score, 0) / items.length;
  const reasons: Reason[] = [
    { signal: 'items-controversy', weight: Math.round(mean), evidence: `moyenne de ${items.length} articles` },
  ];
  const tones = items.map((i) => i.tone);
  const avg = tones.reduce((a, t) => a + t, 0) / tones.length;
  const sd = Math.sqrt(tones.reduce((a, t) => a + (t - avg) ** 2, 0) / tones.length);
  let score = mean;
  if (items.length >= 3 && sd > 0.2) {
    const w = Math.round(Math.min(25, sd * 50));
    reasons.push({ signal: 'tone-divergence', weight: w, evidence: `écart-type du ton ${sd.toFixed(2)}` });
    score = Math.min(100, mean + w);
  }
  return { score: Math.round(score), reasons };
}

/** Pronouns and determiners that aim a word at people: "ces rats", "comme des animaux", "dehors les …", "tu vas crever". */
const AIMING = new Set([
  'tu',
  'toi',
  't',
  'te',
  'vous',
  'ils',
  'eux',
  'elles',
  'ces',
  'cette',
  'cet',
  'tous',
  'toutes',
  'sale',
  'sales',
  'gros',
  'grosse',
  'vieux',
  'vieille',
  'espece',
  'bande',
  'comme',
  'vos',
  'leur',
  'leurs',
]);

/** True when a person, a group or an address is within three words of position i. */
function aimedAtPeople(tokens: readonly string[], i: number): boolean {
  for (let k = Math.max(0, i - 3); k <= i + 3 && k < tokens.length; k++)
    if (k !== i && (AIMING.has(tokens[k]!) || GROUP_NOUNS.has(tokens[k]!))) return true;
  return false;
}

/** Share of capitals among the letters (0 under 12 letters); a loop, as Unicode regexes cost more than the rest. */
function capitalShare(raw: string): number {
  const { letters, upper } = letterCounts(raw);
  return letters >= 12 ? upper / letters : 0;
}

/** Letters and capital letters of a text, by a loop: two Unicode-class regexes cost several times more. */
export function letterCounts(raw: string): { letters: number; upper: number } {
  let letters = 0,
    upper = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) {
        letters++;
        upper++;
      } else if (c >= 97 && c <= 122) letters++;
    } else {
      const ch = raw[i]!,
        lo = ch.toLowerCase(),
        up = ch.toUpperCase();
      if (lo !== up) {
        letters++;
        if (ch === up) upper++;
      }
    }
  }
  return { letters, upper };
}

/** Words of a post, not counting the "@user", "@url" and "RT" placeholders of social sources. */
function wordCount(tokens: readonly string[]): number {
  let n = 0;
  for (const t of tokens) if (t !== 'user' && t !== 'url' && t !== 'rt') n++;
  return n;
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Words that frame the next word as an insult ("sale …", "espèce de …", "quel …", "ce …"). */
const FRAME_BEFORE = new Set([
  'sale',
  'sales',
  'gros',
  'grosse',
  'pauvre',
  'pauvres',
  'quel',
  'quelle',
  'quels',
  'quelles',
  'ce',
  'cet',
  'cette',
  'ces',
  'sombre',
  'sacre',
  'giga',
  'vieux',
  'vieille',
]);
/** Nouns that do so with "de": "espèce de …", "bande de …", "putain de …", "tas de …". */
const FRAME_DE = new Set(['espece', 'bande', 'putain', 'tas', 'ramassis', 'fils', 'race']);
const COPULA = new Set(['es', 'est', 'etes', 'sont', 'etait', 'etais']);

/**
 * The syntactic frame of an insult around a hostile word or a group name: "sale arabe", "espèce
 * de …", "c'est un …", "… de merde". Returns the phrase or ''.
 */
function insultForm(tokens: readonly string[], hostile: readonly LexiconHit[], groups: readonly number[]): string {
  const check = (i: number, strongOnly: boolean): string => {
    const p1 = tokens[i - 1] ?? '',
      p2 = tokens[i - 2] ?? '';
    if (tokens[i + 1] === 'de' && tokens[i + 2] === 'merde') return tokens.slice(i, i + 3).join(' ');
    if (p1 === 'de' && FRAME_DE.has(p2)) return tokens.slice(i - 2, i + 1).join(' ');
    if (strongOnly)
      return p1 === 'sale' || p1 === 'sales' || p1 === 'gros' || p1 === 'sombre' ? `${p1} ${tokens[i]}` : '';
    if (FRAME_BEFORE.has(p1)) return `${p1} ${tokens[i]}`;
    if ((p1 === 'un' || p1 === 'une' || p1 === 'des') && COPULA.has(p2))
      return tokens.slice(Math.max(0, i - 3), i + 1).join(' ');
    return '';
  };
  for (const h of hostile) {
    const f = check(h.index, false);
    if (f) return f;
  }
  for (const i of groups) {
    const f = check(i, true);
    if (f) return f;
  }
  return '';
}

const GENERALISERS = new Set(['ces', 'tous', 'toutes', 'vos', 'sales']);
const GROUP_VERBS = new Set(['sont', 'ont', 'font', 'veulent', 'viennent']);
const REFLEXIVE = new Set(['s', 'se', 'm', 'me', 't', 'te', 'nous', 'vous', 'y']);
const DETERMINERS = new Set([
  'd',
  'de',
  'des',
  'un',
  'une',
  'l',
  'le',
  'la',
  'les',
  'ce',
  'cet',
  'ces',
  'quel',
  'quels',
  'ses',
  'tes',
  'mes',
]);
const BE = new Set([
  'y',
  'est',
  'suis',
  'es',
  'etait',
  'etais',
  'sont',
  'etaient',
  'etions',
  'etiez',
  'serait',
  'serais',
]);
const ATTARDE_NOUN = new Set(['attarde', 'attardee', 'attardes', 'attardees']);
const MONGOL_CONTEXT = new Set([
  'empire',
  'horde',
  'hordes',
  'peuple',
  'turco',
  'steppe',
  'steppes',
  'khan',
  'gengis',
  'yourte',
  'nomade',
  'nomades',
  'eleveur',
  'barbecue',
  'cuisine',
  'langue',
  'armee',
  'cavalier',
  'cavaliers',
  'proverbe',
  'chant',
  'dynastie',
  'mongolie',
]);
const REPORTING = new Set([
  'traite',
  'traiter',
  'traites',
  'traitent',
  'traitee',
  'traitait',
  'insulte',
  'insulter',
  'insultes',
  'insultee',
  'qualifie',
  'qualifier',
  'surnomme',
  'mot',
  'terme',
  'appele',
  'appelle',
  'appellent',
]);
const NEGATION = new Set(['pas', 'jamais', 'ni', 'non']);

/**
 * How much a hostile hit counts: 0 for a false friend after accent folding ("s'attarde" (to
 * linger) vs "attardé", "salé" vs "sale", "l'empire mongol" vs the insult), 0.5 for an insult that
 * is reported or denied ("il m'a traité de…", "je ne suis pas un…"), otherwise 1.
 */
function hostileFactor(h: LexiconHit, tokens: readonly string[], raw: string): number {
  const i = h.index,
    t = h.match,
    prev = tokens[i - 1];
  if (t.startsWith('attard')) {
    if (!ATTARDE_NOUN.has(t) || (prev !== undefined && REFLEXIVE.has(prev))) return 0;
    // "attardé sur" is the verb unless a determiner makes it a noun ("trop d'attardés sur…").
    if ((tokens[i + 1] === 'sur' || tokens[i + 1] === 'dessus') && !DETERMINERS.has(prev ?? '')) return 0;
    // "m'y suis attardé", "ne s'est pas attardé", "tu t'es attardé" (but "t'es attardé" is the insult).
    for (let k = Math.max(0, i - 4); k < i - 1; k++) {
      const r = tokens[k]!;
      if (
        BE.has(tokens[k + 1]!) &&
        (r === 's' ||
          r === 'se' ||
          r === 'm' ||
          r === 'me' ||
          r === 'y' ||
          ((r === 't' || r === 'te') && tokens[k - 1] === 'tu'))
      )
        return 0;
    }
  } else if (t.startsWith('mongol')) {
    if (t === 'mongolie') return 0;
    for (let k = Math.max(0, i - 2); k <= i + 2; k++) if (k !== i && MONGOL_CONTEXT.has(tokens[k] ?? '')) return 0;
  } else if (t === 'sale' || t === 'sales') {
    // Lower-cased here, for the rare "sale" hit, not for every text.
    if (!/(?:^|[^\p{L}])sales?\s+\p{L}/u.test(raw.toLowerCase())) return 0;
  } else if (h.length === 1 && tokenWeight(IF_AIMED_LEXICON, t) !== undefined && !aimedAtPeople(tokens, i)) return 0;
  for (let k = Math.max(0, i - 3); k < i; k++) if (REPORTING.has(tokens[k]!) || NEGATION.has(tokens[k]!)) return 0.5;
  return 1;
}

/**
 * An item's controversy inside its story: a plain report in a polemic story covered by several
 * outlets belongs to the polemic, so it gets half the gap to the story's score, as its own reason.
 * Needs >= 3 items from >= 2 known sources: unattributed posts or one outlet make no polemic, and
 * lifting them would blur what the item itself says (MLMA tweets: AUC 0.764 -> 0.752 lifted).
 */
export function controversyInStory(
  own: { score: number; reasons: Reason[] },
  story: { score: number; reasons: Reason[] },
  items: number,
  sources: number,
): { score: number; reasons: Reason[] } {
  const reasons =
    items >= 3 ? [...own.reasons, ...story.reasons.filter((r) => r.signal === 'tone-divergence')] : own.reasons;
  const score = items >= 3 && sources >= 2 ? Math.max(own.score, Math.round((own.score + story.score) / 2)) : own.score;
  if (score === own.score) return { score, reasons };
  return {
    score,
    reasons: [
      ...reasons,
      {
        signal: 'story-controversy',
        weight: score - own.score,
        evidence: `histoire polémique : ${story.score}/100 sur ${items} articles de ${sources} sources`,
      },
    ],
  };
}
