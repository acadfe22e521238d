/**
 * The place gazetteer: communes, départements and régions from the committed asset
 * (gazetteer-format.ts) plus the hand-written aliases, indexed by their first folded word for
 * longest matching in a text. Loaded once per process on first use (~35k names, ~60 ms).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { AppError } from '../../../../shared/errors';
import { findAsset } from '../../brief/assets';
import { FEATURE_NAMES, NEEDS_CONTEXT, OTHER_SENSE, PLACE_ALIASES, isDemonym, type AliasTarget } from './aliases';
import { departementOfCommune, GAZETTEER_ASSET } from './gazetteer-format';
import { GENERIC_IN_NAME, NAME_CONNECTORS } from './cues';
import { nameKeyWords } from './words';

/** Administrative level of a place, as in the CLI contract. */
export type PlaceLevel = 'commune' | 'departement' | 'region';

/** One thing a name can point to. */
export interface PlaceEntry {
  level: PlaceLevel;
  code: string;
  name: string;
  /** Départements it lies in (a commune: one; a département: itself; a former région: several). */
  departements: string[];
  /** Région code ('' when unknown). */
  region: string;
  population: number;
  overseas: boolean;
  /** Entered by an alias (island, landmark, former région, short name, demonym). */
  alias?: 'name' | 'demonym' | 'former';
}

/** A name in the index: its folded words and what it may point to. */
export interface NameRecord {
  words: string[];
  /** The name as the list writes it. */
  name: string;
  entries: PlaceEntry[];
  /** Also an ordinary French word ("Tours", "Vue"). */
  common: boolean;
  /** Mostly names a company or a product in the news: needs a locative or administrative cue. */
  otherSense: boolean;
  /** Also a foreign place or a State institution: needs French context. */
  needsContext: boolean;
  /** A département also named like a sea or a direction ("Manche", "Nord"). */
  feature: boolean;
  demonym: boolean;
}

/** A node of the name trie: the names continuing with each next word, and the name ending here. */
export interface TrieNode {
  /** Null on a leaf (most nodes: a map per node would cost ~100k maps). */
  next: Map<string, TrieNode> | null;
  rec: NameRecord | null;
}

/** The loaded gazetteer. */
export interface Gazetteer {
  /** Names by their folded words, one word per level. */
  trie: TrieNode;
  /** Lower-case words (as written and folded) that may start a name: articles, "du", "île", demonyms. */
  lowerStarts: Set<string>;
  /** Demonyms as written and folded ("niçois", "nicois"). */
  demonyms: Set<string>;
  departements: Map<string, PlaceEntry>;
  regions: Map<string, PlaceEntry>;
  communes: Map<string, PlaceEntry>;
}

let loaded: Gazetteer | null = null;

/** The gazetteer (loaded on first call); geo.gazetteer when the asset is missing. */
export function gazetteer(): Gazetteer {
  if (loaded) return loaded;
  const file = process.env.VIGIE_GAZETTEER ?? findAsset(GAZETTEER_ASSET);
  if (!file || !fs.existsSync(file))
    throw new AppError('geo.gazetteer', `${GAZETTEER_ASSET} not found (run npx tsx scripts/build-gazetteer.ts)`);
  loaded = buildGazetteer(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
  return loaded;
}

const isOverseas = (code: string) => code.length === 3 || code.startsWith('97') || code.startsWith('98');

/** Builds the index from the asset's text. */
export function buildGazetteer(text: string): Gazetteer {
  const g: Gazetteer = {
    trie: { next: new Map(), rec: null },
    lowerStarts: new Set(['du', 'au', 'des', 'aux']),
    demonyms: new Set(),
    departements: new Map(),
    regions: new Map(),
    communes: new Map(),
  };
  const add = (name: string, entry: PlaceEntry, common: boolean, demonym = false) => {
    const words = nameKeyWords(name);
    if (!words.length) return;
    const key = words.join(' ');
    if (demonym || NAME_CONNECTORS.has(words[0]!) || GENERIC_IN_NAME.has(words[0]!)) {
      const first = name.split(/[\s'-]/)[0]!.toLowerCase();
      g.lowerStarts.add(first).add(words[0]!);
      if (demonym) g.demonyms.add(first).add(words[0]!);
    }
    let node = g.trie;
    for (const w of words) {
      const next = (node.next ??= new Map());
      let n = next.get(w);
      if (!n) next.set(w, (n = { next: null, rec: null }));
      node = n;
    }
    let rec = node.rec;
    if (!rec) {
      rec = {
        words,
        name,
        entries: [],
        common,
        otherSense: OTHER_SENSE.has(key),
        needsContext: NEEDS_CONTEXT.has(key),
        feature: FEATURE_NAMES.has(key),
        demonym,
      };
      node.rec = rec;
    }
    rec.common ||= common;
    rec.demonym ||= demonym;
    if (!rec.entries.some((e) => e.level === entry.level && e.code === entry.code)) rec.entries.push(entry);
  };
  const communeLines: string[][] = [];
  const aliasLines: string[][] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f[0] === 'R') {
      const e: PlaceEntry = {
        level: 'region',
        code: f[1]!,
        name: f[2]!,
        departements: [],
        region: f[1]!,
        population: 0,
        overseas: isOverseas(f[1]!) || ['01', '02', '03', '04', '06'].includes(f[1]!),
      };
      g.regions.set(e.code, e);
      add(e.name, e, f[3] === 'w');
    } else if (f[0] === 'D') {
      const e: PlaceEntry = {
        level: 'departement',
        code: f[1]!,
        name: f[2]!,
        departements: [f[1]!],
        region: f[3] ?? '',
        population: 0,
        overseas: isOverseas(f[1]!),
      };
      g.departements.set(e.code, e);
      add(e.name, e, f[4] === 'w');
    } else if (f[0] === 'C') communeLines.push(f);
    else if (f[0] === 'A') aliasLines.push(f);
  }
  for (const f of communeLines) {
    const dep = departementOfCommune(f[1]!);
    const e: PlaceEntry = {
      level: 'commune',
      code: f[1]!,
      name: f[2]!,
      departements: [dep],
      region: g.departements.get(dep)?.region ?? '',
      population: Number(f[3]) || 0,
      overseas: isOverseas(dep),
    };
    g.communes.set(e.code, e);
    add(e.name, e, f[4] === 'w');
  }
  // A former commune's name counts as its current commune, with no population of its own.
  for (const f of aliasLines) {
    const to = g.communes.get(f[1]!);
    if (to) add(f[2]!, { ...to, population: 0, alias: 'former' }, f[3] === 'w');
  }
  for (const a of PLACE_ALIASES) {
    const e = aliasEntry(g, a.target, a.name);
    if (e) add(a.name, { ...e, alias: isDemonym(a) ? 'demonym' : 'name' }, !!a.common, isDemonym(a));
  }
  return g;
}

/** The entry an alias target stands for. */
function aliasEntry(g: Gazetteer, t: AliasTarget, name: string): PlaceEntry | null {
  if ('commune' in t) return g.communes.get(t.commune) ?? null;
  if ('region' in t) return g.regions.get(t.region) ?? null;
  const deps = t.departements.map((c) => g.departements.get(c)).filter((e): e is PlaceEntry => !!e);
  if (!deps.length) return null;
  if (deps.length === 1) return deps[0]!;
  const region = deps.every((e) => e.region === deps[0]!.region) ? deps[0]!.region : '';
  return {
    level: 'region',
    code: region,
    name,
    departements: deps.map((e) => e.code),
    region,
    population: 0,
    overseas: deps[0]!.overseas,
  };
}
