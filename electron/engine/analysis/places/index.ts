/**
 * Places: where an item happens. `placesOfItem` reads an item's title and summary (and its
 * georss point where the feed gave one); see docs/places.md.
 */
import { detectPlaces, type Place, type PlaceMention } from './detect';
import { gazetteer } from './gazetteer';
import { findNames } from './match';
import { PlaceText } from './words';

export { gazetteer };
export { detectPlaces, type Place, type PlaceMention, type DetectOptions } from './detect';
export { type PlaceLevel, type PlaceEntry, type Gazetteer } from './gazetteer';

/** Home territories guessed from source names ("Nice-Matin" → 06, "La Voix du Nord" → 59), cached. */
const sourcePriors = new Map<string, string[]>();
/** Source names kept in the cache at most (a feed list is a few hundred names). */
const MAX_SOURCE_PRIORS = 5_000;

/** A source named after a commune gives it as home from this population ("La Croix" is no home in Croix, 59). */
const SOURCE_TOWN = 50_000;

/**
 * The home territory a source's name gives (départements), used only to break ties between
 * homonyms: "Nice-Matin" → 06, "La Voix du Nord" → 59, "Le Journal de l'île de la Réunion" → 974.
 * A title is no sentence, so the names in it are read without the context rules, keeping
 * départements, régions and large towns only.
 */
export function sourcePrior(source: string | null | undefined): string[] {
  if (!source) return [];
  let deps = sourcePriors.get(source);
  if (!deps) {
    const set = new Set<string>();
    const words = new PlaceText(source.replace(/-/g, ' '));
    for (const hit of findNames(gazetteer(), words)) {
      const { rec } = hit;
      if (rec.otherSense || rec.needsContext || rec.demonym) continue;
      const areas = rec.entries.filter((e) => e.level !== 'commune');
      const towns = rec.entries.filter((e) => e.level === 'commune' && e.population >= SOURCE_TOWN);
      for (const e of areas.length ? areas : towns.length === 1 ? towns : []) e.departements.forEach((d) => set.add(d));
    }
    deps = [...set];
    if (sourcePriors.size >= MAX_SOURCE_PRIORS) sourcePriors.clear();
    sourcePriors.set(source, deps);
  }
  return deps;
}

/** An item's text for places: title and summary, as two sentences. */
export interface PlaceInput {
  title: string;
  text?: string | null;
  source?: string | null;
  /** Explicit home territory of the source (département codes), added to what its name gives. */
  territory?: readonly string[];
}

/** The places of an item (contract form), with their evidence. */
export function placesOfItem(input: PlaceInput): PlaceMention[] {
  const text = input.text ? `${input.title}\n${input.text}` : input.title;
  const prior = [...sourcePrior(input.source), ...(input.territory ?? [])];
  return detectPlaces(text, { prior });
}

/** The contract's `{level, code, name}` of mentions. */
export function contractPlaces(mentions: readonly PlaceMention[]): Place[] {
  return mentions.map((m) => ({ level: m.level, code: m.code, name: m.name }));
}
