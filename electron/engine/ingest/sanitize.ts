/** Untrusted feed HTML → safe HTML (allow-list) or plain text. Runs for every item, so fast paths matter. */
import sanitize from 'sanitize-html';
import { PARSE_LIMITS } from '../../../shared/defaults';
import { AppError } from '../../../shared/errors';

/**
 * Nesting and size budget of the fragment being sanitized (sanitize-html runs synchronously, so
 * one counter per thread is enough). Checked from sanitize-html's own tag callbacks: the parse
 * stops at the limit instead of going on quadratically.
 */
const budget = { depth: 0, elements: 0 };

/** Starts the budget of one fragment. */
function resetBudget(): void {
  budget.depth = 0;
  budget.elements = 0;
}

/** sanitize-html `onOpenTag`: counts depth and elements, throws `parse.too_complex` past the limits. */
function onOpenTag(): void {
  budget.depth++;
  budget.elements++;
  if (budget.depth > PARSE_LIMITS.maxHtmlDepth)
    throw new AppError('parse.too_complex', `HTML nested deeper than ${PARSE_LIMITS.maxHtmlDepth} elements`, {
      limit: 'depth',
      max: PARSE_LIMITS.maxHtmlDepth,
    });
  if (budget.elements > PARSE_LIMITS.maxHtmlElements)
    throw new AppError('parse.too_complex', `HTML fragment of more than ${PARSE_LIMITS.maxHtmlElements} elements`, {
      limit: 'elements',
      max: PARSE_LIMITS.maxHtmlElements,
    });
}

/** sanitize-html `onCloseTag` (also called for implied and void closes, like htmlparser2's stack). */
function onCloseTag(): void {
  budget.depth--;
}

/** URL schemes a sanitized link or media source may use; everything else (javascript:, data:, vbscript:) is dropped. */
const SAFE_SCHEMES = ['http', 'https', 'mailto'];

/** Text and media elements only: no script, style, form, frame or plugin element survives. */
const ALLOWED_TAGS = [
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
];

/**
 * Elements whose content is dropped with them (scripts, styles, frames, form widgets); <object>
 * fallback text is kept. SVG and MathML are not here: their tags go (an allow-list of vector markup
 * would be a second sanitizer), their text stays (labels, <desc>, formulas); a MathML annotation
 * (the formula's TeX source) would repeat the formula, so it goes whole.
 */
const DROP_CONTENT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'noscript',
  'template',
  'title',
  'xmp',
  'noembed',
  'noframes',
  'iframe',
  'frameset',
  'head',
  'annotation',
  'annotation-xml',
];

/** Attributes naming a URL, resolved against the base and checked against SAFE_SCHEMES. */
const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster'];

