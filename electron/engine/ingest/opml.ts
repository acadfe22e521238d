/**
 * OPML 2.0 import and export of sources. Parsing and writing are pure; importOpml adds the
 * entries through the sources store. A feed's Vigie type travels in a `vigie:type` attribute;
 * from other readers we infer it from the `category` attribute or an enclosing folder whose name
 * is (or translates to) a source type. Entries are deduplicated by feed URL.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { AppError, serializeError, type SerializedError } from '../../../shared/errors';
import { SOURCE_TYPES, type Source, type SourceType } from '../../../shared/types/domain';
import type { Db } from '../db/open';
import { addSource, findSourceByUrl } from '../db/sources-store';

/** Namespace of Vigie's OPML attributes. */
export const VIGIE_OPML_NS = 'https://vigie.app/ns/opml/1.0';

/** One feed found in an OPML file. */
export interface OpmlEntry {
  url: string;
  name: string;
  siteUrl: string | null;
  /** Type from vigie:type, category or folder; null when nothing matched. */
  type: SourceType | null;
  language: string | null;
  priority: boolean;
  reachWeight: number | null;
  /** Enclosing folder names, outermost first. */
  folders: string[];
}

// Folder and category names other readers (and French users) give to our types.
const TYPE_SYNONYMS: Record<string, SourceType> = {
  'presse nationale': 'press-national',
  national: 'press-national',
  'national press': 'press-national',
  'presse régionale': 'press-regional',
  'presse regionale': 'press-regional',
  régional: 'press-regional',
  regional: 'press-regional',
  pqr: 'press-regional',
  télévision: 'tv',
  television: 'tv',
  télé: 'tv',
  radio: 'radio',
  'réseaux sociaux': 'social',
  social: 'social',
  'social media': 'social',
  officiel: 'official',
  officiels: 'official',
  institutions: 'official',
  gouvernement: 'official',
  'fact-checking': 'factcheck',
  'fact-check': 'factcheck',
  vérification: 'factcheck',
  factcheck: 'factcheck',
  web: 'web',
  blogs: 'web',
};

/** Maps a folder or category label to a source type, or null. */
export function typeFromLabel(label: string | undefined | null): SourceType | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if ((SOURCE_TYPES as readonly string[]).includes(l)) return l as SourceType;
  return TYPE_SYNONYMS[l] ?? null;
}

type Outline = Record<string, unknown> & { outline?: Outline[] };

const attr = (o: Outline, name: string): string | undefined => {
  const v = o[name];
  return typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined;
};

/** Parses OPML text into feed entries (nested outlines flattened, duplicates by URL dropped). */
export function parseOpml(xml: string): OpmlEntry[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => name === 'outline',
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (err) {
    throw new AppError('opml.invalid', `not well-formed OPML: ${(err as Error).message}`, {}, { cause: err });
  }
  const opml = doc.opml as { body?: { outline?: Outline[] } | '' } | undefined;
  if (!opml || typeof opml !== 'object') throw new AppError('opml.invalid', 'no <opml> root element');
  const body = typeof opml.body === 'object' ? opml.body : undefined;
  const entries: OpmlEntry[] = [];
  const seen = new Set<string>();
  const walk = (outlines: Outline[] | undefined, folders: string[], folderType: SourceType | null) => {
    for (const o of outlines ?? []) {
      const label = attr(o, 'text') ?? attr(o, 'title');
      const xmlUrl = attr(o, 'xmlUrl') ?? attr(o, 'xmlurl') ?? attr(o, 'url');
      if (!xmlUrl || attr(o, 'type') === 'link') {
        const t = typeFromLabel(attr(o, 'vigie:type')) ?? typeFromLabel(label) ?? folderType;
        walk(o.outline, label ? [...folders, label] : folders, t);
        continue;
      }
      if (seen.has(xmlUrl)) continue;
      seen.add(xmlUrl);
      const categories = (attr(o, 'category') ?? '')
        .split(/[,/]/)
        .map((c) => c.trim())
        .filter(Boolean);
      const type = typeFromLabel(attr(o, 'vigie:type')) ?? categories.map(typeFromLabel).find((t) => t) ?? folderType;
      const reach = Number(attr(o, 'vigie:reach'));
      entries.push({
        url: xmlUrl,
        name: label ?? xmlUrl,
        siteUrl: attr(o, 'htmlUrl') ?? null,
        type,
        language: attr(o, 'language') ?? attr(o, 'vigie:language') ?? null,
        priority: attr(o, 'vigie:priority') === 'true',
        reachWeight: Number.isFinite(reach) && attr(o, 'vigie:reach') !== undefined ? reach : null,
        folders,
      });
      // Some files nest feeds under a feed outline; keep reading.
      if (o.outline) walk(o.outline, folders, folderType);
    }
  };
  walk(body?.outline, [], null);
  return entries;
}

