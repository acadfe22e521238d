/**
 * Multi-word proper names in French text: people ("Cécile Ladjali", "Jean-Luc Mélenchon",
 * "Mme Borne"), organisations ("Banque de France", "SNCF"), places (through a pluggable
 * gazetteer, see PlaceLookup) and other names ("Ukraine", "Drake"). A person is a full name: its
 * given name alone is not its key, so two people sharing a first name share no name key, and
 * "Francis Drake" is not "Drake".
 */
import { isCommonWord, readings } from './lemma-table';
import type { Token } from './tokens';

/** What a name span names. */
export type NameKind = 'person' | 'organisation' | 'place' | 'name';

/** A proper name found in a text: tokens [start, end). */
export interface NameSpan {
  start: number;
  end: number;
  kind: NameKind;
  /** The name's words accent-folded, lower-cased, joined by spaces ("cecile ladjali"): its identity. */
  key: string;
  /** As written. */
  text: string;
  /** For a person of several words: the surname part's key ("ladjali"), by which headlines often refer to them. */
  surname?: string;
  /** For a place found by the gazetteer: its identifier there (e.g. an INSEE code). */
  placeId?: string;
}

/** A place found at a token position by a gazetteer: how many tokens it spans and its identifier. */
export interface PlaceMatch {
  length: number;
  id: string;
  /** Canonical name (e.g. "Île-de-France"). */
  name: string;
}

/**
 * A gazetteer the places module plugs in (registerPlaceLookup): given the tokens and a position
 * where a capitalised word starts, the longest place starting there, or null. Places take
 * precedence over the generic name rules, so "Saint-Martin-de-Ré" is one place.
 */
export interface PlaceLookup {
  match(tokens: readonly Token[], at: number): PlaceMatch | null;
}

let placeLookup: PlaceLookup | null = null;

/** Sets the gazetteer used by nameSpans when none is passed (null removes it). */
export function registerPlaceLookup(lookup: PlaceLookup | null): void {
  placeLookup = lookup;
}

/** Small words that join the parts of one name ("Banque de France", "place de la Concorde", "Ursula von der Leyen"). */
const CONNECTORS = new Set([
  'de',
  'du',
  'des',
  "d'",
  'de la',
  "de l'",
  'von',
  'van',
  'von der',
  'van der',
  'van den',
  'der',
  'di',
  'da',
  'del',
  'della',
  'dos',
  'al',
  'el',
  'ben',
  'bin',
  'ibn',
]);
/** Courtesy titles before a surname: "M. Macron" names a person by one word. */
const TITLES = new Set([
  'm',
  'mme',
  'mlle',
  'mmes',
  'mm',
  'me',
  'dr',
  'pr',
  'maître',
  'monsieur',
  'madame',
  'docteur',
  'professeur',
  'général',
  'président',
  'présidente',
  'ministre',
  'sénateur',
  'sénatrice',
  'député',
  'députée',
  'maire',
  'préfet',
  'préfète',
  'juge',
  'cardinal',
  'pape',
  'abbé',
  'père',
  'sœur',
  'saint',
  'sainte',
  'roi',
  'reine',
  'prince',
  'princesse',
  'lord',
  'sir',
]);
/**
 * Head nouns of French institutions and companies (written for Vigie): a name that starts with
 * one is an organisation ("Conseil constitutionnel", "Banque de France", "Parti socialiste").
 */
const ORG_HEADS = new Set([
  'ministère',
  'conseil',
  'assemblée',
  'sénat',
  'banque',
  'parti',
  'syndicat',
  'fédération',
  'confédération',
  'université',
  'tribunal',
  'cour',
  'société',
  'groupe',
  'agence',
  'commission',
  'association',
  'union',
  'office',
  'caisse',
  'institut',
  'fondation',
  'comité',
  'autorité',
  'haute',
  'direction',
  'compagnie',
  'école',
  'académie',
  'centre',
  'chambre',
  'conférence',
  'organisation',
  'mouvement',
  'front',
  'rassemblement',
  'république',
  'régie',
  'préfecture',
  'mairie',
  'hôpital',
  'club',
  'fonds',
  'observatoire',
  'inspection',
  'gendarmerie',
  'police',
  'armée',
  'service',
  'services',
  'laboratoire',
  'musée',
  'théâtre',
  'opéra',
  'orchestre',
  'éditions',
  'radio',
  'télévision',
  'journal',
  'entreprise',
  'holding',
  'cabinet',
]);

/** Options of nameSpans. */
export interface NameOptions {
  /** The gazetteer (default: the registered one). */
  places?: PlaceLookup | null;
  /**
   * Evidence from the corpus that a sentence-initial capitalised word is a name (NameEvidence in
   * the clusterers). Without it, a sentence-initial word is a name only when the lexicon does not
   * know it as a common word.
   */
  isName?: (token: Token) => boolean;
}

/** Subject clitics after a hyphen: "Faut-il", "Y'aura-t-il" are verbs, not names. */
const INVERTED = /-(?:t-)?(?:il|elle|on|ils|elles|je|tu|nous|vous|ce)$/;

/** True when a word reads only as a function word (determiner, pronoun, preposition…). */
function functionWord(t: Token): boolean {
  const rs = readings(t.lower);
  return rs.length > 0 && rs.every((r) => FUNCTION_POS.has(r.pos));
}
const FUNCTION_POS = new Set(['det', 'prep', 'pro', 'cl', 'aux', 'csu', 'coo', 'pres']);

