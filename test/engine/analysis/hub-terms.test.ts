import { batchNames, clusterDocs, similarPairs, vectorizeBatch } from '../../../electron/engine/analysis/cluster-batch';
import { clusterStream } from '../../../electron/engine/analysis/cluster-stream';
import { HubEvidence, hubWeights, scaleTerms } from '../../../electron/engine/analysis/hub-terms';
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
    expect(byName.get('europe')).toBe(0.5);
    expect(byName.has('laporte')).toBe(false);
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

  it('streamed: once a name has joined items to stories through itself alone, it stops chaining them', () => {
    const titles = [
      ...EUROPE,
      'Le loup progresse en Europe',
      'Les trains de nuit reviennent en Europe',
      'La grippe aviaire frappe Europe',
      'Vague de froid sur Europe',
    ];
    const docs = titles.map((title, i) => ({ title, time: i * 60_000 }));
    const before = clusterStream(docs, { hubs: { linkShare: 0 } });
    expect(new Set(before).size).toBeLessThanOrEqual(2); // the bug: one "Europe" story
    const after = clusterStream(docs);
    // The first items chain before there is evidence (4 items); the later ones stay apart.
    expect(new Set(after.slice(4)).size).toBe(titles.length - 4);
    // A story's name keeps its weight: its items join through other shared words too.
    const story = clusterStream([...titles, ...LAPORTE].map((title, i) => ({ title, time: i * 60_000 })));
    expect(new Set(story.slice(titles.length)).size).toBe(1);
  });

  it('HubEvidence: a name needs minDocs items, then weighs by its linked share (floored)', () => {
    const hubs = new HubEvidence({ linkShare: 0.5, minDocs: 4, floor: 0.5 });
    for (let i = 0; i < 3; i++) hubs.note(7, false);
    expect(hubs.multiplier(7)).toBe(1);
    hubs.note(7, false);
    expect(hubs.multiplier(7)).toBe(0.5);
    for (let i = 0; i < 4; i++) hubs.note(9, i < 1);
    expect(hubs.multiplier(9)).toBe(0.5); // share 0.25 / 0.5
    hubs.note(9, true);
    expect(hubs.multiplier(9)).toBeCloseTo(0.8); // share 0.4 / 0.5
    hubs.decay();
    expect(hubs.multiplier(9)).toBe(1); // halved to 2 items: not judged
    expect(new HubEvidence({ linkShare: 0 }).enabled).toBe(false);
  });
});
