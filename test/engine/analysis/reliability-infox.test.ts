import { lookupRating, parseReliabilityCsv } from '../../../electron/engine/analysis/reliability';
import { scoreInfox } from '../../../electron/engine/analysis/infox';
import { scoreBatch } from '../../../electron/engine/analysis/score-batch';
import { createModel, train } from '../../../electron/engine/analysis/learner';
import { infoxFeatures } from '../../../electron/engine/analysis/infox';

const LIST = parseReliabilityCsv('domain,rating\nexample-fake.fr,unreliable\nlegorafi.fr,satire\nlemonde.fr,reliable\ntwitter.com/rumeurs,questionable\n');

describe('reliability lists', () => {
  it('matches subdomains, www and social handles, most specific first', () => {
    expect(lookupRating(LIST, 'https://abonnes.mobile.lemonde.fr/a/b')).toEqual({ domain: 'lemonde.fr', rating: 'reliable' });
    expect(lookupRating(LIST, 'http://www.example-fake.fr/x')?.rating).toBe('unreliable');
    expect(lookupRating(LIST, 'https://twitter.com/rumeurs/status/1')?.rating).toBe('questionable');
    expect(lookupRating(LIST, 'https://twitter.com/autre/status/1')).toBeNull();
    expect(lookupRating(LIST, 'https://notlemonde.fr/')).toBeNull();
  });

  it('rejects unknown ratings with input.invalid', () => {
    expect(() => parseReliabilityCsv('domain,rating\nx.fr,fiable\n')).toThrow(/unknown rating/);
  });
});

describe('infox suspicion reasons', () => {
  it('explains reliability, sensational style and an uncorroborated official claim', () => {
    const r = scoreInfox({ title: 'URGENT !!! Un arrêté préfectoral secret : partagez avant suppression, les médias vous cachent tout', url: 'https://news.example-fake.fr/a', sourceType: 'web' }, { reliability: LIST });
    const signals = r.reasons.map((x) => x.signal);
    expect(signals).toEqual(expect.arrayContaining(['source-reliability', 'sensational-style', 'uncorroborated-official-claim']));
    expect(r.score).toBeGreaterThan(80);
  });

  it('lowers the score for a reliable source and flags a known debunk with its link', () => {
    expect(scoreInfox({ title: 'Le budget adopté', url: 'https://www.lemonde.fr/a' }, { reliability: LIST }).score).toBe(0);
    const r = scoreInfox({ title: 'Le vaccin modifie l’ADN', url: 'https://x.fr/a' }, { debunk: { title: 'Non, le vaccin ne modifie pas l’ADN', link: 'https://factuel.afp.com/x' } });
    expect(r.reasons.find((x) => x.signal === 'already-debunked')?.evidence).toContain('https://factuel.afp.com/x');
  });

  it('shows the contribution of the model learned from analyst verdicts', () => {
    const model = train(createModel(), [
      { features: infoxFeatures({ title: 'INCROYABLE !!! partagez avant suppression', sourceType: 'social' }), label: true },
      { features: infoxFeatures({ title: 'Le conseil municipal vote le budget', url: 'https://x.fr', sourceType: 'press-regional' }), label: false },
    ], { epochs: 30 });
    const r = scoreInfox({ title: 'CHOC !!! partagez avant suppression', sourceType: 'social' }, { model });
    const learned = r.reasons.find((x) => x.signal === 'analyst-verdicts');
    expect(learned?.weight).toBeGreaterThan(0);
    expect(learned?.evidence).toMatch(/2 verdicts/);
  });
});

describe('scoreBatch (vigie score)', () => {
  it('detects a copy-paste campaign across social accounts and a debunk from a factcheck source', () => {
    const text = 'Le gouvernement va interdire les voitures diesel dès lundi prochain selon un document';
    const inputs = [
      ...['a', 'b', 'c', 'd'].map((acct, i) => ({ id: acct, title: text, source: `@${acct}`, sourceType: 'social', published: `2024-05-01T10:0${i}:00Z` })),
      { id: 'fc', title: 'Faux : le gouvernement ne va pas interdire les voitures diesel lundi', source: 'AFP Factuel', sourceType: 'factcheck', url: 'https://factuel.afp.com/diesel', published: '2024-05-01T12:00:00Z' },
    ];
    const out = scoreBatch(inputs);
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd', 'fc']);
    const a = out[0]!;
    expect(a.reasons.map((r) => r.signal)).toEqual(expect.arrayContaining(['infox.copy-paste-campaign', 'infox.already-debunked', 'virality.distinct-outlets']));
    for (const o of out) for (const k of ['virality', 'controversy', 'infox'] as const) { expect(o[k]).toBeGreaterThanOrEqual(0); expect(o[k]).toBeLessThanOrEqual(100); }
    expect(out[4]!.infox).toBeLessThan(a.infox);
  });
});
