/** Recovery passes for broken feed XML, tried only after a strict parse failed (valid feeds pay nothing). */
import { decodeHtmlEntities } from './sanitize';

/** Characters XML 1.0 forbids anywhere (C0 controls except tab, LF, CR; U+FFFE/U+FFFF). */
const ILLEGAL_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

/** The five entities XML predefines; every other name needs a DTD, which feeds never have. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Sections whose text must not be touched: CDATA, comments, processing instructions. */
const VERBATIM = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;

const entityCache = new Map<string, string | null>();

/** Numeric reference(s) for an HTML named entity ("eacute" → "&#233;"), or null when unknown. */
function htmlEntityToNumeric(name: string): string | null {
  let cached = entityCache.get(name);
  if (cached === undefined) {
    const decoded = decodeHtmlEntities(`&${name};`);
    cached = decoded === `&${name};` ? null : Array.from(decoded, (ch) => `&#${ch.codePointAt(0)};`).join('');
    entityCache.set(name, cached);
  }
  return cached;
}

/** True when a numeric character reference names a character XML allows. */
function isLegalCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Fixes ampersands in markup text: bare `&` → `&amp;`, HTML named entities → numeric references. */
function repairAmpersands(segment: string): string {
  return segment.replace(
    /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));|&/g,
    (m, dec: string, hex: string, name: string) => {
      if (dec || hex) return isLegalCodePoint(dec ? Number(dec) : parseInt(hex, 16)) ? m : '';
      if (name) return XML_ENTITIES.has(name) ? m : (htmlEntityToNumeric(name) ?? `&amp;${name};`);
      return '&amp;';
    },
  );
}

/** Windows-1252 characters for code points 0x80–0x9F (publishers write &#146; meaning ’). */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Rewrites numeric references to C1 controls (&#128;–&#159;) as the Windows-1252 characters meant. */
export function demoronizeCharRefs(text: string): string {
  if (!/&#(?:1[2-5]\d|[xX][89][0-9a-fA-F]);/.test(text)) return text;
  return text.replace(/&#(1[2-5]\d|[xX][89][0-9a-fA-F]);/g, (m, code: string) => {
    const cp = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : Number(code);
    return cp >= 0x80 && cp <= 0x9f ? `&#${WINDOWS_1252_C1.codePointAt(cp - 0x80)};` : m;
  });
}

/** Strips characters XML forbids (feeds copy them from CMS fields); cheap enough to run always. */
export function stripIllegalXmlChars(text: string): string {
  ILLEGAL_CHARS.lastIndex = 0;
  return ILLEGAL_CHARS.test(text) ? text.replace(ILLEGAL_CHARS, '') : text;
}

/** Repairs entity errors outside CDATA/comments: unescaped `&` and HTML entities such as `&eacute;`. */
export function repairXmlEntities(text: string): string {
  let out = '';
  let last = 0;
  VERBATIM.lastIndex = 0;
  for (let m = VERBATIM.exec(text); m; m = VERBATIM.exec(text)) {
    out += repairAmpersands(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + repairAmpersands(text.slice(last));
}

/** Elements that may carry inline (X)HTML markup in feeds. */
const MARKUP_ELEMENTS =
  /<((?:(?:atom\w*|content|xhtml|html|dc|dcterms|itunes|rss):)?(?:title|subtitle|tagline|summary|content|description|encoded|body|fullitem|info|rights|copyright))(\s[^>]*?)?(?<!\/)>([\s\S]*?)<\/\1\s*>/g;

/** Cheap pre-check: some markup element whose content starts with a child tag or text then a tag. */
const MARKUP_HINT =
  /<(?:(?:atom\w*|content|xhtml|html|dc|dcterms|itunes|rss):)?(?:title|subtitle|tagline|summary|content|description|encoded|body|fullitem|info|rights|copyright)[\s>][^<]*<[^!/]/;

/**
 * Wraps inline markup of text elements (Atom type="xhtml", RSS naked HTML) in CDATA so the XML
 * tree keeps it as one string in document order (xml2js would split and reorder mixed content).
 */
export function wrapInlineMarkup(text: string): string {
  if (!MARKUP_HINT.test(text)) return text;
  return text.replace(MARKUP_ELEMENTS, (whole, name: string, attrs: string | undefined, inner: string) => {
    if (inner.indexOf('<') === -1 || inner.indexOf('<![CDATA[') !== -1) return whole;
    return `<${name}${attrs ?? ''}><![CDATA[${inner.replace(/]]>/g, ']]&gt;')}]]></${name}>`;
  });
}

/** Opening/closing tags (not comments, PIs, CDATA or declarations) for the truncation scan. */
const TAG =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/**
 * Recovers a truncated document: keeps everything up to the last complete item/entry and closes
 * the elements still open there (or, with no complete item, up to the last complete tag). Null when nothing is left.
 */
export function closeTruncatedDocument(text: string): string | null {
  const ends = [...text.matchAll(/<\/(?:[\w-]+:)?(?:item|entry)\s*>/g)];
  // No complete item: keep the channel/feed metadata up to the last complete tag.
  const cut = ends.length ? ends[ends.length - 1].index + ends[ends.length - 1][0].length : text.lastIndexOf('>') + 1;
  if (cut <= 0) return null;
  const prefix = text.slice(0, cut);
  const stack: string[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(prefix); m; m = TAG.exec(prefix)) {
    if (!m[2] || m[4]) continue;
    if (m[1]) {
      const at = stack.lastIndexOf(m[2]);
      if (at !== -1) stack.length = at;
    } else stack.push(m[2]);
  }
  return (
    prefix +
    stack
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
}