const ALLOWED_ATTRIBUTES: sanitize.IOptions['allowedAttributes'] = {
  a: ['href', 'title', 'rel', 'target', 'hreflang'],
  img: ['src', 'alt', 'title', 'width', 'height', 'srcset', 'sizes'],
  video: ['src', 'poster', 'controls', 'width', 'height'],
  audio: ['src', 'controls'],
  source: ['src', 'srcset', 'type', 'media', 'sizes'],
  track: ['src', 'kind', 'srclang', 'label'],
  td: ['colspan', 'rowspan', 'align'],
  th: ['colspan', 'rowspan', 'align', 'scope'],
  col: ['span'],
  colgroup: ['span'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  time: ['datetime'],
  abbr: ['title'],
  acronym: ['title'],
  ol: ['start', 'type'],
  li: ['value'],
  '*': ['lang', 'dir'],
};

/** Resolves a possibly relative URL against base; leaves it untouched when it cannot be resolved. */
function absolutize(value: string, base: string | null | undefined): string {
  if (!base || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('#')) return value;
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

/** Returns a transform that absolutizes URL attributes (and forces safe link targets on <a>). */
function urlTransform(base: string | null | undefined, isLink: boolean): sanitize.Transformer {
  return (tagName, attribs) => {
    const out: sanitize.Attributes = { ...attribs };
    for (const name of URL_ATTRIBUTES) if (out[name]) out[name] = absolutize(out[name].trim(), base);
    // srcset = "url [descriptor], …": resolve each candidate (sanitize-html drops unsafe schemes there).
    if (out.srcset && base)
      out.srcset = out.srcset
        .split(',')
        .map((c) => c.trim().replace(/^\S+/, (u) => absolutize(u, base)))
        .join(', ');
    if (isLink) {
      out.rel = 'noopener noreferrer';
      out.target = '_blank';
    }
    return { tagName, attribs: out };
  };
}

const optionsCache = new Map<string, sanitize.IOptions>();

/** sanitize-html options for one base URL (cached: feeds repeat their base for every item). */
function optionsFor(base: string | null | undefined): sanitize.IOptions {
  const key = base ?? '';
  let opts = optionsCache.get(key);
  if (!opts) {
    const media = urlTransform(base, false);
    opts = {
      allowedTags: ALLOWED_TAGS,
      allowedAttributes: ALLOWED_ATTRIBUTES,
      allowedSchemes: SAFE_SCHEMES,
      allowedSchemesAppliedToAttributes: URL_ATTRIBUTES,
      allowProtocolRelative: true,
      nonTextTags: DROP_CONTENT_TAGS,
      disallowedTagsMode: 'discard',
      onOpenTag,
      onCloseTag,
      transformTags: {
        a: urlTransform(base, true),
        img: media,
        video: media,
        audio: media,
        source: media,
        track: media,
        blockquote: media,
        q: media,
        del: media,
        ins: media,
      },
    };
    if (optionsCache.size > 200) optionsCache.clear();
    optionsCache.set(key, opts);
  }
  return opts;
}

/** SVG text elements, which a drawing lays out apart: a space keeps their words apart once the tags go. */
const SVG_TEXT = /<(?:text|tspan|desc|textPath)\b/gi;

/** Inline SVG with its text elements spaced (no cost without an <svg>). */
function spaceSvgText(html: string): string {
  return html.indexOf('<svg') === -1 && html.indexOf('<SVG') === -1 ? html : html.replace(SVG_TEXT, ' $&');
}

/**
 * Sanitizes untrusted HTML from a feed (throws AppError `parse.too_complex` past PARSE_LIMITS): allow-listed text and media elements, safe URL schemes only,
 * no event handlers or style, links open in a new context with rel="noopener noreferrer", relative
 * URLs resolved against baseUrl. Text with no markup and no entity is returned as is (fast path).
 */
export function sanitizeHtml(html: string, baseUrl?: string | null): string {
  if (!html) return '';
  if (html.indexOf('<') === -1 && html.indexOf('&') === -1) return html.trim();
  resetBudget();
  return sanitize(spaceSvgText(html), optionsFor(baseUrl)).trim();
}

const TEXT_OPTIONS: sanitize.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  nonTextTags: DROP_CONTENT_TAGS,
  disallowedTagsMode: 'discard',
  onOpenTag,
  onCloseTag,
};

/** Block-level boundaries become spaces so "<p>a</p><p>b</p>" reads "a b", not "ab". */
const BLOCK_BOUNDARY =
  /<(?:\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|blockquote|pre|dt|dd|figure|figcaption|table|section|article|header|footer)\b)/gi;

const TEXT_ESCAPES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&nbsp;': '\u00a0',
};

/** Plain text of an HTML fragment: tags removed (script/style content too), entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  if (!html) return '';
  if (html.indexOf('<') === -1 && html.indexOf('&') === -1) return collapseWhitespace(html);
  const spaced = html.indexOf('<') === -1 ? html : spaceSvgText(html.replace(BLOCK_BOUNDARY, ' $&'));
  resetBudget();
  // sanitize-html decodes every entity while parsing and re-escapes only these few on output.
  const text = sanitize(spaced, TEXT_OPTIONS).replace(/&(?:amp|lt|gt|quot|#39|#x27|nbsp);/g, (m) => TEXT_ESCAPES[m]);
  return collapseWhitespace(text);
}

/**
 * Collapses runs of breaking whitespace to one space and trims. No-break spaces (U+00A0, U+202F)
 * are kept: French typography puts them before « : ; ? ! » and inside guillemets.
 */
function collapseWhitespace(s: string): string {
  return s.replace(/[\t\n\v\f\r \u1680\u2000-\u200a\u2028\u2029\u205f\u3000\ufeff]+/g, ' ').trim();
}

/** Decodes HTML character references in plain text ("Caf&eacute;" → "Café"), leaving everything else as is. */
export function decodeHtmlEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  const escaped = text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  resetBudget();
  return sanitize(escaped, TEXT_OPTIONS).replace(/&(?:amp|lt|gt|quot|#39|#x27|nbsp);/g, (m) => TEXT_ESCAPES[m]);
}
