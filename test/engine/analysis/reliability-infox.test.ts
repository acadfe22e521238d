import {
  domainFeatures,
  domainModelOf,
  domainProbability,
  lookupRating,
  parseReliabilityCsv,
  type ReliabilityList,
} from '../../../electron/engine/analysis/reliability';
import { claimedDocument, scoreInfox } from '../../../electron/engine/analysis/infox';
import { scoreBatch } from '../../../electron/engine/analysis/score-batch';
import { createModel, train } from '../../../electron/engine/analysis/learner';
import { infoxFeatures } from '../../../electron/engine/analysis/infox';

const LIST = parseReliabilityCsv(
  'domain,rating\nexample-fake.fr,unreliable\nlegorafi.fr,satire\nlemonde.fr,reliable\ntwitter.com/rumeurs,questionable\n',
);

describe('reliability lists', () => {
  it('matches subdomains, www and social handles, most specific first', () => {
    expect(lookupRating(LIST, 'https://abonnes.mobile.lemonde.fr/a/b')).toEqual({
      domain: 'lemonde.fr',
      rating: 'reliable',
    });
    expect(lookupRating(LIST, 'http://www.example-fake.fr/x')?.rating).toBe('unreliable');
    expect(lookupRating(LIST, 'https://twitter.com/rumeurs/status/1')?.rating).toBe('questionable');
    expect(lookupRating(LIST, 'https://twitter.com/autre/status/1')).toBeNull();
    expect(lookupRating(LIST, 'https://notlemonde.fr/')).toBeNull();
  });

  it('rejects unknown ratings with input.invalid', () => {
    expect(() => parseReliabilityCsv('domain,rating\nx.fr,fiable\n')).toThrow(/unknown rating/);
  });
});

describe('domain-resemblance model', () => {
  const WORDS = [
    'matin',
    'soir',
    'journal',
    'courrier',
    'depeche',
    'tribune',
    'progres',
    'eclair',
    'midi',
    'ouest',
    'republicain',
    'provence',
    'gazette',
    'echo',
    'nouvelle',
    'presse',
    'quotidien',
    'monde',
    'vigie',
    'heure',
    'semaine',
    'regard',
    'petit',
    'grand',
  ];
  const JUNK = [
    'verite',
    'cachee',
    'reveil',
    'peuple',
    'libre',
    'complot',
    'mondial',
    'resistance',
    'alerte',
    'secret',
    'eveil',
    'patriote',
  ];
  // Press-like short names vs long phrase-like names on generic TLDs and blog platforms.
  const reliable = WORDS.map((w, i) => `${i % 2 ? 'le' : 'la'}${w}.${i % 3 ? 'fr' : 'com'}`);
  const unreliable = JUNK.flatMap((w, i) => [
    `la-${w}-du-${JUNK[(i + 3) % JUNK.length]}.info`,
    `${w}${JUNK[(i + 5) % JUNK.length]}2017.blogspot.com`,
  ]);
  const csv = (order: string[]) => parseReliabilityCsv('domain,rating\n' + order.join('\n'));
  const rows = [...reliable.map((d) => `${d},reliable`), ...unreliable.map((d) => `${d},unreliable`)];

  it('describes a name by TLD, platform, subdomain, shape and boundary n-grams', () => {
    const f = domainFeatures('www.les-moutons-2017.over-blog.com');
    expect([...f.keys()]).toEqual(
      expect.arrayContaining([
        'tld:com',
        'platform:blog',
        'platform:over-blog.com',
        'shape:hyphens2',
        'shape:digits',
        'shape:length-m',
        'g:^le',
        'g:ns$',
      ]),
    );
    expect(domainFeatures('dailymail.co.uk').has('tok:dailymail')).toBe(true);
    expect(domainFeatures('fr.sott.net').has('sub:fr')).toBe(true);
    // A long name does not outweigh a short one: the n-gram mass stays the same.
    const mass = (d: string) =>
      [...domainFeatures(d)].filter(([k]) => k.startsWith('g:')).reduce((a, [, v]) => a + v * v, 0);
    expect(mass('lesmoutonsenragesdelaville.fr')).toBeCloseTo(mass('lci.fr'), 0);
  });

  it('learns the same model whatever the order of the CSV', () => {
    const a = domainModelOf(csv(rows))!,
      b = domainModelOf(csv([...rows].reverse()))!;
    for (const d of ['la-colere-du-peuple.info', 'lamontagne.fr', 'eveilpatriote.blogspot.com']) {
      expect(domainProbability(a, domainFeatures(d))).toBeCloseTo(domainProbability(b, domainFeatures(d)), 10);
    }
    expect(a.neutral).toBeCloseTo(b.neutral, 10);
  });

  it('gives unlisted look-alikes a suspicious reason and press-like names a reassuring one', () => {
    const list: ReliabilityList = csv(rows);
    const w = (url: string) =>
      scoreInfox({ title: 'Un titre ordinaire', url }, { reliability: list }).reasons.find(
        (r) => r.signal === 'domain-resemblance',
      );
    const junk = w('https://la-colere-du-peuple.info/a')!;
    expect(junk.weight).toBeGreaterThan(5);
    expect(junk.evidence).toMatch(/la-colere-du-peuple\.info non listé ; ressemble à des sites peu fiables/);
    expect(w('https://lamontagne.fr/a')!.weight).toBeLessThan(0);
  });
});

