/** Places in text: the traps of French place names, each decided by its context (hand-written cases). */
import { nameSpans, tokenize } from '../../../../electron/engine/analysis/language';
import { detectPlaces, placeLookup, placesOfItem, sourcePrior } from '../../../../electron/engine/analysis/places';

const deps = (text: string, prior?: string[]) =>
  detectPlaces(text, { prior })
    .filter((p) => p.level === 'departement')
    .map((p) => p.code);
const codes = (text: string) => detectPlaces(text).map((p) => `${p.level}:${p.code}`);

describe('detectPlaces', () => {
  it('finds communes, départements, régions and overseas territories with INSEE codes and offsets', () => {
    const text = 'Incendies : 3 000 personnes évacuées dans l’Aveyron, un village brûlé près de Brest';
    const ps = detectPlaces(text);
    expect(ps.map((p) => `${p.level}:${p.code}:${p.name}`)).toEqual([
      'departement:12:Aveyron',
      'commune:29019:Brest',
      'departement:29:Finistère',
    ]);
    expect(ps.map((p) => text.slice(p.start, p.end))).toEqual(['Aveyron', 'Brest', 'Brest']);
    expect(codes('En Bretagne, la région vote')).toEqual(['region:53']);
    expect(codes('La Guadeloupe en vigilance orange')).toEqual(['departement:971', 'region:01']);
    expect(deps('Nouvelle-Calédonie et Polynésie : deux scrutins')).toEqual(['988', '987']);
  });

  it('does not take people, companies or other senses for places', () => {
    expect(codes('Paris Hilton en visite surprise')).toEqual([]);
    expect(codes('Scopelec, sous-traitant d’Orange, annonce des licenciements')).toEqual([]);
    expect(codes('Orange lance une offre')).toEqual([]);
    expect(deps('La mairie d’Orange proteste')).toEqual(['84']);
    expect(codes('Élisabeth Borne défend sa réforme')).toEqual([]);
    expect(codes('Jean Castex annonce une remise à la pompe')).toEqual([]);
    expect(codes('Castex annonce une remise à la pompe')).toEqual([]);
    expect(codes('Clément Beaune nommé ministre')).toEqual([]);
    expect(codes('La vidéo de l’agression du mari de Nancy Pelosi')).toEqual([]);
    expect(deps('Le parquet de Nancy se dessaisit')).toEqual(['54']);
    expect(codes('La Corée du Nord tire deux missiles')).toEqual([]);
    expect(codes('Explosions sur les gazoducs Nord Stream')).toEqual([]);
    expect(deps('Buitoni : le préfet du Nord prend un arrêté')).toEqual(['59']);
    expect(codes('Le procès de l’attentat de Vienne, en Autriche')).toEqual([]);
    expect(deps('Un festival à Vienne (38) cet été')).toEqual(['38']);
    expect(codes('Elisabeth Borne, la résiliente de Matignon')).toEqual([]);
    expect(codes('Le massacre de la Saint-Barthélemy')).toEqual([]);
    expect(deps('Les élus à Saint-Barthélemy et à Saint-Martin')).toEqual(['977', '978']);
    expect(deps('La sitcom emménage à Paris au bord du canal Saint-Martin')).toEqual(['75']);
    expect(codes('Le duc d’Aumale, prince collectionneur')).toEqual([]);
  });

  it('reads words that are also ordinary words by their context: Tours, Le Mans, Nice, Vue', () => {
    expect(codes('Débat de l’entre-deux-tours : ce qu’il faut savoir')).toEqual([]);
    expect(deps('À Tours, le volley attire la jeunesse')).toEqual(['37']);
    expect(deps('Au programme, le Salon du livre du Mans')).toEqual(['72']);
    expect(deps('Embouteillages au Mans avant les 24 Heures')).toEqual(['72']);
    expect(codes('C’est vraiment nice, ce resto')).toEqual([]);
    expect(deps('Sorties culturelles : que faire à Nice ce week-end ?')).toEqual(['06']);
    expect(codes('Vue sur la mer pour tous')).toEqual([]);
    expect(deps('Un accident à Vue, en Loire-Atlantique')).toEqual(['44']);
    expect(codes('la génération Y et le travail')).toEqual([]);
  });

  it('resolves homonyms: Saint-Denis in 93 or 974, by code, co-mention or the source’s home', () => {
    expect(deps('Le maire de Saint-Denis démet un adjoint')).toEqual(['93']);
    expect(deps('Le maire de Saint-Denis (974) démet un adjoint')).toEqual(['974']);
    expect(deps('La Réunion : à Saint-Denis, la route du littoral coupée')).toEqual(['974']);
    expect(deps('A Saint-Denis, la route du littoral coupée', ['974'])).toEqual(['974']);
    expect(sourcePrior('Le Journal de l’île de la Réunion')).toEqual(['974']);
    expect(sourcePrior('Nice-Matin')).toEqual(['06']);
    expect(sourcePrior('Le Monde')).toEqual([]);
    // The prior breaks ties, and is never a place by itself.
    expect(placesOfItem({ title: 'Grève des enseignants', source: 'Nice-Matin' })).toEqual([]);
  });

  it('maps islands, landmarks, former régions and demonyms where they are unambiguous', () => {
    expect(deps('Un arrêté ordonne aux non-résidents de quitter l’île de Ré')).toEqual(['17']);
    expect(deps('L’île d’Oléron réclame 450 000 euros à Airbnb')).toEqual(['17']);
    expect(deps('Les petites moules de la baie du Mont-Saint-Michel')).toEqual(['50']);
    expect(deps('Mégabassine de Sainte-Soline : 7 questions')).toEqual(['79']);
    expect(deps('Météo Nord-Pas-de-Calais : un temps nuageux')).toEqual(['59', '62']);
    expect(deps('Une pédopsychiatre toulousaine suspendue')).toEqual(['31']);
    expect(codes('Chanter la Marseillaise')).toEqual([]);
    expect(deps('Le Mans, Saint-Etienne et St-Malo accentless or abbreviated')).toEqual(['72', '42', '35']);
  });

  it('gives no capital evidence to a title written in capitals', () => {
    expect(codes('ORANGE AUGMENTE SES PRIX')).toEqual([]);
    expect(deps('INCENDIE À MARSEILLE : DEUX BLESSÉS')).toEqual(['13']);
  });

  it('survives hostile input: empty, huge, odd characters', () => {
    expect(detectPlaces('')).toEqual([]);
    expect(detectPlaces('constructor __proto__ toString')).toEqual([]);
    expect(detectPlaces('\u0000\uFFFD🙂 à Brest 🙂')[0]!.code).toBe('29019');
    const huge = 'à Lyon et ailleurs '.repeat(50_000);
    const t = Date.now();
    expect(deps(huge)).toEqual(['69']);
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});

describe('placeLookup (the language core’s gazetteer)', () => {
  it('marks multi-word places as one name with their code, and leaves the doubtful ones to the name rules', () => {
    const spans = (text: string) =>
      nameSpans(tokenize(text), { places: placeLookup }).map((s) => `${s.kind}:${s.text}:${s.placeId ?? ''}`);
    expect(spans('Une élue de Seine-Saint-Denis à Saint-Martin-de-Ré')).toEqual([
      'place:Seine-Saint-Denis:departement:93',
      'place:Saint-Martin-de-Ré:commune:17369',
    ]);
    expect(spans('Le maire du Mans et Paris Hilton')).not.toContain('place:Paris:departement:75');
    expect(spans('Une grève chez Orange à Brest').filter((s) => s.startsWith('place:'))).toEqual([
      'place:Brest:commune:29019',
    ]);
  });
});
