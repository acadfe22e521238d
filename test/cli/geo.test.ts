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
});
