import { computeTone } from '../../../electron/engine/analysis/tone';
import { foldedTokens, socialTokens } from '../../../electron/engine/analysis/lexicon-match';
import { foldAccents, stem, tokenize } from '../../../electron/engine/analysis/text';
import { termName } from '../../../electron/engine/analysis/vectors';
import { countTermIds } from '../../../electron/engine/analysis/story-terms';
import { scoreControversy } from '../../../electron/engine/analysis/controversy';

const tone = (s: string) => computeTone(foldedTokens(s)).score;

describe('French text primitives', () => {
  it('folds accents so scraped headlines without accents share stems', () => {
    expect(foldAccents('Préfète Élysée cœur')).toBe('prefete elysee coeur');
    expect(stem('dévoilées')).toBe(stem('devoilees'));
    expect(stem('réformes')).toBe(stem('reforme'));
  });

  it('weighs names and numbers more, a person by the full name and surname, words by lemma', () => {
    expect(tokenize("l'iPhone d'Apple")).toEqual(['l', 'iPhone', 'd', 'Apple']);
    // countTermIds is what both clusterers use; a title word counts twice (it names the event),
    // so a plain word weighs 2 and an entity or a number more.
    const doc = countTermIds('Le patron Steve Jobs quitte Apple après 27 ans', null);
    const byKey = new Map(doc.ids.map((id, i) => [termName(id), doc.tf[i]!]));
    // A person weighs by the full name and the surname; the given name alone links nothing.
    expect(byKey.get('@steve jobs')).toBeGreaterThan(2);
    expect(byKey.get('jobs')).toBeGreaterThan(2);
    expect(byKey.has('steve')).toBe(false);
    expect(byKey.get('apple')).toBeGreaterThan(2);
    expect(byKey.get('#27')).toBeGreaterThan(2);
    // Words count by their lemma.
    expect(byKey.get('quitter')).toBe(2);
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
    expect(signals).toEqual(
      expect.arrayContaining(['negative-toward-target', 'polemic-vocabulary', 'accusation-form']),
    );
    expect(r.targetTones.map((t) => t.target)).toEqual(expect.arrayContaining(['préfecture', 'police']));
    expect(r.score).toBeGreaterThan(60);
    for (const reason of r.reasons) {
      expect(reason.weight).not.toBe(0);
      expect(reason.evidence.length).toBeGreaterThan(0);
    }
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

describe('hostility in social-media French', () => {
  const signals = (s: string) => scoreControversy(s).reasons.map((r) => r.signal);
  const hostility = (s: string) => scoreControversy(s).reasons.find((r) => r.signal === 'hostility')?.weight ?? 0;

  it('reads elongated letters, leetspeak and SMS insults', () => {
    expect(signals('t un c0nnard')).toContain('hostility');
    expect(signals('quel connnnnard celui-là')).toContain('hostility');
    expect(signals('ftg sérieux')).toContain('hostility');
    expect(socialTokens('nuuuul h24 covid19 1er')).toEqual(['nul', 'h24', 'covid19', '1er']);
  });

  it('tells the verb "s’y attarder" and "l’empire mongol" from the insults', () => {
    expect(signals('je m’y suis pas attardé')).not.toContain('hostility');
    expect(signals('personne ne s’est attardé sur ce point')).not.toContain('hostility');
    expect(signals('l’empire mongol et la horde d’or')).not.toContain('hostility');
    expect(signals('t’es attardé ou quoi')).toContain('hostility');
    expect(signals('trop d’attardés sur ce réseau')).toContain('hostility');
  });

  it('counts dehumanising words only when aimed at people', () => {
    expect(signals('Variole du singe : un premier cas recensé')).not.toContain('hostility');
    expect(signals('en dehors de la ville, la faune sauvage')).not.toContain('hostility');
    expect(signals('ces singes ne respectent rien')).toContain('hostility');
  });

  it('weighs a reported or denied insult less than one addressed to someone', () => {
    expect(hostility('il m’a traité de connard dans la rue')).toBeLessThan(hostility('t’es un connard'));
    expect(hostility('je ne suis pas un gauchiste')).toBeLessThan(hostility('sale gauchiste'));
  });

  it('explains insult frames and a group named in a post, and an insult weighs more in a short post', () => {
    expect(scoreControversy('espèce de bouffon').reasons.find((r) => r.signal === 'insult-form')?.evidence).toBe(
      'espece de bouffon',
    );
    expect(scoreControversy('toujours les migrants').reasons.find((r) => r.signal === 'group-mention')?.evidence).toBe(
      'migrants',
    );
    const long =
      'Le conseil municipal a longuement débattu du budget, des travaux de voirie, de la cantine, des horaires de la piscine et du marché de Noël, puis un élu a lancé « connard » à un collègue avant la clôture de la séance tardive de ce jeudi soir';
    expect(hostility('bande de connards')).toBeGreaterThan(hostility(long));
  });
});
