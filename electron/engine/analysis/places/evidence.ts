/**
 * Evidence that a name found in a text names the place: rules on the words around it (see
 * docs/places.md). A name is accepted, rejected, or pending (accepted only when another place of
 * the item or the source's home territory lies in the same département or région).
 */
import {
  ADMIN_OF,
  ARTICLES,
  LOCATIVE,
  NAME_CONNECTORS,
  NOBILITY_OF,
  PERSON_BEFORE,
  PLACE_OF,
  STREET_BEFORE,
  departementCodeAfter,
} from './cues';
import type { NameHit } from './match';
import type { PlaceText, PlaceWord } from './words';

/** The verdict on one name and why (codes, for tests and the item's territory panel). */
export interface Verdict {
  decision: 'accept' | 'reject' | 'pending';
  /** Evidence codes: locative, of-place, colon-head, departement-code, year, capital, … */
  reasons: string[];
  /** A département code written right after the name ("(93)"). */
  departementCode: string | null;
  /** The preposition says which level: "en"/"dans le" → département or région, "à" → commune. */
  levelHint: 'commune' | 'area' | null;
}

/** A commune named like an ordinary word counts on its capital alone from this population (a known city: Tours, Rennes, Calais). */
const KNOWN_TOWN = 50_000;
/** Below this population a one-word commune needs a cue: thousands of surnames are village names (Ravel, Meillard). */
const SMALL_TOWN = 2_000;
/** A single-word name at the start of a sentence counts without a cue from this population. */
const BIG_TOWN = 20_000;

const isCap = (w: PlaceWord | undefined) => !!w && w.capital && !w.number;

