/** Pure parts of the brief: sentence splitting and TF-IDF summaries, schedule times across DST, French formatting, ownership lookup, charts. */
import fs from 'node:fs';
import { renderCharts } from '../../../electron/engine/brief/charts';
import { labelsFor } from '../../../electron/engine/brief/i18n';
import { loadOwnership, ownersOf } from '../../../electron/engine/brief/ownership';
import { defaultPeriod, nextRunAt } from '../../../electron/engine/brief/schedule';
import { splitSentences, summarizeStories } from '../../../electron/engine/brief/summarize';
import { datasetPath, testWithDatasets } from '../../helpers/datasets';

describe('summaries', () => {
  test('splits French sentences, not after M. or initials', () => {
    expect(splitSentences('M. Macron a parlé jeudi. Il a dit « non ». Puis Arnaud B. est parti ! Fin…')).toEqual([
      'M. Macron a parlé jeudi.',
      'Il a dit « non ».',
      'Puis Arnaud B. est parti !',
      'Fin…',
    ]);
  });

  testWithDatasets('picks the sentences specific to the story (TF-IDF against the other stories)', () => {
    const sample = fs
      .readFileSync(datasetPath('lemonde-2022-rss', 'items.sample.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string; description: string });
    const corpus = sample.slice(0, 120).map((it, i) => ({ key: `s${i}`, texts: [it.description], titles: [it.title] }));
    const target = {
      key: 'ukraine',
      texts: [
        'La journée a été chargée. Les troupes russes ont franchi la frontière ukrainienne et bombardé Kiev, Kharkiv et Odessa.',
        'Il faisait beau. Vladimir Poutine a justifié l’invasion de l’Ukraine par la « dénazification » du pays.',
      ],
      titles: ['Guerre en Ukraine'],
    };
    const s = summarizeStories([target], [...corpus, target], { maxSentences: 2 }).get('ukraine')!;
    expect(s).toContain('troupes russes');
    expect(s).toContain('« dénazification »');
    expect(s).not.toContain('Il faisait beau');
    expect(s.indexOf('troupes')).toBeLessThan(s.indexOf('Poutine')); // original order kept
  });

  test('a pronoun-led sentence never stands without the one it refers to', () => {
    const texts = [
      'Le ministre de l’Intérieur a annoncé des renforts de police à Marseille après les fusillades.',
      'Les habitants du quartier des Flamants dénoncent un abandon.',
      'Il a été longuement interrogé sur les fusillades de Marseille et les renforts de police.',
    ];
    const s = summarizeStories(
      [{ key: 'm', texts: [texts[1]!, texts[2]!] }],
      [{ key: 'x', texts: ['Le budget de l’Etat.'] }],
      { maxSentences: 2 },
    ).get('m')!;
    expect(s).toBe('Les habitants du quartier des Flamants dénoncent un abandon.');
    const s2 = summarizeStories([{ key: 'm', texts: [texts[0] + ' ' + texts[2]] }], [], { maxSentences: 2 }).get('m')!;
    expect(s2).toBe(`${texts[0]} ${texts[2]}`);
  });

  test('falls back to a title when there is no chapô, and caps the length', () => {
    const m = summarizeStories(
      [
        {
          key: 'a',
          texts: [],
          titles: ['Guerre en Ukraine : la Russie a pris le contrôle de la centrale de Tchernobyl'],
        },
      ],
      [],
      {},
    );
    expect(m.get('a')).toBe('Guerre en Ukraine : la Russie a pris le contrôle de la centrale de Tchernobyl.');
    const long = Array.from(
      { length: 12 },
      (_, i) =>
        `La phrase numéro ${i} décrit longuement les bombardements russes sur la ville ukrainienne de Kharkiv ${i}.`,
    ).join(' ');
    expect(summarizeStories([{ key: 'b', texts: [long] }], [], { maxChars: 200 }).get('b')!.length).toBeLessThanOrEqual(
      200,
    );
  });
});

describe('schedule', () => {
  test('default period: the 24 h ending at the last 07:00 Paris', () => {
    expect(defaultPeriod(new Date('2022-02-24T09:00:00Z'))).toEqual({
      from: '2022-02-23T06:00:00.000Z',
      to: '2022-02-24T06:00:00.000Z',
    });
    expect(defaultPeriod(new Date('2022-02-24T05:59:00Z'))).toEqual({
      from: '2022-02-22T06:00:00.000Z',
      to: '2022-02-23T06:00:00.000Z',
    });
    // Across the spring DST change the period is 23 h and still ends at 07:00 local.
    expect(defaultPeriod(new Date('2022-03-27T08:00:00Z'))).toEqual({
      from: '2022-03-26T06:00:00.000Z',
      to: '2022-03-27T05:00:00.000Z',
    });
  });

  test('next run at the set local time', () => {
    expect(nextRunAt(new Date('2022-02-24T05:00:00Z'), '07:00').toISOString()).toBe('2022-02-24T06:00:00.000Z');
    expect(nextRunAt(new Date('2022-02-24T06:00:00Z'), '07:00').toISOString()).toBe('2022-02-25T06:00:00.000Z');
    expect(nextRunAt(new Date('2022-07-01T12:00:00Z'), '06:30').toISOString()).toBe('2022-07-02T04:30:00.000Z');
    expect(() => nextRunAt(new Date(), '25:00')).toThrow(RangeError);
  });
});

describe('formatting', () => {
  test('French dates, numbers, changes', () => {
    const L = labelsFor('fr');
    expect(L.longDate('2022-02-24T12:00:00Z', 'Europe/Paris')).toBe('jeudi 24 février 2022');
    expect(L.number(5000)).toBe('5\u202f000');
    expect(L.change(86, 100)).toBe('\u221214\u202f%');
    expect(L.change(3, 0)).toBe('nouveau');
    expect(L.status('debunked')).toBe('démentie');
  });
});

describe('ownership (ODC-By data read at run time)', () => {
  testWithDatasets('finds the owners of an outlet from a source name', () => {
    const t = loadOwnership(datasetPath('medias-francais-ownership'));
    expect(ownersOf(t, 'Le Monde — International')).toEqual(['Groupe Le Monde (100\u202f%)']);
    expect(ownersOf(t, 'Le Monde diplomatique')!.some((o) => o.startsWith('Association Günter-Holzmann'))).toBe(true);
    expect(ownersOf(t, 'Blog inconnu')).toBeNull();
  });
});

describe('charts', () => {
  test('SVG and PNG for both charts, "no data" when empty', () => {
    const L = labelsFor('fr');
    const charts = renderCharts(
      {
        labels: ['07h', '08h', '09h'],
        volume: [
          { type: 'press-national', counts: [1, 4, 2] },
          { type: 'social', counts: [0, 3, 5] },
        ],
        tone: [{ target: 'ministère', values: [-0.2, null, 0.1] }],
      },
      L,
    );
    expect(charts.map((c) => c.key)).toEqual(['volume', 'tone']);
    for (const c of charts) {
      expect(c.svg).toMatch(/^<svg/);
      expect(c.png.subarray(1, 4).toString()).toBe('PNG');
      expect(c.png.length).toBeGreaterThan(5000);
    }
    expect(charts[0]!.svg).toContain('Réseaux sociaux');
    expect(charts[0]!.svg).toContain('Volume par heure et par type de source');
    const empty = renderCharts({ labels: [], volume: [], tone: [] }, L);
    expect(empty[0]!.svg).toContain('Pas de données');
  });
});
