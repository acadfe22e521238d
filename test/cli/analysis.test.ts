/** `vigie cluster`, `vigie score`, `vigie reliability import` and `vigie analyze` through the real CLI. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { datasetPath, testWithDatasets } from '../helpers/datasets';
import { runVigieSync } from '../helpers/cli';

const vigie = runVigieSync;

describe('vigie analysis commands', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-analysis-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  testWithDatasets(
    'cluster --jsonl prints one {id, story} line per input, in order, grouping Google News stories',
    () => {
      const rows = fs
        .readFileSync(datasetPath('fr-news-clustering-googlenews/googlenews_clusters.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .slice(0, 40)
        .map((l) => JSON.parse(l));
      const file = path.join(tmp, 'c.jsonl');
      fs.writeFileSync(file, rows.map((r, i) => JSON.stringify({ id: `t${i}`, title: r.title })).join('\n') + '\n');
      const r = vigie(['cluster', '--jsonl', file]);
      expect(r.code).toBe(0);
      const out = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(out.map((o) => o.id)).toEqual(rows.map((_, i) => `t${i}`));
      for (const o of out) expect(Object.keys(o)).toEqual(['id', 'story']);
      // The first Google News cluster (5 headlines on Jony Ive leaving Apple) mostly shares a story.
      const first = out.slice(0, 5).map((o) => o.story);
      expect(first.filter((s) => s === first[0]).length).toBeGreaterThanOrEqual(4);
    },
  );

  it('cluster --jsonl --topics adds a topic per line: stories of one subject share it', () => {
    const titles = [
      'Réforme des retraites : les syndicats appellent à une nouvelle grève jeudi',
      'Retraites : une nouvelle journée de grève jeudi, annoncent les syndicats',
      'Réforme des retraites : le Conseil d’État rend son avis sur le projet de loi',
      'Retraites : le projet de loi examiné par le Conseil d’État, un avis attendu',
      'Réforme des retraites : les carrières longues, point de friction à l’Assemblée',
      'Retraites : à l’Assemblée, les carrières longues divisent la majorité',
      'Retraites : la mobilisation s’annonce forte dans les raffineries',
      'Raffineries : la grève contre la réforme des retraites se durcit',
      'Tempête : des rafales à 150 km/h attendues sur la Bretagne',
      'Football : le FC Nantes change d’entraîneur',
    ];
    const file = path.join(tmp, 't.jsonl');
    fs.writeFileSync(file, titles.map((title, i) => JSON.stringify({ id: i, title })).join('\n') + '\n');
    const r = vigie(['cluster', '--jsonl', file, '--topics']);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; story: number; topic: number });
    for (const o of out) expect(Object.keys(o)).toEqual(['id', 'story', 'topic']);
    const reform = out.slice(0, 8);
    expect(new Set(reform.map((o) => o.story)).size).toBeGreaterThan(1);
    expect(new Set(reform.map((o) => o.topic)).size).toBe(1);
    expect(out[8]!.topic).not.toBe(reform[0]!.topic);
    expect(out[9]!.topic).not.toBe(reform[0]!.topic);
  });

  it('score --jsonl --reliability prints {id, virality, controversy, infox, reasons} with 0–100 scores', () => {
    const file = path.join(tmp, 's.jsonl');
    fs.writeFileSync(
      file,
      [
        {
          id: 1,
          title: 'URGENT !!! Un décret secret interdit les manifestations, partagez avant suppression',
          url: 'https://blog.infos-libres.example/x',
          sourceType: 'social',
          source: '@a',
          published: '2024-05-01T10:00:00Z',
        },
        {
          id: 2,
          title: 'La police accusée de violences, le préfet doit démissionner, honte !',
          sourceType: 'social',
          source: '@b',
          published: '2024-05-01T10:05:00Z',
        },
        {
          id: 3,
          title: 'Le Sénat adopte la loi de programmation militaire',
          url: 'https://www.lemonde.fr/politique/a',
          sourceType: 'press-national',
          source: 'Le Monde',
          published: '2024-05-01T09:00:00Z',
        },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n'),
    );
    const csv = path.join(tmp, 'r.csv');
    fs.writeFileSync(csv, 'domain,rating\ninfos-libres.example,unreliable\nlemonde.fr,reliable\n');
    const r = vigie(['score', '--jsonl', file, '--reliability', csv]);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual([1, 2, 3]);
    for (const o of out) {
      expect(Object.keys(o)).toEqual(['id', 'virality', 'controversy', 'infox', 'reasons']);
      for (const k of ['virality', 'controversy', 'infox']) {
        expect(o[k]).toBeGreaterThanOrEqual(0);
        expect(o[k]).toBeLessThanOrEqual(100);
      }
      for (const reason of o.reasons) expect(Object.keys(reason)).toEqual(['signal', 'weight', 'evidence']);
    }
    expect(out[0].infox).toBeGreaterThan(80);
    expect(out[0].reasons.map((x: { signal: string }) => x.signal)).toContain('infox.source-reliability');
    expect(out[1].controversy).toBeGreaterThan(out[2].controversy);
    expect(out[2].infox).toBeLessThan(out[0].infox);
  });

  it('rejects a reliability CSV with an unknown rating (non-zero exit, one-line reason)', () => {
    const csv = path.join(tmp, 'bad.csv');
    fs.writeFileSync(csv, 'domain,rating\nx.fr,fiable\n');
    const file = path.join(tmp, 'one.jsonl');
    fs.writeFileSync(file, '{"id":1,"title":"x"}\n');
    const r = vigie(['score', '--jsonl', file, '--reliability', csv]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/input.invalid.*unknown rating/);
    expect(r.stdout).toBe('');
  });

  it('reliability import and analyze work on a database', () => {
    const db = path.join(tmp, 'v.db');
    const csv = path.join(tmp, 'r2.csv');
    fs.writeFileSync(csv, 'domain,rating\nexample.org,questionable\n');
    const imp = vigie(['--db', db, 'reliability', 'import', csv]);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toEqual({ domains: 1 });
    const an = vigie(['--db', db, 'analyze']);
    expect(an.code).toBe(0);
    expect(JSON.parse(an.stdout)).toEqual({ items: 0 });
  });
});
