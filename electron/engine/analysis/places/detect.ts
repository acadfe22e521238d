/**
 * Places named in a text: communes, départements, régions and overseas territories with their
 * INSEE codes. Names are found (match.ts), judged on their context (evidence.ts), then homonyms
 * are resolved: a département code or name in the text, the other places of the item
 * (co-mention consistency), the source's home territory (a prior, never a place by itself),
 * then the population when one commune clearly dominates.
 */
import { judge, type Verdict } from './evidence';
import { gazetteer, type Gazetteer, type PlaceEntry, type PlaceLevel } from './gazetteer';
import { findNames, type NameHit } from './match';
import { PlaceText } from './words';

/** A place of the CLI contract: `{level, code, name}`. */
export interface Place {
  level: PlaceLevel;
  code: string;
  name: string;
}

/** A place found in a text, with where and why. */
export interface PlaceMention extends Place {
  /** Offsets of the name in the text. */
  start: number;
  end: number;
  /** Evidence codes (see evidence.ts) and how a homonym was chosen (departement-code, context, prior, population). */
  reasons: string[];
}

/** Options of detectPlaces. */
export interface DetectOptions {
  /** Home territory of the source (département codes): breaks ties between homonyms only. */
  prior?: readonly string[];
  /** The gazetteer (default: the shipped one). */
  gazetteer?: Gazetteer;
}

/** A metropolitan homonym wins over an overseas one unless it is this many times smaller (national press is metropolitan). */
const OVERSEAS_DISCOUNT = 3;
/** A commune is chosen among homonyms by population only when it is at least this many times bigger than the next. */
const DOMINANCE = 2;

/** Output order of one name's entries: the commune, then the département, then the région. */
const LEVEL_ORDER: Record<PlaceLevel, number> = { commune: 0, departement: 1, region: 2 };

interface Candidate {
  hit: NameHit;
  verdict: Verdict;
  entries: PlaceEntry[];
}

/** Places named in a text, in order of first mention, each with its département (and région overseas). */
export function detectPlaces(text: string, opts: DetectOptions = {}): PlaceMention[] {
  const g = opts.gazetteer ?? gazetteer();
  const words = new PlaceText(text);
  if (!words.length) return [];
  const shouting = isShouting(words);
  const cands: Candidate[] = [];
  for (const hit of findNames(g, words)) {
    const verdict = judge(words, hit, shouting);
    if (verdict.decision !== 'reject') cands.push({ hit, verdict, entries: hit.rec.entries });
  }
  if (!cands.length) return [];

  // Context: départements and régions of places named without doubt, and the source's prior.
  const ctxDeps = new Set<string>();
  const ctxRegions = new Set<string>();
  const note = (e: PlaceEntry) => {
    for (const d of e.departements) ctxDeps.add(d);
    if (e.region) ctxRegions.add(e.region);
  };
  const chosen = new Map<Candidate, { entries: PlaceEntry[]; how: string | null }>();
  for (const c of cands) {
    const r = narrow(g, c);
    if (r && c.verdict.decision === 'accept') {
      chosen.set(c, r);
      r.entries.forEach(note);
    }
  }
  const prior = new Set(opts.prior ?? []);
  const priorRegions = new Set([...prior].map((d) => g.departements.get(d)?.region ?? ''));
  for (let round = 0; round < 2; round++) {
    for (const c of cands) {
      if (chosen.has(c)) continue;
      const inCtx = c.entries.filter(
        (e) => e.departements.some((d) => ctxDeps.has(d)) || (e.level === 'region' && ctxRegions.has(e.code)),
      );
      const inRegion = inCtx.length ? [] : c.entries.filter((e) => e.level !== 'commune' && ctxRegions.has(e.region));
      const inPrior = c.entries.filter((e) => e.departements.some((d) => prior.has(d)) || priorRegions.has(e.code));
      let r: { entries: PlaceEntry[]; how: string | null } | null = null;
      if (inCtx.length) r = { entries: best(inCtx), how: 'context' };
      else if (inRegion.length === 1) r = { entries: inRegion, how: 'context' };
      else if (c.verdict.decision === 'accept' && inPrior.length) r = { entries: best(inPrior), how: 'prior' };
      else if (c.verdict.decision === 'accept') r = byPopulation(c.entries);
      if (r) {
        chosen.set(c, r);
        r.entries.forEach(note);
      }
    }
  }

  const out: PlaceMention[] = [];
  const seen = new Set<string>();
  const push = (p: Place, c: Candidate, how: string | null) => {
    const key = `${p.level}:${p.code}`;
    if (seen.has(key) || !p.code) return;
    seen.add(key);
    const w0 = words.get(c.hit.first)!,
      w1 = words.get(c.hit.end - 1)!;
    out.push({ ...p, start: w0.start, end: w1.end, reasons: how ? [...c.verdict.reasons, how] : c.verdict.reasons });
  };
  for (const c of cands) {
    const r = chosen.get(c);
    if (!r) continue;
    for (const e of [...r.entries].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level])) {
      if (e.level === 'commune') push({ level: 'commune', code: e.code, name: e.name }, c, r.how);
      if (e.level === 'region' && e.code) push({ level: 'region', code: e.code, name: regionName(g, e) }, c, r.how);
      for (const d of e.departements) {
        const dep = g.departements.get(d);
        if (dep) push({ level: 'departement', code: dep.code, name: dep.name }, c, r.how);
      }
      // A single-département overseas région is both ("Guadeloupe": 971 and région 01).
      if (e.level === 'departement' && e.overseas && e.region) {
        const reg = g.regions.get(e.region);
        if (reg) push({ level: 'region', code: reg.code, name: reg.name }, c, r.how);
      }
    }
  }
  return out;
}