/**
 * True when a capitalised token can start a name. A word capitalised by convention (first of a
 * sentence or after a colon or quote) must be known as a name (the caller's evidence, or no
 * common-word reading); a function word or a label in capitals ("VIDÉO", "EN DIRECT") never is.
 */
function nameLike(t: Token, opts: NameOptions): boolean {
  if (!t.capital || t.number || t.elided || INVERTED.test(t.lower)) return false;
  if (functionWord(t)) return false;
  if (t.allCaps) return !isCommonWord(t.lower);
  if (!t.initial) return true;
  if (opts.isName) return opts.isName(t);
  return !isCommonWord(t.lower);
}

/**
 * A sentence-initial word that can be a given name (a proper-noun reading: "Marine", "Pierre")
 * right before another capitalised word starts a name there ("Marine Le Pen").
 */
function leadsName(tokens: readonly Token[], at: number): boolean {
  const t = tokens[at]!,
    next = tokens[at + 1];
  if (!t.initial || !t.capital || t.allCaps || !next || !next.capital || next.number || next.clause !== t.clause)
    return false;
  return readings(t.lower).some((r) => r.pos === 'np');
}

/** Finds the proper names of a text's tokens, left to right, without overlap. */
export function nameSpans(tokens: readonly Token[], opts: NameOptions = {}): NameSpan[] {
  const places = opts.places === undefined ? placeLookup : opts.places;
  // A title in capitals says nothing about names.
  if (tokens.length >= 3 && tokens.every((t) => t.allCaps || t.number || !t.capital)) return [];
  const spans: NameSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const place = t.capital && places ? places.match(tokens, i) : null;
    if (place && place.length > 0) {
      spans.push(span(tokens, i, i + place.length, 'place', { placeId: place.id }));
      i += place.length - 1;
      continue;
    }
    const titled = isTitle(t) && i + 1 < tokens.length && tokens[i + 1]!.capital && tokens[i + 1]!.clause === t.clause;
    const first = titled ? i + 1 : i;
    if (!nameLike(tokens[first]!, titled ? { ...opts, isName: () => true } : opts) && !leadsName(tokens, first))
      continue;
    let end = first + 1;
    while (end < tokens.length) {
      const u = tokens[end]!;
      if (u.clause !== t.clause) break;
      if (u.capital && !u.number && !u.elided) {
        end++;
        continue;
      }
      // "de", "von der": only inside a name, between two capitalised words.
      const k = connectorEnd(tokens, end, t.clause);
      if (k > end && k < tokens.length && tokens[k]!.capital && !tokens[k]!.number && tokens[k]!.clause === t.clause) {
        end = k + 1;
        continue;
      }
      break;
    }
    // "Le Britannique Jony Ive", "Le Président Macron": a capitalised common word that cannot be a
    // given name, before other capitalised words, is no part of their name.
    let from = first;
    while (
      !titled &&
      end - from >= 2 &&
      !tokens[from]!.allCaps &&
      isCommonWord(tokens[from]!.lower) &&
      !hasProperReading(tokens[from]!) &&
      tokens[from + 1]!.capital
    ) {
      spans.push(classify(tokens, from, from + 1, false));
      from++;
      while (from < end && !tokens[from]!.capital) from++;
    }
    if (from < end) spans.push(classify(tokens, from, end, titled));
    i = end - 1;
  }
  return spans;
}

/** End of a connector of one or two words starting at `at` ("de", "de la", "von der"), or `at`. */
function connectorEnd(tokens: readonly Token[], at: number, clause: number): number {
  const a = tokens[at];
  if (!a || a.clause !== clause) return at;
  const b = tokens[at + 1];
  if (b && b.clause === clause && CONNECTORS.has(`${a.lower} ${b.lower}`)) return at + 2;
  return CONNECTORS.has(a.lower) ? at + 1 : at;
}

function hasProperReading(t: Token): boolean {
  return readings(t.lower).some((r) => r.pos === 'np');
}

function isTitle(t: Token): boolean {
  return TITLES.has(t.lower);
}

function span(
  tokens: readonly Token[],
  start: number,
  end: number,
  kind: NameKind,
  extra: Partial<NameSpan> = {},
): NameSpan {
  const words = tokens.slice(start, end);
  return {
    start,
    end,
    kind,
    key: words.map((w) => w.fold).join(' '),
    text: words.map((w) => w.surface).join(' '),
    ...extra,
  };
}

/**
 * Kind of a span: organisation (a head noun first, or an acronym alone), person (a courtesy title,
 * or several capitalised words the first of which the Lefff knows as a proper noun, as it knows
 * given names: "Cécile Ladjali", "Marine Le Pen"; not "Coupe du Monde" or "Samsung Galaxy"), else
 * a plain name.
 */
function classify(tokens: readonly Token[], start: number, end: number, titled: boolean): NameSpan {
  const words = tokens.slice(start, end);
  if (ORG_HEADS.has(words[0]!.lower) || (words.length === 1 && words[0]!.allCaps && words[0]!.lower.length <= 6))
    return span(tokens, start, end, 'organisation');
  const capitals = words.filter((w) => w.capital);
  if (
    titled ||
    (capitals.length >= 2 &&
      words.every((w) => !w.allCaps || w.lower.length > 6) &&
      hasProperReading(capitals[0]!) &&
      !capitals[capitals.length - 1]!.lower.match(/^\d/))
  ) {
    // The surname is what follows the first capitalised word ("Ladjali", "von der Leyen").
    const surnameWords = titled ? words : words.slice(1);
    return span(tokens, start, end, 'person', { surname: surnameWords.map((w) => w.fold).join(' ') });
  }
  return span(tokens, start, end, 'name');
}
