/**
 * Source reliability lists imported by the user (CSV `domain,rating`; none shipped). A domain
 * matches its subdomains ("abonnes.lemonde.fr" → "lemonde.fr") and social handles match by
 * path prefix ("twitter.com/handle"). Décodex-style lists load with `vigie reliability import`.
 */
import { AppError } from '../../../shared/errors';

/** Ratings accepted in the CSV. */
export const RATINGS = ['reliable', 'questionable', 'unreliable', 'satire'] as const;
/** One of RATINGS. */
export type Rating = (typeof RATINGS)[number];

/** A compiled domain → rating lookup. */
export type ReliabilityList = Map<string, Rating>;

/** Normalises a domain or URL to `host[/path]` without scheme, `www.` or trailing slash. */
export function normalizeDomain(value: string): string {
  let v = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '');
  v = v.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return v;
}

/** The host of a URL without `www.`, or null when absent or not a URL. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Parses a `domain,rating` CSV (header optional). Throws input.invalid on bad ratings. */
export function parseReliabilityCsv(text: string): ReliabilityList {
  const list: ReliabilityList = new Map();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const [domain, rating] = t.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    if (i === 0 && domain?.toLowerCase() === 'domain') return;
    if (!domain || !rating)
      throw new AppError('input.invalid', `reliability CSV line ${i + 1}: expected domain,rating`);
    const r = rating.toLowerCase();
    if (!(RATINGS as readonly string[]).includes(r))
      throw new AppError('input.invalid', `reliability CSV line ${i + 1}: unknown rating "${rating}"`);
    list.set(normalizeDomain(domain), r as Rating);
  });
  return list;
}

/** Rating of a URL or domain: the most specific listed entry (path, host, then parent domains). */
export function lookupRating(
  list: ReliabilityList,
  urlOrDomain: string | null | undefined,
): { domain: string; rating: Rating } | null {
  if (!urlOrDomain || list.size === 0) return null;
  const norm = normalizeDomain(urlOrDomain);
  const slash = norm.indexOf('/');
  const host = slash < 0 ? norm : norm.slice(0, slash);
  // Social handles: "twitter.com/handle" before "twitter.com".
  if (slash > 0) {
    const first = norm.split('/').slice(0, 2).join('/');
    const r = list.get(first);
    if (r) return { domain: first, rating: r };
  }
  const parts = host.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const d = parts.slice(i).join('.');
    const r = list.get(d);
    if (r) return { domain: d, rating: r };
  }
  return null;
}

// Hosting platforms whose subdomain is the site's own name ("pilulerouge.over-blog.com").
const BLOG_PLATFORM =
  /^(?:blogspot|wordpress|over-blog|overblog|free|e-monsite|wix|tumblr|canalblog|hautetfort|eklablog|ek|blogs|wikia|hypotheses|skyrock|jimdo|weebly|webnode|blog4ever|unblog)$/;
// Second-level public suffixes: the site's name is the label before them ("dailymail.co.uk").
const SECOND_LEVEL = /^(?:co|com|org|net|gouv|ac)$/;

/**
 * Features of a domain name for the resemblance model, none tied to a site: top-level domain,
 * blog platform or subdomain, the name's shape (hyphens, digits, length: junk-news sites tend to
 * long phrase-like names, "les-moutons-enrages") and its character 3–5-grams with word-boundary
 * marks ("^le", "info$"), scaled so that a long name does not outweigh a short one.
 */
