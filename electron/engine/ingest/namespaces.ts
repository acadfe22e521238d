/**
 * Namespace prefixes by URI, not by spelling: a feed may bind Dublin Core to `dcel:`, Atom to
 * `atom10:` or the RSS 1.0 vocabulary itself to `rss:`. The mappers read elements by their
 * preferred prefix (feedparser's table for these namespaces), so the document's tags are renamed
 * to it before parsing; elements of the feed's own vocabulary lose their prefix.
 */
import { FEED_ELEMENTS, ITEM_ELEMENTS } from './feed-nodes';

/** Preferred prefix of each namespace the mappers read; keys are URIs as compared by `uriKey`. */
const PREFERRED_PREFIX: Record<string, string> = {
  'http://purl.org/dc/elements/1.1': 'dc',
  'http://purl.org/dc/terms': 'dcterms',
  'http://purl.org/rss/1.0/modules/content': 'content',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://example.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns': 'atom',
  'http://purl.org/rss/1.0/modules/syndication': 'sy',
  'http://purl.org/rss/1.0/modules/slash': 'slash',
  'http://purl.org/syndication/thread/1.0': 'thr',
  'http://www.georss.org/georss': 'georss',
  'http://www.w3.org/2003/01/geo/wgs84_pos': 'geo',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
};

/** The RSS vocabularies themselves (RSS 1.0, 0.90, UserLand's RSS 2.0 namespaces, RSS 1.1): read unprefixed. */
const RSS_CORE = new Set([
  'http://purl.org/rss/1.0',
  'http://my.netscape.com/rdf/simple/0.9',
  'http://backend.userland.com/rss2',
  'http://backend.userland.com/rss',
  'http://purl.org/net/rss1.1',
]);

/** The Atom vocabularies (1.0, 0.3): core in an Atom document, an extension (`atom:`) in RSS. */
const ATOM = new Set(['http://www.w3.org/2005/atom', 'http://purl.org/atom/ns']);

/** A namespace URI as compared: case-insensitive (feedparser, after iTunes), no trailing '/' or '#'. */
function uriKey(uri: string): string {
  return uri
    .trim()
    .toLowerCase()
    .replace(/[/#]+$/, '');
}

/** `xmlns:prefix="uri"` declarations anywhere in the document (a literal start: the engine scans for it fast). */
const DECLARATION = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])([^"']*)\2/g;

/**
 * Renames of prefix → preferred prefix ('' for the feed's own vocabulary), for the prefixes the
 * document spells otherwise. A prefix bound to two URIs, or a preferred prefix the document
 * already binds to another namespace, is left as it is (renaming would merge distinct names).
 */
export function prefixRenames(xml: string, isAtom: boolean, rootPrefix: string | null): Map<string, string> {
  const renames = new Map<string, string>();
  if (rootPrefix) renames.set(rootPrefix, '');
  if (xml.indexOf('xmlns:') === -1) return renames;
  const bound = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const m of xml.matchAll(DECLARATION)) {
    const key = uriKey(m[3]);
    const before = bound.get(m[1]);
    if (before !== undefined && before !== key) ambiguous.add(m[1]);
    bound.set(m[1], key);
  }
  for (const [prefix, key] of bound) {
    if (ambiguous.has(prefix) || prefix === rootPrefix) continue;
    const core = RSS_CORE.has(key) || (isAtom && ATOM.has(key));
    const target = core ? '' : PREFERRED_PREFIX[key];
    if (target === undefined || target === prefix) continue;
    const taken = target !== '' && bound.has(target) && bound.get(target) !== key;
    if (!taken) renames.set(prefix, target);
  }
  return renames;
}

/** Rewrites start and end tags `<p:x` / `</p:x` with the renames (attributes keep their prefixes). */
export function renamePrefixes(xml: string, renames: Map<string, string>): string {
  if (renames.size === 0) return xml;
  const names = [...renames.keys()].map((p) => p.replace(/[.]/g, '\\.')).join('|');
  return xml.replace(new RegExp(`<(/?)(${names}):(?=[A-Za-z_])`, 'g'), (_m, slash: string, prefix: string) => {
    const target = renames.get(prefix) as string;
    return target ? `<${slash}${target}:` : `<${slash}`;
  });
}

/** Structural elements, besides the fields the mappers capture, whose spelling matters. */
const STRUCTURE = ['rss', 'channel', 'item', 'items', 'image', 'url', 'feed', 'entry', 'name', 'email', 'uri', 'RDF'];

/** Canonical spelling of the unprefixed element names Vigie reads, by lower case. */
const CANONICAL = new Map(
  [...STRUCTURE, ...FEED_ELEMENTS, ...ITEM_ELEMENTS].filter((n) => !n.includes(':')).map((n) => [n.toLowerCase(), n]),
);

/**
 * Element names read case-insensitively, as iTunes and feedparser do (`<TiTlE>` is the title):
 * known names are respelled canonically. Only documents with a tag starting with a capital pay the
 * rewrite (no feed vocabulary name does, save `RDF` which keeps its prefix).
 */
export function normalizeElementCase(xml: string): string {
  if (!/<\/?[A-Z]/.test(xml)) return xml;
  return xml.replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s>/])/g, (m, slash: string, name: string) => {
    const canonical = CANONICAL.get(name.toLowerCase());
    return canonical && canonical !== name ? `<${slash}${canonical}` : m;
  });
}