/** True when most words of the text are in capitals (capitals then prove nothing). */
function isShouting(words: PlaceText): boolean {
  let letters = 0,
    caps = 0;
  for (let i = 0; i < words.length; i++) {
    const s = words.surfaceAt(i);
    if (s.length < 2 || !words.capitalAt(i)) {
      if (s.length >= 2) letters++;
      continue;
    }
    letters++;
    if (s === s.toUpperCase()) caps++;
  }
  return letters >= 3 && caps >= letters * 0.6;
}

const regionName = (g: Gazetteer, e: PlaceEntry) => g.regions.get(e.code)?.name ?? e.name;

/** The candidate's entries after a written département code and the preposition's level, or null if still ambiguous. */
function narrow(g: Gazetteer, c: Candidate): { entries: PlaceEntry[]; how: string | null } | null {
  let es = c.entries;
  const code = c.verdict.departementCode;
  if (code) {
    const inDep = es.filter((e) => e.departements.includes(code));
    if (inDep.length) return { entries: best(inDep), how: 'departement-code' };
  }
  const hint = c.verdict.levelHint;
  if (hint) {
    const level = es.filter((e) => (hint === 'commune' ? e.level === 'commune' : e.level !== 'commune'));
    if (level.length) es = level;
  }
  if (es.length === 1) return { entries: es, how: null };
  // Several entries in one département (Paris the commune and the département) are one place.
  const deps = new Set(es.flatMap((e) => e.departements));
  if (deps.size === 1 || es.every((e) => e.level !== 'commune')) return { entries: es, how: null };
  void g;
  return null;
}

/** Among entries of one context, the areas (département, région) and the largest commune. */
function best(es: PlaceEntry[]): PlaceEntry[] {
  const areas = es.filter((e) => e.level !== 'commune');
  const towns = es.filter((e) => e.level === 'commune').sort((a, b) => b.population - a.population);
  return towns.length ? [...areas, towns[0]!] : areas;
}

/** A département or région named like communes wins; else the commune that clearly dominates by population. */
function byPopulation(es: PlaceEntry[]): { entries: PlaceEntry[]; how: string } | null {
  const areas = es.filter((e) => e.level !== 'commune');
  if (areas.length) return { entries: areas, how: 'area' };
  const metro = es.some((e) => !e.overseas);
  const eff = (e: PlaceEntry) => (metro && e.overseas ? e.population / OVERSEAS_DISCOUNT : e.population);
  const sorted = [...es].sort((a, b) => eff(b) - eff(a));
  const [a, b] = sorted;
  if (!a || !eff(a)) return null;
  return !b || eff(a) >= DOMINANCE * eff(b) ? { entries: [a], how: 'population' } : null;
}