/** Judges one hit. `shouting`: the text is written in capitals (capitals prove nothing). */
export function judge(words: PlaceText, hit: NameHit, shouting: boolean): Verdict {
  const { rec } = hit;
  const reasons: string[] = [];
  const head = words.get(hit.first)!;
  const p1 = words.get(hit.start - 1);
  const p2 = words.get(hit.start - 2);
  const p3 = words.get(hit.start - 3);
  const next = words.get(hit.end);
  const last = words.get(hit.end - 1)!;
  const contracted = hit.first > hit.start;
  const depCode = departementCodeAfter(words, hit.end);
  const out = (decision: Verdict['decision']): Verdict => ({
    decision,
    reasons,
    departementCode: depCode,
    levelHint,
  });

  // Prepositions and nouns before the name, with nothing but spaces or an apostrophe in between.
  const tight = (w: PlaceWord | undefined) => !!w && (w.before === '' || w.before === "'" || w.joined);
  const startW = words.get(hit.start)!;
  let locative = contracted && (startW.fold === 'au' || startW.fold === 'aux');
  let levelHint: Verdict['levelHint'] = null;
  if (tight(startW) && p1 && LOCATIVE.has(p1.fold) && (!p1.capital || p1.sentenceStart)) locative = true;
  if (tight(startW) && p1 && ARTICLES.has(p1.fold) && tight(p1) && p2 && LOCATIVE.has(p2.fold)) locative = true;
  if (tight(startW) && p1 && (p1.fold === 'de' || p1.fold === 'd') && p2 && (p2.fold === 'pres' || p2.fold === 'lors'))
    locative = true;
  if (locative) {
    const prep = p1 && ARTICLES.has(p1.fold) ? p2 : contracted ? startW : p1;
    levelHint = prep && (prep.fold === 'en' || prep.fold === 'dans') ? 'area' : prep?.fold === 'a' ? 'commune' : null;
  }
  // The noun before "de"/"du"/"d'" (+ article): "maire de", "préfet du", "festival d'", "pagaille de la".
  const ofWord = contracted ? startW : p1;
  const viaArticle = !contracted && !!p1 && ARTICLES.has(p1.fold) && !!p2 && (p2.fold === 'de' || p2.fold === 'd');
  const nounBefore = viaArticle
    ? p3
    : ofWord && ['de', 'd', 'du', 'des'].includes(ofWord.fold) && tight(startW)
      ? contracted
        ? p1
        : p2
      : undefined;
  const admin = !!nounBefore && ADMIN_OF.has(nounBefore.fold);
  const partOf = !!nounBefore && PLACE_OF.has(nounBefore.fold);
  const ofPlace = admin || (partOf && !rec.common);
  if (nounBefore && NOBILITY_OF.has(nounBefore.fold)) return (reasons.push('person-title'), out('reject'));
  const colonHead = (head.sentenceStart || startW.sentenceStart) && /^:/.test(last.after);
  const year = !!next && next.number && /^(19|20)\d\d$/.test(next.surface) && last.after === '';
  if (locative) reasons.push('locative');
  if (ofPlace) reasons.push('of-place');
  if (colonHead) reasons.push('colon-head');
  if (depCode) reasons.push('departement-code');
  if (year) reasons.push('year');
  const strong = locative || ofPlace || colonHead || !!depCode || year;
  if (rec.feature && !(admin || locative || depCode || colonHead)) return out('pending');

  // Demonyms: a lower-case adjective ("une pédopsychiatre toulousaine") or a plural noun ("les Marseillais").
  if (rec.demonym && rec.entries.every((e) => e.alias === 'demonym')) {
    if (!head.capital) return (reasons.push('demonym'), out('accept'));
    const plural = /s$/.test(head.fold) && !!p1 && ['les', 'des', 'aux', 'ces'].includes(p1.fold) && !p1.capital;
    return plural ? (reasons.push('demonym'), out('accept')) : out('reject');
  }

  // Words that make the name part of something else.
  const wordBefore = contracted ? undefined : p1;
  const gapBefore = head.before === '' && !!wordBefore && !wordBefore.joined;
  if (wordBefore && wordBefore.surface.length === 1 && isCap(wordBefore) && head.before === '.')
    return (reasons.push('name-before'), out('reject')); // "J. D. Vance"
  // A capitalised word just before: "Élisabeth Borne", "Clément Beaune". At a sentence start
  // its capital may be convention ("Météo Nord-Pas-de-Calais"): then only a one-word name is taken for a surname.
  if (
    !shouting &&
    wordBefore &&
    isCap(wordBefore) &&
    (!wordBefore.sentenceStart || rec.words.length === 1) &&
    !head.joined &&
    head.before === '' &&
    !LOCATIVE.has(wordBefore.fold) &&
    !ARTICLES.has(wordBefore.fold) &&
    !NAME_CONNECTORS.has(wordBefore.fold) &&
    !PERSON_BEFORE.has(wordBefore.fold)
  )
    return (reasons.push('name-before'), out('reject'));
  if (!shouting && wordBefore && isCap(wordBefore) && NAME_CONNECTORS.has(wordBefore.fold) && isCap(p2) && gapBefore)
    return (reasons.push('name-before'), out('reject')); // "Madame Du Barry"
  if (
    !shouting &&
    next &&
    isCap(next) &&
    last.after === '' &&
    !next.sentenceStart &&
    !next.joined &&
    !NAME_CONNECTORS.has(next.fold)
  )
    return (reasons.push('name-after'), out('reject')); // "Paris Hilton", "Nord Stream", "Nancy Pelosi"
  if (wordBefore && PERSON_BEFORE.has(wordBefore.fold) && !locative)
    return (reasons.push('person-title'), out('reject'));
  if (wordBefore && STREET_BEFORE.has(wordBefore.fold) && !head.joined) return (reasons.push('street'), out('reject'));
  if (/^saint/.test(rec.words[0]!) && p1 && (p1.fold === 'la' || p1.fold === 'le') && !p1.capital && !locative)
    return (reasons.push('feast'), out('reject')); // "la Saint-Barthélemy"
  const inName =
    !contracted && !!p1 && ['de', 'du', 'des', 'd'].includes(p1.fold) && isCap(p2) && !p2!.sentenceStart && !ofPlace;
  if (inName && !partOf && (rec.common || rec.otherSense)) return (reasons.push('name-before'), out('reject')); // "Corée du Nord"

  // The capital that counts is the first word of the name proper, after its article ("Le Mans").
  let content = hit.first;
  while (content < hit.end - 1 && NAME_CONNECTORS.has(words.get(content)!.fold)) content++;
  const cw = words.get(content)!;
  const mid =
    !shouting && cw.capital && !cw.sentenceStart && !(contracted && startW.sentenceStart && content === hit.first);
  if (mid) reasons.push('capital');
  const towns = rec.entries.filter((e) => e.level === 'commune');
  const area = rec.entries.some((e) => e.level !== 'commune');
  const population = area ? Infinity : Math.max(0, ...towns.map((e) => e.population));
  const tiny = rec.words.join('').length <= 2;

  const small = !area && population < SMALL_TOWN && rec.words.length === 1;
  if (rec.needsContext) return depCode ? out('accept') : out('pending');
  if (rec.otherSense) return strong ? out('accept') : out('reject');
  if (tiny) return strong ? out('accept') : out('pending');
  if (rec.common) {
    if (strong) return out('accept');
    return mid && population >= KNOWN_TOWN ? out('accept') : out('pending');
  }
  if (strong) return out('accept');
  if (small) return out('pending');
  if (mid || inName) return out('accept');
  if (rec.words.length >= 2 || population >= BIG_TOWN) return (reasons.push('name'), out('accept'));
  return out('pending');
}
