/**
 * The Low items of the trust issue, through the real CLI and engine: --db checks, a database
 * error naming its file, field caps with a note, non-UTF-8 file names, the brief folder confined
 * to its root, app:info without the database path in web mode, and the note about items left
 * unanalysed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../../electron/engine/engine';
import { openDatabase } from '../../electron/engine/db/open';
import { FIELD_LIMITS } from '../../shared/defaults';
import { runVigieSync } from '../helpers/cli';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-low-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const rss = (items: string) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Locale</title><link>https://locale.example.fr/</link><language>fr</language>${items}</channel></rss>`;
const item = (n: number, title = `Le préfet parle ${n}`) =>
  `<item><guid>urn:low:${n}</guid><title>${title}</title><link>https://locale.example.fr/${n}</link><pubDate>Mon, 07 Mar 2022 08:00:00 +0100</pubDate><description>Texte ${n}.</description></item>`;

test('--db "" and --db in a missing folder are refused; nothing is created', () => {
  const empty = runVigieSync(['--db', '', 'stats']);
  expect(empty.code).not.toBe(0);
  expect(empty.stderr).toMatch(/--db: empty path/);
  const missing = path.join(dir, 'nope', 'sub', 'v.db');
  const r = runVigieSync(['--db', missing, 'stats']);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(`the folder ${path.dirname(missing)} does not exist`);
  expect(fs.existsSync(path.join(dir, 'nope'))).toBe(false);
});

test('a database SQLite cannot open fails with db.open naming the file', () => {
  const bad = path.join(dir, 'not-a-db.db');
  fs.writeFileSync(bad, 'ceci n’est pas une base SQLite, mais un texte assez long pour en avoir l’air');
  expect(() => openDatabase(bad)).toThrow(
    expect.objectContaining({ code: 'db.open', message: expect.stringContaining(bad) }),
  );
  const r = runVigieSync(['--db', bad, 'items', '--json']);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(bad);
});

test('ingest: huge fields are cut with a note, non-UTF-8 file names are read, unanalysed items are announced', () => {
  const feeds = path.join(dir, 'feeds');
  fs.mkdirSync(feeds);
  const huge = 'Titre '.repeat(1_600_000); // 9.6 MB
  fs.writeFileSync(path.join(feeds, 'huge.xml'), rss(item(1, huge) + item(2)));
  // « Défense.xml » in Latin-1: not valid UTF-8.
  fs.writeFileSync(
    Buffer.concat([Buffer.from(feeds + path.sep), Buffer.from('D\xe9fense.xml', 'latin1')]),
    rss(item(3)),
  );
  const db = path.join(dir, 'ingest.db');
  const r = runVigieSync(['--db', db, 'ingest-files', feeds, '--no-analyze']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ files: 2, items: 3, new: 3, errors: 0 });
  const items = runVigieSync(['--db', db, 'items', '--json', '--limit', '10']);
  expect(items.stderr).toMatch(/3 stored item\(s\) not analysed yet .*vigie analyze/);
  const titles = items.stdout
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { title: string }).title);
  const long = titles.find((t) => t.startsWith('Titre'))!;
  expect(long.length).toBeLessThanOrEqual(FIELD_LIMITS.titleChars);
  expect(long).toMatch(/… \[tronqué par Vigie : [\d\u202f ]+ caractères sur 9[\d\u202f ]+\]$/);
  expect(titles).toContain('Le préfet parle 3');
  runVigieSync(['--db', db, 'analyze']);
  expect(runVigieSync(['--db', db, 'items', '--json']).stderr).not.toMatch(/not analysed/);
}, 180_000); // three CLI runs over a 9.6 MB file on a loaded machine

test('the brief folder stays inside the briefs root; web mode does not tell the database path', async () => {
  const dbPath = path.join(dir, 'engine.db');
  const engine = createEngine({ dbPath, mode: 'web' });
  try {
    for (const outDir of ['/etc', '../../outside', path.join(os.homedir(), '.ssh')]) {
      const r = await engine.invoke('settings:set', { briefSchedule: { time: '07:00', outDir, formats: ['md'] } });
      expect(r).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    }
    // A symbolic link inside the root that leads out is refused too.
    fs.mkdirSync(path.join(dir, 'briefs'), { recursive: true });
    fs.symlinkSync('/tmp', path.join(dir, 'briefs', 'lien'));
    expect(
      await engine.invoke('settings:set', { briefSchedule: { time: '07:00', outDir: 'lien', formats: ['md'] } }),
    ).toMatchObject({ ok: false });
    const ok = await engine.invoke('settings:set', {
      briefSchedule: { time: '07:00', outDir: 'cabinet', formats: ['md'] },
    });
    expect(ok.ok && ok.value.briefSchedule?.outDir).toBe(path.join(dir, 'briefs', 'cabinet'));
    const info = await engine.invoke('app:info');
    expect(info.ok && info.value.dbPath).toBeNull();
  } finally {
    await engine.close();
  }
  const desktop = createEngine({ dbPath, mode: 'electron' });
  const info = await desktop.invoke('app:info');
  expect(info.ok && info.value.dbPath).toBe(dbPath);
  await desktop.close();
});
