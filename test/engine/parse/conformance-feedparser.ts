/** feedparser (Python) suite: simple expectations mapped onto our model, and the sanitizer's safety corpus. */
import fs from 'node:fs';
import path from 'node:path';
import sanitize from 'sanitize-html';
import { parseFeed } from '../../../electron/engine/ingest/parse-feed';
import type { Feed, FeedItem } from '../../../shared/types/feed';
import { datasetPath } from '../../helpers/datasets';
import { FileChecks, newTally, normText, walkFiles, type Tally } from './conformance-common';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Decodes a Python literal (str with escapes, int, True/False/None); undefined when unsupported. */
export function parsePythonLiteral(src: string): string | number | boolean | null | undefined {
  const s = src.trim();
  if (/^-?\d+$/.test(s)) return Number(s);
  if (s === 'True' || s === 'False') return s === 'True';
  if (s === 'None') return null;
  const m = /^[uU]?(?:'((?:[^'\\]|\\[\s\S])*)'|"((?:[^"\\]|\\[\s\S])*)")$/.exec(s);
  if (!m) return undefined;
  return (m[1] ?? m[2]).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (/^[xuU]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[e] ?? `\\${e}`;
  });
}

/** feedparser's `author` string: "Name (email)", or whichever part exists. */
function personString(a: { name?: string; email?: string } | undefined): string | undefined {
  if (!a) return undefined;
  return a.name && a.email ? `${a.name} (${a.email})` : (a.name ?? a.email);
}

/** Our value for a feedparser path, and how to compare it; undefined when the model has no equivalent. */
function lookup(feed: Feed, fpPath: string): { value: unknown; kind: 'text' | 'exact' } | undefined {
  const steps = [...fpPath.matchAll(/\[(?:'([^']+)'|(\d+))\]|^(feed|entries)|\.(\w+)/g)].map((m): string | number =>
    m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[4] ?? m[3]),
  );
  const [root, ...rest] = steps;
  const key = rest.map((x) => (typeof x === 'number' ? '#' : x)).join('.');
  if (root === 'feed') {
    const map: Record<string, () => unknown> = {
      title: () => feed.title,
      'title_detail.value': () => feed.title,
      subtitle: () => feed.description,
      tagline: () => feed.description,
      description: () => feed.description,
      info: () => feed.description,
      'subtitle_detail.value': () => feed.description,
      link: () => feed.link,
      language: () => feed.language,
      author: () => personString(feed.authors[0]),
      'author_detail.name': () => feed.authors[0]?.name,
      'author_detail.email': () => feed.authors[0]?.email,
      'tags.#.term': () => feed.categories[rest[1] as number],
    };
    const f = map[key];
    return f
      ? { value: f(), kind: key === 'link' || key === 'language' || key.endsWith('email') ? 'exact' : 'text' }
      : undefined;
  }
  const item: FeedItem | undefined = feed.items[rest[0] as number];
  const sub = key.split('.').slice(1).join('.');
  const i = rest[2] as number;
  const itemMap: Record<string, (it: FeedItem) => unknown> = {
    title: (it) => it.title,
    'title_detail.value': (it) => it.title,
    link: (it) => it.link,
    id: (it) => it.guid,
    guid: (it) => it.guid,
    summary: (it) => it.summary ?? it.content,
    description: (it) => it.summary ?? it.content,
    'summary_detail.value': (it) => it.summary ?? it.content,
    'content.#.value': (it) => it.content,
    author: (it) => personString(it.authors[0]),
    'author_detail.name': (it) => it.authors[0]?.name,
    'author_detail.email': (it) => it.authors[0]?.email,
    'tags.#.term': (it) => it.categories[i],
    'enclosures.#.href': (it) => it.enclosures[i]?.url,
    'enclosures.#.type': (it) => it.enclosures[i]?.type,
    'enclosures.#.length': (it) => it.enclosures[i]?.length,
  };
  const f = itemMap[sub];
  if (!f) return undefined;
  const exact = [
    'link',
    'id',
    'guid',
    'author_detail.email',
    'enclosures.#.href',
    'enclosures.#.type',
    'enclosures.#.length',
  ].includes(sub);
  return { value: item ? f(item) : undefined, kind: exact ? 'exact' : 'text' };
}

