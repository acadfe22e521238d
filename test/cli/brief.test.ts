/** `vigie --db PATH brief --from ISO --to ISO --format pdf|docx|html|md --out FILE` (binding CLI form). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/engine/db/open';
import { seedItem, seedSource } from '../engine/brief/brief-db';
import { runVigieSync } from '../helpers/cli';

let dir: string;
let dbFile: string;

const vigie = (...args: string[]) => runVigieSync(args);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-brief-'));
  dbFile = path.join(dir, 'v.db');
  const db = openDatabase(dbFile);
  const s = seedSource(db, 'Le Monde', 'press-national');
  seedItem(db, {
    sourceId: s,
    title: 'Guerre en Ukraine : la Russie a pris le contrôle de la centrale de Tchernobyl',
    summary: 'La capitale ukrainienne a imposé un couvre-feu.',
    published: '2022-02-24T13:57:52.000Z',
  });
  seedItem(db, {
    sourceId: s,
    title: 'Guerre en Ukraine : le Donbass, levier stratégique de Vladimir Poutine',
    summary: 'Depuis 2014, le bassin minier est au cœur du conflit.',
    published: '2022-02-24T11:15:58.000Z',
  });
  db.close();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('writes each format, nothing on stdout, exit 0', () => {
  for (const format of ['pdf', 'docx', 'html', 'md']) {
    const out = path.join(dir, `b.${format}`);
    const r = vigie(
      '--db',
      dbFile,
      'brief',
      '--from',
      '2022-02-23T23:00:00Z',
      '--to',
      '2022-02-24T23:00:00Z',
      '--format',
      format,
      '--out',
      out,
    );
    expect(r.stderr).toContain('brief: wrote');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
  }
  expect(fs.readFileSync(path.join(dir, 'b.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  expect(fs.readFileSync(path.join(dir, 'b.docx')).subarray(0, 2).toString()).toBe('PK');
  expect(fs.readFileSync(path.join(dir, 'b.html'), 'utf8')).toContain('jeudi 24 février 2022');
  expect(fs.existsSync(path.join(dir, 'b-volume.png'))).toBe(true);
}, 120_000);

test('bad arguments: non-zero exit with a one-line reason', () => {
  const r = vigie(
    '--db',
    dbFile,
    'brief',
    '--from',
    '2022-02-24T00:00:00Z',
    '--to',
    '2022-02-25T00:00:00Z',
    '--format',
    'odt',
    '--out',
    path.join(dir, 'x.odt'),
  );
  expect(r.code).not.toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain('--format');
  const r2 = vigie(
    '--db',
    dbFile,
    'brief',
    '--from',
    '2022-02-25T00:00:00Z',
    '--to',
    '2022-02-24T00:00:00Z',
    '--format',
    'md',
    '--out',
    path.join(dir, 'x.md'),
  );
  expect(r2.code).not.toBe(0);
  expect(r2.stderr).toContain('input.invalid');
}, 60_000);
