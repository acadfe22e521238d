import { batchNames, clusterDocs, similarPairs, vectorizeBatch } from '../../../electron/engine/analysis/cluster-batch';
import { hubWeights, scaleTerms } from '../../../electron/engine/analysis/hub-terms';
import { termName } from '../../../electron/engine/analysis/vectors';

// Short unrelated headlines that share one place name, as on a general news day.
const EUROPE = [
  'Les nouvelles routes du gaz vers Europe',
  'Le prix du kérosène de synthèse inquiète Europe',
  'Les pollinisateurs déclinent partout en Europe',
  'Un passe culture qui se répand en Europe',
  'Les batteries chinoises inondent Europe',
  'Qui contrôle le mieux sa police en Europe',
];
// One story: its name comes with other shared words.
const LAPORTE = [
  'Rugby : Laporte placé en garde à vue pour blanchiment',
  'Fraude fiscale : Laporte en garde à vue',
  'Le président de la FFR Laporte en garde à vue pour fraude',
  'Blanchiment de fraude fiscale : Laporte en garde à vue',
  'Nouvelle affaire pour Laporte, placé en garde à vue',
];

describe('hub names', () => {
  const docs = [...EUROPE, ...LAPORTE].map((title) => ({ title }));

  it('weighs a name shared by otherwise unrelated titles less, not a story name', () => {
    const names = batchNames(docs);
    const vectors = vectorizeBatch(docs, undefined, names);
    const hubs = hubWeights(vectors, similarPairs(vectors, docs, 0.08), (id) => names.isName(id));
    const byName = new Map([...hubs].map(([k, m]) => [termName(k), m]));
    expect(byName.get('europ')).toBe(0.5);
    expect(byName.has('laport')).toBe(false);
    // Scaled, not renormalised: the other words keep their weight.
    const scaled = scaleTerms(vectors, hubs)[0]!;
    scaled.keys.forEach((k, i) => expect(scaled.weights[i]).toBeCloseTo(vectors[0]!.weights[i]! * (hubs.get(k) ?? 1)));
  });

  it('keeps unrelated titles sharing one place apart, and the story together', () => {
    const before = clusterDocs(docs, { hubs: { linkShare: 0 } });
    expect(new Set(before.slice(0, EUROPE.length)).size).toBeLessThan(EUROPE.length); // the bug: chained by "Europe"
    const labels = clusterDocs(docs);
    expect(new Set(labels.slice(0, EUROPE.length)).size).toBe(EUROPE.length);
    expect(new Set(labels.slice(EUROPE.length)).size).toBe(1);
  });

  it('needs enough distinct titles to judge a name (near-duplicates count once)', () => {
    const few = [...EUROPE.slice(0, 3), EUROPE[0]!, EUROPE[0]!].map((title) => ({ title }));
    const names = batchNames(few);
    const vectors = vectorizeBatch(few, undefined, names);
    expect(hubWeights(vectors, similarPairs(vectors, few, 0.08), (id) => names.isName(id)).size).toBe(0);
  });
});