/** `[not] bozo and <path> == <literal>` or `<path> == <literal>`, else null. */
function simpleExpectation(expect: string): { path: string; literal: string } | null {
  const m =
    /^(?:(?:not\s+)?bozo\s+and\s+)?((?:feed|entries\[\d+\])(?:\[(?:'[^']+'|\d+)\]|\.\w+)+)\s*==\s*([\s\S]+)$/.exec(
      expect.trim(),
    );
  return m ? { path: m[1], literal: m[2] } : null;
}

/** One HTTP header of a feedparser test (`Header: Content-type: …`), case-insensitive. */
function headerOf(m: J, name: string): string | undefined {
  const h = m.httpHeaders as Record<string, string> | null;
  return h ? Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1] : undefined;
}

/** Content-Type header of a feedparser test. */
function contentTypeOf(m: J): string | undefined {
  return headerOf(m, 'content-type');
}

/** Where feedparser's own test server serves its documents: their URL is the base of last resort. */
const FEEDPARSER_SERVER = 'http://127.0.0.1:8097/';

/** parseFeed options for a feedparser test as its server delivers it (URL, Content-Type, -Location, -Language). */
function served(m: J): { contentType?: string; baseUrl: string; contentLocation?: string; contentLanguage?: string } {
  return {
    contentType: contentTypeOf(m),
    baseUrl: FEEDPARSER_SERVER + String(m.path),
    contentLocation: headerOf(m, 'content-location'),
    contentLanguage: headerOf(m, 'content-language'),
  };
}

/** Evaluates every mappable feedparser expectation outside the sanitizer set (which runSanitizerSuite covers). */
export async function runFeedparserManifest(categories?: RegExp): Promise<Tally> {
  const t = newTally(`feedparser manifest${categories ? ` ${categories.source}` : ''}`);
  const root = datasetPath('feedparser-tests');
  const manifest = fs
    .readFileSync(path.join(root, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as J);
  for (const m of manifest) {
    // CDF (Microsoft Channel Definition Format, 1997) is not a feed format Vigie reads.
    if (
      m.category === 'wellformed/sanitize' ||
      m.category === 'wellformed/cdf' ||
      (categories && !categories.test(m.category))
    )
      continue;
    const exp = simpleExpectation(m.expect);
    const literal = exp ? parsePythonLiteral(exp.literal) : undefined;
    const file = path.join(root, m.path);
    if (!exp || literal === undefined || !fs.existsSync(file)) {
      t.skipped++;
      continue;
    }
    const c = new FileChecks(t, m.path);
    let feed: Feed | null = null;
    try {
      feed = await parseFeed(fs.readFileSync(file), { ...served(m), fetchedAt: new Date('2100-01-01') });
    } catch (err) {
      c.fail(`${(err as { code?: string }).code}: ${(err as Error).message}`);
    }
    if (feed) {
      const ours = lookup(feed, exp.path);
      if (ours) {
        if (ours.kind === 'text') c.text(exp.path, literal, ours.value);
        else
          c.check(
            exp.path,
            literal,
            ours.value,
            String(literal).toLowerCase() === String(ours.value ?? '').toLowerCase(),
          );
      }
    }
    c.done();
  }
  return t;
}

/** Tags a sanitized fragment may contain (mirror of the allow-list: anything else is a leak). */
const SAFE_TAGS = new Set([
  'p',
  'br',
  'hr',
  'div',
  'span',
  'b',
  'i',
  'em',
  'strong',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'abbr',
  'acronym',
  'cite',
  'q',
  'blockquote',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'tt',
  'big',
  'time',
  'address',
  'dfn',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'a',
  'img',
  'figure',
  'figcaption',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'colgroup',
  'col',
]);

/** Active content found in an HTML fragment, by walking it with an HTML parser (empty when safe). */
export function findActiveContent(html: string): string[] {
  const found: string[] = [];
  sanitize(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    exclusiveFilter: (frame) => {
      if (!SAFE_TAGS.has(frame.tag)) found.push(`<${frame.tag}>`);
      for (const [name, value] of Object.entries(frame.attribs)) {
        if (/^on/i.test(name) || name === 'style') found.push(`${frame.tag}@${name}`);
        const v = String(value)
          .replace(/[\s\u0000-\u001f]+/g, '')
          .toLowerCase();
        if (/^(javascript|vbscript|data|livescript|mocha):/.test(v))
          found.push(`${frame.tag}@${name}=${v.slice(0, 30)}`);
      }
      return false;
    },
  });
  if (/<\s*(script|iframe|object|embed|applet|form|style|meta|base|link)\b/i.test(html)) found.push('raw active tag');
  return found;
}

/** Safety of a whole parsed feed: HTML fields have no active content, text fields no markup at all. */
export function feedSafetyProblems(feed: Feed): string[] {
  const problems: string[] = [];
  for (const it of feed.items) if (it.content) problems.push(...findActiveContent(it.content));
  const texts = [feed.title, feed.description, ...feed.items.flatMap((it) => [it.title, it.summary])];
  for (const t of texts)
    if (t && /<\s*(script|iframe|object|embed|applet|style)\b|\son\w+\s*=|javascript:/i.test(t))
      problems.push(`text: ${t.slice(0, 60)}`);
  return problems;
}

/**
 * Sanitizer corpus: every feedparser `sanitize` document and every feedvalidator case about
 * HTML/scripts/styles. Safety is checked on all; for feedparser cases with a mappable expectation
 * we also check the harmless text was kept (`textKept`).
 */
export async function runSanitizerSuite(): Promise<{ safety: Tally; textKept: Tally }> {
  const safety = newTally('sanitizer safety (feedparser sanitize + feedvalidator security)');
  const textKept = newTally('sanitizer text kept (feedparser sanitize expectations)');
  const fpRoot = datasetPath('feedparser-tests');
  const expects = new Map<string, string>();
  for (const l of fs.readFileSync(path.join(fpRoot, 'manifest.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const m = JSON.parse(l) as J;
    if (m.category === 'wellformed/sanitize') expects.set(path.join(fpRoot, m.path), m.expect);
  }
  const fvRoot = datasetPath('feedvalidator-testcases');
  const fvCases = fs
    .readFileSync(path.join(fvRoot, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as J)
    .filter((m) =>
      /SecurityRisk|DangerousStyleAttr|ContainsHTML|ContainsScript|ContainsUndeclaredHTML|NotHtml/.test(m.expect),
    )
    .map((m) => path.join(fvRoot, m.path));
  const files = [...walkFiles(path.join(fpRoot, 'tests/wellformed/sanitize')), ...fvCases].filter((f) =>
    fs.existsSync(f),
  );
  for (const file of files) {
    const c = new FileChecks(safety, path.relative(path.dirname(fpRoot), file));
    let feed: Feed | null = null;
    try {
      feed = await parseFeed(fs.readFileSync(file), { fetchedAt: new Date('2100-01-01') });
    } catch (err) {
      // A refused document cannot leak; count it as safe but note non-feed refusals only.
      c.check('parse', 'safe', (err as { code?: string }).code, true);
    }
    if (feed) {
      const problems = feedSafetyProblems(feed);
      c.check('no active content', [], problems, problems.length === 0);
      const exp = expects.has(file) ? simpleExpectation(expects.get(file)!) : null;
      const literal = exp ? parsePythonLiteral(exp.literal) : undefined;
      const ours = exp ? lookup(feed, exp.path) : undefined;
      const k = new FileChecks(textKept, path.basename(file));
      if (ours && typeof literal === 'string') k.text(exp!.path, literal, ours.value);
      k.done();
    }
    c.done();
  }
  return { safety, textKept };
}

export { normText };

/** feedparser encoding + illformed documents with their HTTP headers: they parse, and no U+FFFD appears (bozo cases exempt). */
export async function runFeedparserEncoding(): Promise<Tally> {
  const t = newTally('feedparser encoding/illformed documents (HTTP charset headers, no U+FFFD)');
  const root = datasetPath('feedparser-tests');
  const manifest = fs
    .readFileSync(path.join(root, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as J);
  for (const m of manifest.filter((x) => /^(encoding|illformed)/.test(x.category))) {
    const file = path.join(root, m.path);
    if (!fs.existsSync(file)) continue;
    const c = new FileChecks(t, m.path);
    try {
      const feed = await parseFeed(fs.readFileSync(file), {
        ...served(m),
        fetchedAt: new Date('2100-01-01'),
      });
      // bozo_* documents hold undecodable bytes on purpose (feedparser flags them too).
      c.check('no U+FFFD', 0, null, /\/bozo_/.test(m.path) || !JSON.stringify(feed).includes('\uFFFD'));
    } catch (err) {
      c.fail(`${(err as { code?: string }).code}: ${(err as Error).message}`);
    }
    c.done();
  }
  return t;
}
