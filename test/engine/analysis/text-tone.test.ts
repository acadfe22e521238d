import { computeTone } from '../../../electron/engine/analysis/tone';
import { foldedTokens } from '../../../electron/engine/analysis/lexicon-match';
import { extractTerms, foldAccents, stem, tokenize } from '../../../electron/engine/analysis/text';
import { scoreControversy } from '../../../electron/engine/analysis/controversy';

const tone = (s: string) => computeTone(foldedTokens(s)).score;

describe('French text primitives', () => {
  it('folds accents so scraped headlines without accents share stems', () => {
    expect(foldAccents('Préfète Élysée cœur')).toBe('prefete elysee coeur');
    expect(stem('dévoilées')).toBe(stem('devoilees'));
    expect(stem('réformes')).toBe(stem('reforme'));
  });

  it('drops elisions and weighs entities and numbers more, with multi-word entity keys', () => {
    expect(tokenize("l'iPhone d'Apple")).toEqual(['l', 'iPhone', 'd', 'Apple']);
    const terms = extractTerms('Le designer Jony Ive quitte Apple après 27 ans');
    const byKey = new Map(terms.map((t) => [t.key, t.boost]));
    expect(byKey.get('@jony_ive')).toBeGreaterThan(1);
    expect(byKey.get('#27')).toBeGreaterThan(1);
    expect(byKey.get(stem('quitte'))).toBe(1);
    expect(byKey.has('le')).toBe(false);
  });
});

describe('tone with negation and intensifiers (natural has none)', () => {
  it('turns a negated positive negative', () => {
    expect(tone('une bonne réforme')).toBeGreaterThan(0);
    expect(tone('ce n’est pas une bonne réforme')).toBeLessThan(0);
    expect(tone('une réforme jamais efficace')).toBeLessThan(0);
    expect(tone('une réforme sans intérêt, ni utile')).toBeLessThan(tone('une réforme utile'));
  });

  it('needs "ne" before "plus" to negate ("plus" alone means more)', () => {
    expect(tone('il n’est plus efficace')).toBeLessThan(0);
    expect(tone('plus efficace')).toBeGreaterThan(0);
  });

  it('scales polarity with intensifiers', () => {
    expect(tone('très mauvais')).toBeLessThan(tone('mauvais'));
  });
});

describe('controversy reasons', () => {
  it('explains negative tone toward a watched target, hostility and accusation forms', () => {
    const r = scoreControversy('Honte au préfet incompétent, la police couvre encore une bavure !!');
    const signals = r.reasons.map((x) => x.signal);
    expect(signals).toEqual(expect.arrayContaining(['negative-toward-target', 'polemic-vocabulary', 'accusation-form']));
    expect(r.targetTones.map((t) => t.target)).toEqual(expect.arrayContaining(['préfecture', 'police']));
    expect(r.score).toBeGreaterThan(60);
    for (const reason of r.reasons) { expect(reason.weight).not.toBe(0); expect(reason.evidence.length).toBeGreaterThan(0); }
  });

  it('scores a neutral dispatch low', () => {
    const r = scoreControversy('Le préfet présente le plan de circulation pour le marathon de dimanche');
    expect(r.score).toBeLessThan(20);
  });
});

describe('hostility false friends after accent folding', () => {
  it('does not take "s’attarde" (to linger) for "attardé" nor "salé" for "sale"', () => {
    expect(scoreControversy('Le soleil s’attarde sur la baie').reasons.map((r) => r.signal)).not.toContain('hostility');
    expect(scoreControversy('J’aime le sucré salé').reasons.map((r) => r.signal)).not.toContain('hostility');
    expect(scoreControversy('Quel attardé, sale type').reasons.map((r) => r.signal)).toContain('hostility');
  });
});
