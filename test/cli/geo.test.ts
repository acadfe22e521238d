/** `vigie geo --jsonl` through the real CLI (contract form, no database). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runVigieSync } from '../helpers/cli';

describe('vigie geo', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-geo-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints one {id, places} line per input with levels, INSEE codes and names', () => {
    const file = path.join(tmp, 'in.jsonl');
    const rows = [
      { id: 1, title: 'Paris Hilton en visite surprise' },
      { id: 'b', title: 'Fausse note de la préfecture de Corse-du-Sud sur l’île de Ré', text: null },
      { id: 3, title: 'Le maire de Saint-Denis répond', source: 'Le Journal de l’île de la Réunion' },
      { id: 4, title: 'Mégabassines', text: 'Nouvelle manifestation à Sainte-Soline, dans les Deux-Sèvres.' },
    ];
    fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n\n');
    const r = runVigieSync(['geo', '--jsonl', file]);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toEqual([
      { id: 1, places: [] },
      {
        id: 'b',
        places: [
          { level: 'departement', code: '2A', name: 'Corse-du-Sud' },
          { level: 'departement', code: '17', name: 'Charente-Maritime' },
        ],
      },
      {
        id: 3,
        places: [
          { level: 'commune', code: '97411', name: 'Saint-Denis' },
          { level: 'departement', code: '974', name: 'La Réunion' },
        ],
      },
      {
        id: 4,
        places: [
          { level: 'commune', code: '79297', name: 'Sainte-Soline' },
          { level: 'departement', code: '79', name: 'Deux-Sèvres' },
        ],
      },
    ]);
  });

  it('gives offsets and evidence with --evidence, and a clear error on a broken line', () => {
    const file = path.join(tmp, 'ev.jsonl');
    fs.writeFileSync(file, JSON.stringify({ id: 'x', title: 'À Tours, la fête' }) + '\n');
    const ev = runVigieSync(['geo', '--jsonl', file, '--evidence']);
    expect(JSON.parse(ev.stdout).places[0]).toMatchObject({
      code: '37261',
      start: 2,
      end: 7,
      reasons: ['locative', 'capital'],
    });
    const bad = path.join(tmp, 'bad.jsonl');
    fs.writeFileSync(bad, '{"id": 1, "title": "ok"}\n{not json\n');
    const r = runVigieSync(['geo', '--jsonl', bad]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/bad\.jsonl:2/);
    expect(r.stdout).toBe('');
  });

  it('stores places per item at ingest: vigie items --json gives them and filters by département or région', () => {
    const db = path.join(tmp, 'v.db');
    const feed = path.join(tmp, 'feed.xml');
    const item = (guid: string, title: string, desc: string) =>
      `<item><guid>${guid}</guid><title>${title}</title><description>${desc}</description><link>https://ex.fr/${guid}</link><pubDate>Tue, 24 Jan 2023 10:00:00 GMT</pubDate></item>`;
    fs.writeFileSync(
      feed,
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Le Télégramme</title><link>https://ex.fr</link>${[
        item('a', 'Brest : une usine évacuée', 'Les pompiers du Finistère sont sur place.'),
        item('b', 'Fausse note de la préfecture', 'Un arrêté ordonnerait de quitter l’île de Ré.'),
        item('c', 'Réforme des retraites : la grève continue', 'Mobilisation nationale.'),
        item('d', 'En Bretagne, la région vote son budget', ''),
      ].join('')}</channel></rss>`,
    );
    expect(runVigieSync(['--db', db, 'ingest-files', feed, '--source', 'Le Télégramme']).code).toBe(0);
    const list = (...args: string[]) => {
      const r = runVigieSync(['--db', db, 'items', '--json', ...args]);
      expect(r.code).toBe(0);
      return r.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { title: string; places: unknown[] });
    };
    const all = list();
    const byTitle = new Map(all.map((x) => [x.title, x.places]));
    expect(byTitle.get('Brest : une usine évacuée')).toEqual([
      { level: 'commune', code: '29019', name: 'Brest' },
      { level: 'departement', code: '29', name: 'Finistère' },
    ]);
    expect(byTitle.get('Réforme des retraites : la grève continue')).toEqual([]);
    expect(list('--departement', '29').map((x) => x.title)).toEqual(['Brest : une usine évacuée']);
    expect(list('--departement', '17,2a').map((x) => x.title)).toEqual(['Fausse note de la préfecture']);
    expect(
      list('--region', '53')
        .map((x) => x.title)
        .sort(),
    ).toEqual(['Brest : une usine évacuée', 'En Bretagne, la région vote son budget']);
    const bad = runVigieSync(['--db', db, 'items', '--json', '--departement', 'Finistère']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/INSEE/);
  });
});
