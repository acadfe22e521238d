import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { replicateLeMonde } from '../../helpers/lemonde-replica';
import { describeWithDatasets } from '../../helpers/datasets';

const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(__dirname, 'ingest-child.ts');

/** Runs the child until it has reported `batches` commits, then SIGKILLs it; returns the committed ids. */
function runAndKill(
  dbFile: string,
  dir: string,
  batches: number,
): Promise<{ ids: number[]; lines: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` (not the tsx CLI, which runs the script in a grandchild that SIGKILL would orphan).
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ids: number[] = [];
    let lines = 0;
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.trim()) continue;
        lines++;
        ids.push(...(JSON.parse(line) as { ids: number[] }).ids);
        if (lines === batches) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself (code ${code}): ${stderr}`));
      else resolve({ ids, lines, signal });
    });
  });
}

describeWithDatasets('crash safety of ingestion', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-crash-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('keeps an intact database and every committed item after SIGKILL mid-ingest', async () => {
    const dir = path.join(tmp, 'feeds');
    const { files } = replicateLeMonde(dir, 2);
    const dbFile = path.join(tmp, 'crash.db');
    const batches = Math.floor(files.length / 4 / 3); // about a third of the first pass
    const first = await runAndKill(dbFile, dir, batches);
    expect(first.ids.length).toBeGreaterThan(100);

    const db = new Database(dbFile);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const present = new Set(db.prepare('SELECT id FROM items').pluck().all() as number[]);
    expect(first.ids.filter((id) => !present.has(id))).toEqual([]);
    // The FTS index matches its content table (a torn write would leave them apart).
    expect(() => db.prepare("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')").run()).not.toThrow();
    // Every stored item has its keys and at least one source: batches are all-or-nothing.
    expect(
      db
        .prepare('SELECT count(*) FROM items i WHERE NOT EXISTS (SELECT 1 FROM item_sources s WHERE s.item_id = i.id)')
        .pluck()
        .get(),
    ).toBe(0);
    db.close();

    // A second run resumes on the same database, is killed again, and still loses nothing.
    const second = await runAndKill(dbFile, dir, batches * 2);
    const db2 = new Database(dbFile);
    expect(db2.pragma('integrity_check', { simple: true })).toBe('ok');
    const present2 = new Set(db2.prepare('SELECT id FROM items').pluck().all() as number[]);
    expect([...first.ids, ...second.ids].filter((id) => !present2.has(id))).toEqual([]);
    db2.close();
  }, 180_000); // two SIGKILLed ingest runs of ~700 files: minutes on a loaded 2-core machine
});
