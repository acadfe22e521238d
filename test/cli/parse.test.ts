/** `vigie parse` end to end: the real CLI in a child process, one JSON line per file. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { datasetPath, testWithDatasets } from '../helpers/datasets';

const ROOT = path.resolve(__dirname, '../..');

/** Runs the CLI with tsx; resolves with exit code, stdout lines and stderr. */
function vigie(args: string[]): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'electron/cli/vigie.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({
          code,
          lines: stdout
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, unknown>),
          stderr,
        });
      },
    );
  });
}

describe('vigie parse', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-parse-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  testWithDatasets('prints one line per file in order, failures included, and exits 0', async () => {
    const lemonde = datasetPath('lemonde-2022-rss/raw-snapshots/2022/Mar/05/18-34-00/0,2-3210,1-0,0.xml');
    const empty = datasetPath('lemonde-2022-rss/raw-snapshots/2022/Jul/05/19-48-00/0,2-3208,1-0,0.xml');
    const html = path.join(tmp, 'page.html');
    fs.writeFileSync(html, '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>');
    const json = datasetPath('feed-rs-fixtures/feed-rs/fixture/jsonfeed/jsonfeed_spec_1.json');
    const missing = path.join(tmp, 'missing.xml');
    const { code, lines, stderr } = await vigie(['parse', lemonde, empty, html, json, missing]);
    expect(code).toBe(0);
    expect(lines.map((l) => [l.file, l.ok])).toEqual([
      [lemonde, true],
      [empty, false],
      [html, false],
      [json, true],
      [missing, false],
    ]);
    expect((lines[1].error as { code: string }).code).toBe('parse.empty');
    expect((lines[2].error as { code: string }).code).toBe('parse.not_a_feed');
    expect(typeof (lines[4].error as { message: string }).message).toBe('string');
    const feed = lines[0].feed as Record<string, unknown>;
    expect(Object.keys(feed)).toEqual(
      expect.arrayContaining([
        'format',
        'title',
        'link',
        'description',
        'language',
        'published',
        'updated',
        'authors',
        'categories',
        'items',
      ]),
    );
    const item = (feed.items as Record<string, unknown>[])[0];
    expect(Object.keys(item)).toEqual(
      expect.arrayContaining([
        'guid',
        'title',
        'link',
        'published',
        'updated',
        'authors',
        'categories',
        'summary',
        'content',
        'enclosures',
      ]),
    );
    expect(item.published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((lines[3].feed as { format: string }).format).toBe('json');
    expect(stderr).not.toMatch(/Error/);
  });

  it('uses --content-type as the charset hint', async () => {
    const file = path.join(tmp, 'koi8.xml');
    fs.writeFileSync(
      file,
      iconv.encode('<rss version="2.0"><channel><title>Новости</title></channel></rss>', 'koi8-r'),
    );
    const { code, lines } = await vigie(['parse', '--content-type', 'application/rss+xml; charset=koi8-r', file]);
    expect(code).toBe(0);
    expect((lines[0].feed as { title: string }).title).toBe('Новости');
  });

  it('resolves relative links against --url, or --content-location before it, and takes --content-language', async () => {
    const file = path.join(tmp, 'relative.xml');
    fs.writeFileSync(
      file,
      '<rss version="2.0"><channel><title>t</title><link>/</link><item><title>i</title><link>a/1</link>' +
        '<description>&lt;a href="/b"&gt;b&lt;/a&gt;</description><enclosure url="c.mp3" type="audio/mpeg" length="1"/></item></channel></rss>',
    );
    const plain = await vigie(['parse', file]);
    expect((plain.lines[0].feed as { items: { link: string }[] }).items[0].link).toBe('a/1');
    const { code, lines } = await vigie(['parse', file, '--url', 'https://www.example.fr/rss/une.xml']);
    expect(code).toBe(0);
    const feed = lines[0].feed as { link: string; items: { link: string; enclosures: { url: string }[] }[] };
    expect(feed.link).toBe('https://www.example.fr/');
    expect(feed.items[0].link).toBe('https://www.example.fr/rss/a/1');
    expect(feed.items[0].enclosures[0].url).toBe('https://www.example.fr/rss/c.mp3');
    const located = await vigie([
      'parse',
      file,
      '--url',
      'https://www.example.fr/rss/une.xml',
      '--content-location',
      '/v2/',
      '--content-language',
      'fr-FR',
    ]);
    const f2 = located.lines[0].feed as { language: string; items: { link: string }[] };
    expect(f2.items[0].link).toBe('https://www.example.fr/v2/a/1');
    expect(f2.language).toBe('fr-fr');
    const bad = await vigie(['parse', file, '--url', 'not-a-url']);
    expect(bad.code).not.toBe(0);
    expect(bad.lines).toEqual([]);
    expect(bad.stderr).toMatch(/not an absolute URL/);
  });
});