export function domainFeatures(domain: string): Map<string, number> {
  const host = normalizeDomain(domain).split('/')[0]!;
  const parts = host.split('.');
  const f = new Map<string, number>();
  f.set('tld:' + parts[parts.length - 1], 1);
  const blog = parts.length > 2 ? parts.findIndex((p, i) => i > 0 && BLOG_PLATFORM.test(p)) : -1;
  let name: string;
  if (blog > 0) {
    f.set('platform:blog', 1);
    f.set('platform:' + parts.slice(blog).join('.'), 1);
    name = parts.slice(0, blog).join('-');
  } else {
    const suffix2 = parts.length > 2 && SECOND_LEVEL.test(parts[parts.length - 2]!);
    const at = parts.length - (suffix2 ? 3 : 2);
    name = parts[at] ?? host;
    if (suffix2) f.set('suffix:' + parts.slice(-2).join('.'), 1);
    if (at > 0) {
      f.set('sub:' + parts[0], 1);
      f.set('sub:any', 1);
    }
  }
  for (const tok of name.split(/[-\d]+/)) if (tok.length >= 3) f.set('tok:' + tok, 1);
  const hyphens = (name.match(/-/g) ?? []).length;
  if (hyphens) f.set('shape:hyphens' + Math.min(hyphens, 2), 1);
  if (/\d/.test(name)) f.set('shape:digits', 1);
  const letters = name.replace(/[^a-z]/g, '');
  f.set(
    'shape:length-' + (letters.length <= 6 ? 's' : letters.length <= 10 ? 'm' : letters.length <= 15 ? 'l' : 'xl'),
    1,
  );
  const padded = `^${letters}$`;
  const grams: string[] = [];
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) grams.push('g:' + padded.slice(i, i + n));
  const v = 2 / Math.sqrt(Math.max(1, grams.length));
  for (const g of grams) f.set(g, (f.get(g) ?? 0) + v);
  return f;
}

/** A learned resemblance between unlisted domains and the list's unreliable ones. */
export interface DomainModel {
  weights: Map<string, number>;
  bias: number;
  /**
   * Probability above which a name leans suspicious: the 90th percentile over the list's own
   * reliable domains. Names split far from 0.5 (few sites, many fragments), so a fixed 0.5 would
   * leave most unreliable look-alikes "reassuring"; this keeps a 10 % false-alarm budget instead.
   */
  neutral: number;
}

const domainModels = new WeakMap<ReliabilityList, DomainModel | null>();

/**
 * Learns (once per list, cached) a logistic model of "unreliable or questionable vs reliable"
 * from the imported list's domain names; null when the list is too small to learn from. The
 * examples are visited in an order that depends on neither the CSV order nor the ratings
 * (sorted, then a fixed pseudo-random shuffle each epoch), with an L2 penalty against
 * memorising rare fragments.
 */
export function domainModelOf(list: ReliabilityList): DomainModel | null {
  if (domainModels.has(list)) return domainModels.get(list)!;
  const examples: Array<[Map<string, number>, number]> = [];
  for (const d of [...list.keys()].sort()) {
    const r = list.get(d)!;
    if (!d.includes('/') && r !== 'satire') examples.push([domainFeatures(d), r === 'reliable' ? 0 : 1]);
  }
  const pos = examples.filter((e) => e[1] === 1).length;
  let model: DomainModel | null = null;
  if (pos >= 20 && examples.length - pos >= 20) {
    model = { weights: new Map(), bias: 0, neutral: 0.5 };
    const order = examples.map((_, i) => i);
    let seed = 12345;
    for (let epoch = 0; epoch < 15; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        const j = seed % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const i of order) {
        const [f, y] = examples[i]!;
        const g = y - domainProbability(model, f);
        model.bias += 0.1 * g;
        for (const [k, v] of f) {
          const w = model.weights.get(k) ?? 0;
          model.weights.set(k, w + 0.1 * (g * v - 1e-3 * w));
        }
      }
    }
    const reliable = examples
      .filter((e) => e[1] === 0)
      .map((e) => domainProbability(model!, e[0]))
      .sort((a, b) => a - b);
    model.neutral = reliable[Math.floor(0.9 * (reliable.length - 1))]!;
  }
  domainModels.set(list, model);
  return model;
}

/**
 * Score points of a domain's resemblance, from -30 (as reliable-looking as it gets) through 0 at
 * the model's neutral point to +30 (certainly like the unreliable sites).
 */
export function resemblancePoints(model: DomainModel, p: number): number {
  const n = model.neutral;
  return p >= n ? (30 * (p - n)) / (1 - n) : (-30 * (n - p)) / n;
}

/** Probability that a domain resembles the unreliable part of the list. */
export function domainProbability(model: DomainModel, features: Map<string, number>): number {
  let z = model.bias;
  for (const [k, v] of features) z += (model.weights.get(k) ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}
