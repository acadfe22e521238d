import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LEMONDE_RAW } from '../helpers/lemonde-replica';
import { runVigieSync } from '../helpers/cli';
import { describeWithDatasets } from '../helpers/datasets';

const vigie = runVigieSync;

describeWithDatasets('vigie ingest-files / items / stats', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-ingest-'));
  const db = path.join(tmp, 'v.db');
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('ingests a day of snapshots plus the 0-byte file and prints one JSON summary line', () => {
    const day = path.join(LEMONDE_RAW, '2022', 'Feb', '24');
    const empty = path.join(LEMONDE_RAW, '2022', 'Jul', '05', '19-48-00', '0,2-3208,1-0,0.xml');
    const r = vigie(['--db', db, 'ingest-files', day, empty, '--source-type', 'press-national']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]);
    expect(Object.keys(summary)).toEqual(['files', 'items', 'new', 'errors']);
    expect(summary.files).toBe(17);
    expect(summary.errors).toBe(1);
    expect(summary.items).toBeGreaterThan(summary.new);
    expect(summary.new).toBeGreaterThan(50);
    expect(r.stderr).toContain('0,2-3208,1-0,0.xml');
  });

  it('lists items as one JSON object per line with the contract keys', () => {
    const r = vigie(['--db', db, 'items', '--json', '--query', 'ukraine', '--sort', 'recent', '--limit', '5']);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        [
          'controversy',
          'id',
          'infox',
          'link',
          'places',
          'published',
          'source',
          'sourceType',
          'storyId',
          'summary',
          'title',
          'virality',
        ].sort(),
      );
      expect(row.sourceType).toBe('press-national');
      expect(Array.isArray(row.places)).toBe(true);
      expect(`${row.title} ${row.summary}`.toLowerCase()).toContain('ukraine');
    }
    const dates = rows.map((x) => x.published as string);
    expect([...dates].sort().reverse()).toEqual(dates);
    const bad = vigie(['--db', db, 'items', '--json', '--query', '"((NEAR title:', '--limit', '1']);
    expect(bad.code).toBe(0);
    const badSort = vigie(['--db', db, 'items', '--json', '--sort', 'nope']);
    expect(badSort.code).not.toBe(0);
  });

  it('prints statistics as JSON', () => {
    const r = vigie(['--db', db, 'stats', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.sources).toBe(16);
    expect(s.items).toBeGreaterThan(50);
    expect(s.dbBytes).toBeGreaterThan(0);
    expect(s.perDay.length).toBeGreaterThan(0);
  });

  it('stores without analysing with --no-analyze, and `vigie analyze` builds the stories afterwards', () => {
    const db2 = path.join(tmp, 'bulk.db');
    const day = path.join(LEMONDE_RAW, '2022', 'Feb', '24');
    const r = vigie(['--db', db2, 'ingest-files', day, '--no-analyze']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).new).toBeGreaterThan(50);
    const before = vigie(['--db', db2, 'items', '--json', '--limit', '3'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(before.every((row) => row.storyId === null && row.virality === null)).toBe(true);
    expect(vigie(['--db', db2, 'analyze']).code).toBe(0);
    const after = vigie(['--db', db2, 'items', '--json', '--limit', '3'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(after.every((row) => typeof row.storyId === 'number' && typeof row.virality === 'number')).toBe(true);
  });
});
