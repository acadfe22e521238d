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
  it('does not flag the items that relay a debunk (denials, official and fact-check sources)', () => {
    const claim = 'URGENT arrêté préfectoral : tous les non-résidents doivent quitter l’île de Kervoal sous 24h !!';
    const inputs = [
      { id: 'claim', title: claim, source: '@relais', sourceType: 'social', published: '2026-11-22T02:35:00Z' },
      { id: 'fc', title: 'Faux : la préfecture n’a pas ordonné aux non-résidents de quitter l’île de Kervoal', source: 'Les Vérificateurs', sourceType: 'factcheck', url: 'https://verif.example/kervoal', published: '2026-11-22T07:05:00Z' },
      { id: 'resident', title: 'Habitante de Kervoal : l’arrêté préfectoral qui circule sur l’île est faux', source: '@habitante', sourceType: 'social', url: 'https://masto.example/@h/1', published: '2026-11-22T08:35:00Z' },
      { id: 'prefecture', title: 'Île de Kervoal : aucun arrêté préfectoral n’ordonne aux non-résidents de quitter l’île', source: 'Préfecture', sourceType: 'official', url: 'https://prefecture.example/kervoal', published: '2026-11-22T05:35:00Z' },
    ];
    const out = new Map(scoreBatch(inputs).map((o) => [o.id, o]));
    const signals = (id: string) => out.get(id)!.reasons.map((r) => r.signal);
    // The three items are one story with the claim; only the claim is "already debunked".
    expect(signals('claim')).toContain('infox.already-debunked');
    for (const id of ['resident', 'prefecture']) {
      expect(signals(id)).not.toContain('infox.already-debunked');
      expect(signals(id)).not.toContain('infox.uncorroborated-official-claim');
      expect(out.get(id)!.infox).toBeLessThan(out.get('claim')!.infox);
    }
    expect(signals('resident')).toContain('infox.relays-debunk');
  });
});