/** Writes sources as OPML 2.0, one folder per type, with vigie:* attributes for a lossless round trip. */
export function buildOpml(
  sources: Array<Pick<Source, 'name' | 'url' | 'siteUrl' | 'type' | 'language' | 'priority' | 'reachWeight'>>,
  title = 'Vigie — sources',
  now = new Date(),
): string {
  const folders = SOURCE_TYPES.map((type) => ({
    '@_text': type,
    '@_title': type,
    outline: sources
      .filter((s) => s.type === type)
      .map((s) => ({
        '@_type': 'rss',
        '@_text': s.name,
        '@_title': s.name,
        '@_xmlUrl': s.url,
        ...(s.siteUrl ? { '@_htmlUrl': s.siteUrl } : {}),
        ...(s.language ? { '@_language': s.language } : {}),
        '@_category': s.type,
        '@_vigie:type': s.type,
        '@_vigie:reach': String(s.reachWeight),
        ...(s.priority ? { '@_vigie:priority': 'true' } : {}),
      })),
  })).filter((f) => f.outline.length > 0);
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
  });
  const xml = builder.build({
    opml: {
      '@_version': '2.0',
      '@_xmlns:vigie': VIGIE_OPML_NS,
      head: { title, dateCreated: now.toUTCString() },
      body: { outline: folders },
    },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

/** Options of importOpml. */
export interface ImportOpmlOptions {
  /** Type of entries whose type cannot be inferred. Default 'web'. */
  defaultType?: SourceType;
  /** Language of entries that declare none. Default null. */
  defaultLanguage?: string | null;
}

/** What importOpml did. */
export interface ImportOpmlResult {
  /** Feeds found in the file (after in-file dedup). */
  found: number;
  added: Source[];
  /** URLs already monitored. */
  skipped: string[];
  /** Entries refused (bad URL…), with the reason. */
  invalid: Array<{ url: string; error: SerializedError }>;
}

/** Imports OPML text into the sources table (one transaction), skipping URLs already present. */
export function importOpml(db: Db, xml: string, opts: ImportOpmlOptions = {}): ImportOpmlResult {
  const entries = parseOpml(xml);
  const result: ImportOpmlResult = { found: entries.length, added: [], skipped: [], invalid: [] };
  db.transaction(() => {
    for (const e of entries) {
      if (findSourceByUrl(db, e.url)) {
        result.skipped.push(e.url);
        continue;
      }
      try {
        result.added.push(
          addSource(db, {
            name: e.name,
            url: e.url,
            siteUrl: e.siteUrl,
            type: e.type ?? opts.defaultType ?? 'web',
            language: e.language ?? opts.defaultLanguage ?? null,
            priority: e.priority,
            reachWeight: e.reachWeight ?? undefined,
          }),
        );
      } catch (err) {
        result.invalid.push({ url: e.url, error: serializeError(err) });
      }
    }
  })();
  return result;
}
