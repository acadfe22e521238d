/**
 * Last-resort reader for XML that strict parsing rejects even after repair (mismatched or unclosed
 * tags). fast-xml-parser tolerates them; its tree is shaped like xml2js's so the same mappers apply.
 */
import { XMLParser } from 'fast-xml-parser';
import type { RawNodes } from './feed-nodes';

/** Element arrays everywhere (like xml2js explicitArray), attributes under `$`, text under `_`. */
const lenientParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  textNodeName: '_',
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

type Node = Record<string, unknown>;

/** An element as the mappers expect it: `x:<child>` arrays and `x:$` attributes. */
function toRaw(el: unknown): RawNodes {
  const raw: RawNodes = {};
  if (!el || typeof el !== 'object') return raw;
  for (const [key, value] of Object.entries(el as Node))
    raw[`x:${key}`] = key === '$' && Array.isArray(value) ? value[0] : value;
  return raw;
}

/** Normalizes fast-xml-parser nodes to xml2js's shape: `$` as an object, whitespace-only text dropped. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (!value || typeof value !== 'object') return value;
  const out: Node = {};
  for (const [k, v] of Object.entries(value as Node)) {
    if (k === '$') out.$ = Array.isArray(v) ? v[0] : v;
    else if (k === '_') out._ = Array.isArray(v) ? v.join('') : v;
    else out[k] = normalize(v);
  }
  const keys = Object.keys(out);
  if (keys.length === 1 && typeof out._ === 'string') return out._;
  if (typeof out._ === 'string' && !out._.trim() && keys.length > 1) delete out._;
  return keys.length === 0 ? '' : out;
}

/** Feed-level raw nodes and item raw nodes, or null when the document has no feed root. */
export function parseLenient(
  xml: string,
  format: 'rss' | 'rdf' | 'atom',
): { feed: RawNodes; items: RawNodes[] } | null {
  const doc = normalize(lenientParser.parse(xml)) as Node;
  const rootKey = Object.keys(doc).find((k) =>
    format === 'atom' ? k === 'feed' : format === 'rss' ? k === 'rss' : /(^|:)RDF$/i.test(k),
  );
  const root = rootKey ? (doc[rootKey] as Node[])[0] : undefined;
  if (!root || typeof root !== 'object') return null;
  const itemName = format === 'atom' ? 'entry' : 'item';
  const items = collect(root, itemName).map(toRaw);
  const feed = format === 'atom' ? toRaw(root) : toRaw(((root.channel as unknown[]) ?? [])[0]);
  // Garbage that merely opens a feed root is not a feed: ask for an item or at least a title.
  return items.length > 0 || feed['x:title'] !== undefined ? { feed, items } : null;
}

/** Every `name` element below a node, in document order: an unclosed tag may have swallowed them. */
function collect(node: unknown, name: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, name, out);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Node)) {
      if (k === '$' || k === '_') continue;
      if (k === name) out.push(...(v as unknown[]));
      else collect(v, name, out);
    }
  }
  return out;
}
