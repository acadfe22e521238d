/** Readers for xml2js nodes (as rss-parser hands them over with keepArray custom fields). */
import type { Author } from '../../../shared/types/feed';

/** An xml2js node: a string, or an object with text `_`, attributes `$` and child arrays. */
export type XmlNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };

/** First node of an optional xml2js array. */
export function first(nodes: unknown): XmlNode | undefined {
  return Array.isArray(nodes) && nodes.length > 0 ? (nodes[0] as XmlNode) : undefined;
}

/** The shared answer for an absent element: mappers ask for dozens per item, an array each would be garbage. */
const NONE: readonly XmlNode[] = Object.freeze([]);

/** All nodes of an optional xml2js array (read-only). */
export function all(nodes: unknown): XmlNode[] {
  return Array.isArray(nodes) ? (nodes as XmlNode[]) : (NONE as XmlNode[]);
}

/** Text content of a node ('' when none); naked markup (`<author><p>Jo</p></author>`) gives its descendants' text. */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  return typeof node._ === 'string' ? node._ : descendantText(node);
}

/** Text of an element's children, in xml2js order (elements without text give ''). */
function descendantText(node: Record<string, unknown>): string {
  let out = '';
  for (const key in node) {
    if (key === '$') continue;
    const children = node[key];
    if (!Array.isArray(children)) continue;
    for (const c of children) {
      const t = typeof c === 'string' ? c : c && typeof c === 'object' ? textOf(c as XmlNode) : '';
      if (t) out = out ? `${out} ${t}` : t;
    }
  }
  return out;
}

/** Trimmed text of the first node of an array, or null when empty. */
export function firstText(nodes: unknown): string | null {
  const t = textOf(first(nodes)).trim();
  return t ? t : null;
}

/** Attribute of a node, or undefined. */
export function attr(node: XmlNode | undefined, name: string): string | undefined {
  if (!node || typeof node === 'string' || !node.$) return undefined;
  const v = node.$[name];
  return typeof v === 'string' ? v : undefined;
}

/** Child array of a node. */
export function child(node: XmlNode | undefined, name: string): unknown {
  return node && typeof node === 'object' ? node[name] : undefined;
}

/** Resolves a URL against a base; returns the input when it cannot be resolved. */
export function resolveUrl(value: string | null | undefined, base: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(v)) return v;
  if (!base) return v;
  try {
    return new URL(v, base).href;
  } catch {
    return v;
  }
}

/** True when a string looks like an absolute http(s) URL (used for RSS guid permalinks). */
export function isHttpUrl(s: string | null | undefined): boolean {
  return !!s && /^https?:\/\/\S+$/i.test(s.trim());
}

/**
 * Parses an RSS person string: "jo@ex.com (Jo Doe)", "Jo Doe <jo@ex.com>", "jo@ex.com" or "Jo Doe".
 * RSS 2.0 asks for the first form; publishers use all of them.
 */
export function parsePerson(raw: string | null | undefined): Author | null {
  const s = raw?.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  let m = /^(?:mailto:)?([^\s()<>]+@[^\s()<>]+)\s*\((.+)\)$/.exec(s);
  if (m) return { name: m[2].trim(), email: m[1] };
  m = /^(.+?)\s*\((?:mailto:)?([^\s()<>]+@[^\s()<>]+)\)$/.exec(s);
  if (m) return { name: m[1].trim(), email: m[2] };
  m = /^(.*?)\s*<([^\s<>]+@[^\s<>]+)>$/.exec(s);
  if (m) return m[1].trim() ? { name: m[1].replace(/^"|"$/g, '').trim(), email: m[2] } : { email: m[2] };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) return { email: s.replace(/^mailto:/i, '') };
  return { name: s };
}

/** Drops duplicate authors (same name and email), keeping order. */
export function uniqueAuthors(authors: (Author | null)[]): Author[] {
  const seen = new Set<string>();
  const out: Author[] = [];
  for (const a of authors) {
    if (!a || (!a.name && !a.email)) continue;
    const key = `${a.name ?? ''}\u0000${a.email ?? ''}`.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}

/** Drops empty and duplicate strings, keeping order. */
export function uniqueStrings(values: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    const t = v?.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}

/** Parses a non-negative integer attribute/text, or null. */
export function toCount(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(String(value).trim());
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}
