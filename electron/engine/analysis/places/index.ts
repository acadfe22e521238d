/**
 * Places: where an item happens. `placesOfItem` reads an item's title and summary (and its
 * georss point where the feed gave one); see docs/places.md.
 */
import { detectPlaces, type Place, type PlaceMention } from './detect';
import { gazetteer } from './gazetteer';
import { findNames } from './match';
import { departementOfCommune } from './gazetteer-format';
import { PlaceText } from './words';

export { gazetteer };
export { placeLookup } from './name-lookup';
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

/** The territories places fall in: each département with its région, and a région named alone with no département. */
export function territoriesOf(places: readonly Place[]): Array<{ departement: string; region: string }> {
  const g = gazetteer();
  const out = new Map<string, { departement: string; region: string }>();
  const add = (departement: string, region: string) => out.set(`${departement}|${region}`, { departement, region });
  const deps = new Set<string>();
  for (const p of places) {
    const dep = p.level === 'commune' ? departementOfCommune(p.code) : p.level === 'departement' ? p.code : null;
    if (dep) {
      deps.add(dep);
      add(dep, g.departements.get(dep)?.region ?? '');
    }
  }
  for (const p of places)
    if (p.level === 'region' && ![...deps].some((d) => g.departements.get(d)?.region === p.code)) add('', p.code);
  return [...out.values()];
}

/** Text read for an item's places: its summary, else the start of its content (a long body adds cost, not places). */
export function placeTextOf(summary: string | null | undefined, content: string | null | undefined): string | null {
  return summary ?? (content ? content.slice(0, CONTENT_CHARS) : null);
}

/** Characters of an item's content read when it has no summary (about a chapô). */
const CONTENT_CHARS = 600;

/** An item row as the pipeline reads it. */
export interface PlaceRow {
  id: number;
  title: string;
  summary: string | null;
  contentText?: string | null;
  sourceName?: string | null;
}

/** Places and territories of stored items (for saveItemPlaces). */
export function placesOfRows(rows: readonly PlaceRow[]): Array<{
  id: number;
  places: Place[];
  territories: Array<{ departement: string; region: string }>;
}> {
  return rows.map((r) => {
    const places = contractPlaces(
      placesOfItem({ title: r.title, text: placeTextOf(r.summary, r.contentText), source: r.sourceName }),
    );
    return { id: r.id, places, territories: territoriesOf(places) };
  });
}
