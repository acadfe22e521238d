import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rssDocument, respond, startTestServer, type TestServer } from '../helpers/http-test-server';
import { ROOT, TSX, VIGIE, runVigieSync } from '../helpers/cli';

const STARTER = path.join(ROOT, 'assets/starter-sources.opml');
const ENV = { ...process.env, DOTENV_CONFIG_QUIET: 'true' };

/** Runs vigie synchronously (no in-process server may be involved). */
const vigieSync = (args: string[]) => runVigieSync(args);

/** Runs vigie asynchronously so the loopback server in this process can answer. */
function vigieAsync(args: string[], onStderr?: (chunk: string, kill: (sig: NodeJS.Signals) => void) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(TSX, [VIGIE, ...args], { cwd: ROOT, env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr, (sig) => child.kill(sig));
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('vigie sources', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-sources-'));
  const db = path.join(tmp, 'v.db');
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('builds a hashtag feed from --preset mastodon #tag, as the UI does (not https://mastodon.social/@#Kervoal.rss)', () => {
    const tag = vigieSync(['--db', path.join(tmp, 'tag.db'), 'sources', 'add', '--preset', 'mastodon', '#Kervoal']);
    expect(tag.code).toBe(0);
    expect(JSON.parse(tag.stdout).url).toBe('https://mastodon.social/tags/Kervoal.rss');
  });

  it('adds by URL and by preset, imports the starter OPML, lists, exports and removes', () => {
    const a = vigieSync([
      '--db',
      db,
      'sources',
      'add',
      'https://www.lemonde.fr/rss/une.xml',
      '--name',
      'Le Monde',
      '--type',
      'press-national',
      '--priority',
      '--language',
      'fr',
      '--reach',
      '1.2',
    ]);
    expect(a.code).toBe(0);
    const added = JSON.parse(a.stdout);
    expect(added).toMatchObject({
      name: 'Le Monde',
      type: 'press-national',
      priority: true,
      language: 'fr',
      reachWeight: 1.2,
      pollIntervalSec: 90,
    });

    const p = vigieSync(['--db', db, 'sources', 'add', '--preset', 'googlenews', 'réforme des retraites']);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout).url).toBe(
      'https://news.google.com/rss/search?q=r%C3%A9forme%20des%20retraites&hl=fr&gl=FR&ceid=FR:fr',
    );

    const dup = vigieSync(['--db', db, 'sources', 'add', 'https://www.lemonde.fr/rss/une.xml']);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toMatch(/db\.constraint/);
    expect(dup.stdout).toBe('');

    const imp = vigieSync(['--db', db, 'sources', 'import', STARTER]);
    expect(imp.code).toBe(0);
    const summary = JSON.parse(imp.stdout);
    expect(summary.found).toBeGreaterThanOrEqual(40);
    expect(summary.skipped).toBe(1); // Le Monde was already there
    expect(summary.added).toBe(summary.found - 1);

    const list = vigieSync(['--db', db, 'sources', 'list', '--json']);
    const rows = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(summary.added + 2);
    expect(rows[0].health).toHaveProperty('nextCheckAt');

    const human = vigieSync(['--db', db, 'sources', 'list', '--type', 'factcheck']);
    expect(human.stdout).toContain('AFP Factuel');
    expect(human.stdout).not.toContain('Le Figaro');

    const out = path.join(tmp, 'export.opml');
    expect(vigieSync(['--db', db, 'sources', 'export', out]).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('vigie:type="factcheck"');

    const rm = vigieSync(['--db', db, 'sources', 'remove', 'https://www.lemonde.fr/rss/une.xml']);
    expect(JSON.parse(rm.stdout)).toEqual({ removed: added.id, url: 'https://www.lemonde.fr/rss/une.xml' });
    expect(vigieSync(['--db', db, 'sources', 'remove', String(added.id)]).code).not.toBe(0);
  });
});

describe('vigie fetch / run', () => {
  let srv: TestServer;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-fetch-'));
  const db = path.join(tmp, 'v.db');
  beforeAll(async () => {
    srv = await startTestServer({
      '/ok': respond(200, rssDocument('Ok', 4), { 'content-type': 'application/rss+xml', etag: '"x"' }),
      '/gone': respond(410, 'gone'),
    });
  });
  afterAll(async () => {
    await srv.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('fetch --once prints one summary line; a failing source is data, not a crash', async () => {
    expect(vigieSync(['--db', db, 'sources', 'add', srv.at('/ok'), '--type', 'web']).code).toBe(0);
    expect(vigieSync(['--db', db, 'sources', 'add', srv.at('/gone'), '--type', 'web']).code).toBe(0);
    const r = await vigieAsync(['--db', db, 'fetch', '--once']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ sources: 2, ok: 1, errors: 1, items: 4, new: 4 });
    expect(r.stderr).toContain('http.410');
    const again = await vigieAsync(['--db', db, 'fetch', '--once']);
    expect(JSON.parse(again.stdout)).toMatchObject({ sources: 0 });
    const list = vigieSync(['--db', db, 'sources', 'list', '--json'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const gone = list.find((s) => s.url.endsWith('/gone'));
    expect(gone.health).toMatchObject({ errorCount: 1, lastErrorCode: 'http.410' });
  }, 180_000); // a pass is fetch + analysis + rules + outbox now: several CLI runs on a loaded machine

  it('run polls until SIGTERM and exits cleanly with a summary', async () => {
    let sent = false;
    const r = await vigieAsync(['--db', db, 'run', '--grace', '2000'], (stderr, kill) => {
      if (!sent && stderr.includes('polling')) {
        sent = true;
        kill('SIGTERM');
      }
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/SIGTERM, draining/);
    expect(JSON.parse(r.stdout.trim())).toHaveProperty('refreshed');
  });
});
