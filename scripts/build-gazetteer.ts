/**
 * Builds assets/geo/gazetteer.tsv.gz from the @etalab/decoupage-administratif devDependency
 * (8.6 MB of commune JSON, of which the app needs ~1 MB: code, name, population), see
 * electron/engine/analysis/places/gazetteer-format.ts. Run: `npx tsx scripts/build-gazetteer.ts`.
 * test/engine/analysis/places/gazetteer-asset.test.ts checks the committed asset equals a fresh build.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { GAZETTEER_HEADER } from '../electron/engine/analysis/places/gazetteer-format';

interface Commune {
  code: string;
  nom: string;
  type: string;
  population?: number;
  chefLieu?: string;
}
interface Division {
  code: string;
  nom: string;
  region?: string;
}

const DATA = path.dirname(require.resolve('@etalab/decoupage-administratif/data/communes.json'));
const load = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as T;

/** A hyphenated town is also known by its first part from this population (smaller ones are rarely shortened). */
const SHORT_NAME_POPULATION = 5_000;

/** Articles and elided particles, not counted when asking whether a name is an ordinary word ("L'Union"). */
const ARTICLES = new Set(['le', 'la', 'les', 'l', 'de', 'd', 'du', 'des']);

/** Lower-cased ordinary French words (336k forms, proper nouns mostly absent). */
function frenchWords(): Set<string> {
  const words = require('an-array-of-french-words/index.json') as string[];
  return new Set(words.map((w) => w.toLowerCase()));
}

/** The asset's text (without compression): deterministic for one package version. */
export function buildGazetteerText(): string {
  const words = frenchWords();
  // A name is an ordinary word when it is one word of the list ("Vue", "Tours") or, for a name
  // of several words, when every word is ("Le Bar"): hyphenated names are never flagged.
  const flag = (name: string) => {
    const parts = name
      .toLowerCase()
      .split(/[\s']+/)
      .filter((p) => !ARTICLES.has(p));
    return parts.length > 0 && parts.every((p) => words.has(p)) && !/-/.test(name) ? 'w' : '';
  };
  const lines = [...GAZETTEER_HEADER];
  for (const r of load<Division[]>('regions.json')) lines.push(['R', r.code, r.nom, flag(r.nom)].join('\t'));
  for (const d of load<Division[]>('departements.json'))
    lines.push(['D', d.code, d.nom, d.region ?? '', flag(d.nom)].join('\t'));
  const communes = load<Commune[]>('communes.json');
  const current = new Map<string, string>();
  for (const c of communes)
    if (c.type === 'commune-actuelle') {
      current.set(c.code, c.nom);
      lines.push(['C', c.code, c.nom, String(c.population ?? 0), flag(c.nom)].join('\t'));
    }
  const aliases = new Set<string>();
  for (const c of communes) {
    if (c.type !== 'commune-deleguee' && c.type !== 'commune-associee') continue;
    const to = c.chefLieu ?? c.code;
    if (!current.has(to) || current.get(to) === c.nom) continue;
    const line = ['A', to, c.nom, flag(c.nom)].join('\t');
    if (aliases.has(line)) continue;
    aliases.add(line);
    lines.push(line);
  }
  // Short names of hyphenated towns ("Carhaix" for Carhaix-Plouguer, "Cherbourg" for
  // Cherbourg-en-Cotentin): the first part, when no other commune is named or starts so.
  const byFirstPart = new Map<string, Commune[]>();
  for (const c of communes) {
    if (c.type !== 'commune-actuelle') continue;
    const first = c.nom.split('-')[0]!;
    byFirstPart.set(first, [...(byFirstPart.get(first) ?? []), c]);
  }
  const names = new Set(communes.map((c) => c.nom));
  for (const [first, cs] of byFirstPart) {
    const c = cs[0]!;
    if (cs.length !== 1 || c.nom === first || names.has(first) || (c.population ?? 0) < SHORT_NAME_POPULATION) continue;
    if (
      first.length < 4 ||
      /^(saint|sainte|le|la|les|l'|notre|grand|petit|haut|bas|vieux|neuf|mont|port|pont|val|bourg|ville)/i.test(first)
    )
      continue;
    lines.push(['A', c.code, first, flag(first)].join('\t'));
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  const out = path.resolve(__dirname, '../assets/geo/gazetteer.tsv.gz');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const text = buildGazetteerText();
  fs.writeFileSync(out, zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
  process.stderr.write(`gazetteer: ${text.split('\n').length - 1} lines, ${fs.statSync(out).size} bytes -> ${out}\n`);
}
