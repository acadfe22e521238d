/**
 * The daily brief of 24 Feb 2022 built from real Le Monde snapshots (20–25 Feb) through the app's
 * ingest and analysis, in all four formats, checked as a reader would: PDF text (pdftotext) and
 * page images (pdftoppm), DOCX XML (unzip) and its LibreOffice rendering, HTML self-containment.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { generateBrief, type GeneratedBrief } from '../../../electron/engine/brief/brief';
import type { BriefFormat } from '../../../electron/engine/brief/types';
import { saveDraft } from '../../../electron/engine/db/brief-store';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { datasetPath, describeWithDatasets } from '../../helpers/datasets';
import { buildLemondeDb } from './brief-db';

const FROM = '2022-02-24T00:00:00+01:00';
const TO = '2022-02-25T00:00:00+01:00';
const norm = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

let dir: string;
let db: Db;
const out: Partial<Record<BriefFormat, GeneratedBrief & { file: string; text: string }>> = {};
let selectionTitles: string[] = [];

/** The first `n` headlines of Le Monde's "une" feed as captured on 24 Feb 2022 (19:24). */
function uneHeadlines(n: number): string[] {
  const xml = fs.readFileSync(
    datasetPath('lemonde-2022-rss', 'raw-snapshots', '2022', 'Feb', '24', '19-24-00', '0,2-3208,1-0,0.xml'),
    'utf8',
  );
  return [...xml.matchAll(/<item><title><!\[CDATA\[(.*?)\]\]><\/title>/g)].slice(0, n).map((m) => norm(m[1]!));
}

function docxPart(file: string, part: string): string {
  return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' });
}