describe('infox suspicion reasons', () => {
  it('keeps a claimed official document pending while its corroboration delay runs', () => {
    const input = {
      title: 'Un décret secret interdit les rassemblements dès demain',
      url: 'https://x.example/a',
      sourceType: 'social',
    };
    expect(claimedDocument(input)).toBe('décret');
    const pending = scoreInfox(input, { claimPendingUntil: '2024-07-02T08:00:00.000Z' }).reasons.find(
      (r) => r.signal === 'official-claim-pending',
    )!;
    expect(pending.evidence).toContain('« décret »');
    expect(pending.evidence).toContain('2024-07-02 08:00 UTC');
    const full = scoreInfox(input).reasons.find((r) => r.signal === 'uncorroborated-official-claim')!;
    expect(full.weight).toBeGreaterThan(pending.weight);
    expect(scoreInfox(input, { officialCorroborated: true }).reasons.map((r) => r.signal)).not.toContain(
      'official-claim-pending',
    );
  });

  it('explains reliability, sensational style and an uncorroborated official claim', () => {
    const r = scoreInfox(
      {
        title: 'URGENT !!! Un arrêté préfectoral secret : partagez avant suppression, les médias vous cachent tout',
        url: 'https://news.example-fake.fr/a',
        sourceType: 'web',
      },
      { reliability: LIST },
    );
    const signals = r.reasons.map((x) => x.signal);
    expect(signals).toEqual(
      expect.arrayContaining(['source-reliability', 'sensational-style', 'uncorroborated-official-claim']),
    );
    expect(r.score).toBeGreaterThan(80);
  });

  it('lowers the score for a reliable source and flags a known debunk with its link', () => {
    expect(
      scoreInfox({ title: 'Le budget adopté', url: 'https://www.lemonde.fr/a' }, { reliability: LIST }).score,
    ).toBe(0);
    const r = scoreInfox(
      { title: 'Le vaccin modifie l’ADN', url: 'https://x.fr/a' },
      { debunk: { title: 'Non, le vaccin ne modifie pas l’ADN', link: 'https://factuel.afp.com/x' } },
    );
    expect(r.reasons.find((x) => x.signal === 'already-debunked')?.evidence).toContain('https://factuel.afp.com/x');
  });

  it('shows the contribution of the model learned from analyst verdicts', () => {
    const model = train(
      createModel(),
      [
        {
          features: infoxFeatures({ title: 'INCROYABLE !!! partagez avant suppression', sourceType: 'social' }),
          label: true,
        },
        {
          features: infoxFeatures({
            title: 'Le conseil municipal vote le budget',
            url: 'https://x.fr',
            sourceType: 'press-regional',
          }),
          label: false,
        },
      ],
      { epochs: 30 },
    );
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
      ...['a', 'b', 'c', 'd'].map((acct, i) => ({
        id: acct,
        title: text,
        source: `@${acct}`,
        sourceType: 'social',
        published: `2024-05-01T10:0${i}:00Z`,
      })),
      {
        id: 'fc',
        title: 'Faux : le gouvernement ne va pas interdire les voitures diesel lundi',
        source: 'AFP Factuel',
        sourceType: 'factcheck',
        url: 'https://factuel.afp.com/diesel',
        published: '2024-05-01T12:00:00Z',
      },
    ];
    const out = scoreBatch(inputs);
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd', 'fc']);
    const a = out[0]!;
    expect(a.reasons.map((r) => r.signal)).toEqual(
      expect.arrayContaining(['infox.copy-paste-campaign', 'infox.already-debunked']),
    );
    // Virality is as of each post's own time: the first post had no echo yet, the fourth had three.
    expect(a.reasons.map((r) => r.signal)).not.toContain('virality.distinct-outlets');
    expect(out[3]!.reasons.find((r) => r.signal === 'virality.distinct-outlets')?.evidence).toBe(
      '4 sources distinctes',
    );
    expect(out[3]!.virality).toBeGreaterThan(a.virality);
    for (const o of out)
      for (const k of ['virality', 'controversy', 'infox'] as const) {
        expect(o[k]).toBeGreaterThanOrEqual(0);
        expect(o[k]).toBeLessThanOrEqual(100);
      }
    expect(out[4]!.infox).toBeLessThan(a.infox);
  });
  it('does not flag the items that relay a debunk (denials, official and fact-check sources)', () => {
    const claim = 'URGENT arrêté préfectoral : tous les non-résidents doivent quitter l’île de Kervoal sous 24h !!';
    const inputs = [
      { id: 'claim', title: claim, source: '@relais', sourceType: 'social', published: '2026-11-22T02:35:00Z' },
      {
        id: 'fc',
        title: 'Faux : la préfecture n’a pas ordonné aux non-résidents de quitter l’île de Kervoal',
        source: 'Les Vérificateurs',
        sourceType: 'factcheck',
        url: 'https://verif.example/kervoal',
        published: '2026-11-22T07:05:00Z',
      },
      {
        id: 'resident',
        title: 'Habitante de Kervoal : l’arrêté préfectoral qui circule sur l’île est faux',
        source: '@habitante',
        sourceType: 'social',
        url: 'https://masto.example/@h/1',
        published: '2026-11-22T08:35:00Z',
      },
      {
        id: 'prefecture',
        title: 'Île de Kervoal : aucun arrêté préfectoral n’ordonne aux non-résidents de quitter l’île',
        source: 'Préfecture',
        sourceType: 'official',
        url: 'https://prefecture.example/kervoal',
        published: '2026-11-22T05:35:00Z',
      },
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

describe('controversy of an item inside its story (vigie score)', () => {
  const polemic = [
    'Scandale : le préfet accusé d’avoir menti sur l’évacuation, la honte, démission !',
    'Évacuation ratée : colère contre le préfet, accusé d’avoir caché la vérité',
    'Le préfet mis en cause : scandale et polémique après l’évacuation du camp',
  ];
  const plain = 'Évacuation du camp : le préfet donnera une conférence de presse à 15 heures';
  it('lifts a plain report in a polemic story covered by several outlets, with the reason', () => {
    const inputs = [...polemic, plain].map((title, i) => ({
      id: i,
      title,
      source: `Journal ${i}`,
      sourceType: 'press-national',
      published: `2024-05-01T1${i}:00:00Z`,
    }));
    const out = scoreBatch(inputs);
    const alone = scoreBatch([{ id: 'p', title: plain, source: 'Journal 3' }])[0]!;
    const lifted = out[3]!;
    expect(lifted.controversy).toBeGreaterThan(alone.controversy);
    const reason = lifted.reasons.find((r) => r.signal === 'controversy.story-controversy')!;
    expect(reason.weight).toBe(lifted.controversy - alone.controversy);
    expect(reason.evidence).toMatch(/4 articles de 4 sources/);
  });
  it('does not lift posts without a named source: they make no multi-outlet polemic', () => {
    const out = scoreBatch([...polemic, plain].map((title, i) => ({ id: i, title, sourceType: 'social' })));
    const alone = scoreBatch([{ id: 'p', title: plain, sourceType: 'social' }])[0]!;
    expect(out[3]!.controversy).toBe(alone.controversy);
    expect(out[3]!.reasons.map((r) => r.signal)).not.toContain('controversy.story-controversy');
  });
});