function docxText(file: string): string {
  const xml = docxPart(file, 'word/document.xml');
  return norm(
    xml
      .split(/<\/w:p>/)
      .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
      .join(' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

function htmlText(html: string): string {
  return norm(
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

describeWithDatasets('brief from real Le Monde days', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-brief-'));
    db = openDatabase(path.join(dir, 'vigie.db'));
    const built = await buildLemondeDb(db, ['20', '21', '22', '23', '24', '25']);
    expect(built.items).toBeGreaterThan(500);
    // The analysts starred and escalated items of the day and set their order in the draft.
    const day = db
      .prepare(
        "SELECT id, title FROM items WHERE published >= '2022-02-23T23:00:00.000Z' AND published < '2022-02-24T23:00:00.000Z' ORDER BY published LIMIT 3",
      )
      .all() as Array<{ id: number; title: string }>;
    db.prepare('UPDATE items SET starred = 1 WHERE id = ?').run(day[0]!.id);
    db.prepare("UPDATE items SET triage = 'escalated' WHERE id = ?").run(day[1]!.id);
    db.prepare(
      "INSERT INTO item_notes (item_id, author, text, created_at) VALUES (?, 'analyste', ?, '2022-02-24T08:00:00Z')",
    ).run(day[1]!.id, 'À suivre : « réaction » attendue du ministère');
    saveDraft(db, {
      from: new Date(FROM).toISOString(),
      to: new Date(TO).toISOString(),
      order: [`item:${day[1]!.id}`, `item:${day[0]!.id}`],
      analysis: 'L’invasion de l’Ukraine domine l’actualité : « tournant » stratégique.',
    });
    selectionTitles = [day[1]!.title, day[0]!.title];
    for (const format of ['md', 'html', 'pdf', 'docx'] as const) {
      const file = path.join(dir, `synthese.${format}`);
      const r = await generateBrief(db, {
        from: FROM,
        to: TO,
        format,
        out: file,
        options: { marking: 'Diffusion restreinte', ownershipDir: datasetPath('medias-francais-ownership') },
      });
      let text: string;
      if (format === 'pdf') text = norm(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
      else if (format === 'docx') text = docxText(file);
      else if (format === 'html') text = htmlText(r.bytes.toString('utf8'));
      else text = norm(r.bytes.toString('utf8').replace(/\\([\\`*_[\]<>|#])/g, '$1'));
      out[format] = { ...r, file, text };
    }
  }, 180_000);

  afterAll(() => {
    db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('brief of 24 Feb 2022 from real Le Monde days', () => {
    test('the Ukraine story leads, dated in French', () => {
      const m = out.pdf!.model;
      expect(m.dateLabel).toBe('jeudi 24 février 2022');
      expect(m.top[0]!.title).toMatch(/Ukraine|Poutine|Russie/);
      expect(m.top.length).toBeGreaterThanOrEqual(5);
      expect(m.figures.total).toBeGreaterThan(50);
      expect(m.top[0]!.summary.length).toBeGreaterThan(40);
    });

    test.each(['md', 'html', 'pdf', 'docx'] as const)(
      '%s: top headlines, accents and typographic quotes intact',
      (format) => {
        const { text } = out[format]!;
        const found = uneHeadlines(6).filter((h) => text.includes(h));
        expect(found.length).toBeGreaterThanOrEqual(3);
        for (const s of [
          'février',
          'Synthèse quotidienne',
          '«',
          '»',
          '’',
          'Chiffres clés',
          'À retenir',
          'L’invasion de l’Ukraine domine',
          'Groupe Le Monde',
        ])
          expect(text).toContain(s);
        expect(text).not.toMatch(/Ã©|Ã¨|â€|\uFFFD/);
        // Analyst selections in the analyst's order.
        const a = text.indexOf(norm(selectionTitles[0]!)),
          b = text.indexOf(norm(selectionTitles[1]!), a + 1);
        expect(a).toBeGreaterThan(0);
        expect(b).toBeGreaterThan(a);
      },
    );

    test('PDF: embedded DejaVu, page numbers and marking, pages render', () => {
      const { file, text } = out.pdf!;
      expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/DejaVuSans\s.*yes\s+yes\s+yes/);
      expect(text).toContain('Page 1 sur');
      expect(text).toContain('DIFFUSION RESTREINTE');
      execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', '-png', file, path.join(dir, 'page')]);
      const png = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
      expect(fs.statSync(path.join(dir, png)).size).toBeGreaterThan(10_000);
    });

    test('DOCX: valid XML, heading styles, TOC and page fields, marking, chart images; LibreOffice renders it', () => {
      const { file } = out.docx!;
      const xml = docxPart(file, 'word/document.xml');
      expect(() => new XMLParser().parse(xml)).not.toThrow();
      expect((xml.match(/w:pStyle w:val="Heading1"/g) ?? []).length).toBeGreaterThanOrEqual(7);
      expect((xml.match(/w:pStyle w:val="Heading2"/g) ?? []).length).toBeGreaterThanOrEqual(5);
      expect(xml).toMatch(/instrText[^>]*>\s*TOC /);
      const footer = docxPart(file, 'word/footer1.xml');
      expect(footer).toMatch(/>\s*PAGE\s*</);
      expect(footer).toMatch(/>\s*NUMPAGES\s*</);
      expect(docxPart(file, 'word/header1.xml')).toContain('Diffusion restreinte');
      expect(execFileSync('unzip', ['-l', file], { encoding: 'utf8' }).match(/word\/media\/\S+\.png/g)?.length).toBe(2);
      const pdfDir = path.join(dir, 'soffice');
      execFileSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
          '--convert-to',
          'pdf',
          '--outdir',
          pdfDir,
          file,
        ],
        { timeout: 120_000, stdio: 'ignore' },
      );
      const pdf = path.join(pdfDir, 'synthese.pdf');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(norm(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }))).toContain('jeudi 24 février 2022');
    }, 150_000);

    test('HTML: self-contained, no script, no external resource', () => {
      const html = out.html!.bytes.toString('utf8');
      // Booleans, not toMatch: a failure must not print a 100 kB document.
      expect(/<script/i.test(html)).toBe(false);
      expect(/<link\b/i.test(html)).toBe(false);
      expect(/\bsrc\s*=\s*(?!["']?data:)/i.test(html)).toBe(false);
      expect(/url\(\s*["']?https?:/i.test(html)).toBe(false);
      expect(/@import/i.test(html)).toBe(false);
      // Inside the inlined SVG charts too.
      for (const m of html.matchAll(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/g)) {
        const svg = Buffer.from(m[1]!, 'base64').toString('utf8');
        expect(/(?:href|src)\s*=\s*["']https?:|<script|url\(\s*["']?https?:/i.test(svg)).toBe(false);
      }
      expect((html.match(/<img [^>]*src="data:image\/svg\+xml;base64,/g) ?? []).length).toBe(2);
      expect(html).toContain('<html lang="fr">');
    });

    test('Markdown: chart PNGs written beside the file and referenced', () => {
      const md = out.md!;
      expect(md.extraFiles.map((f) => path.basename(f)).sort()).toEqual(['synthese-tone.png', 'synthese-volume.png']);
      for (const f of md.extraFiles) expect(fs.readFileSync(f).subarray(1, 4).toString()).toBe('PNG');
      expect(md.bytes.toString()).toContain('](./synthese-volume.png)');
    });

    test('every generation is logged', () => {
      const n = (db.prepare('SELECT COUNT(*) AS n FROM brief_files').get() as { n: number }).n;
      expect(n).toBe(4);
    });
  });
});
