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
  let v = value.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '');
  v = v.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return v;
}

/** The host of a URL without `www.`, or null when absent or not a URL. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try { return new URL(url).hostname.replace(/^www\./, ''); } catch { return null; }
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
    if (!domain || !rating) throw new AppError('input.invalid', `reliability CSV line ${i + 1}: expected domain,rating`);
    const r = rating.toLowerCase();
    if (!(RATINGS as readonly string[]).includes(r)) throw new AppError('input.invalid', `reliability CSV line ${i + 1}: unknown rating "${rating}"`);
    list.set(normalizeDomain(domain), r as Rating);
  });
  return list;
}

/** Rating of a URL or domain: the most specific listed entry (path, host, then parent domains). */
export function lookupRating(list: ReliabilityList, urlOrDomain: string | null | undefined): { domain: string; rating: Rating } | null {
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

/**
 * Features of a domain name for the resemblance model: name tokens, top-level domain, hosting
 * platform and 4-letter fragments ("verite", "libre", "info", ".over-blog.com" …).
 */
export function domainFeatures(domain: string): Map<string, number> {
  const host = normalizeDomain(domain).split('/')[0]!;
  const parts = host.split('.');
  const f = new Map<string, number>();
  f.set('tld:' + parts[parts.length - 1], 1);
  if (parts.length > 2) f.set('platform:' + parts.slice(-2).join('.'), 1);
  const name = parts.length > 2 && /^(?:blogspot|wordpress|over-blog|overblog|free|e-monsite|wix|tumblr|canalblog|hautetfort)$/.test(parts[parts.length - 2]!) ? parts[0]! : parts[parts.length - 2] ?? host;
  for (const tok of name.split(/[-\d]+/)) if (tok.length >= 3) f.set('tok:' + tok, 1);
  const squashed = name.replace(/[^a-z]/g, '');
  for (let i = 0; i + 4 <= squashed.length; i++) f.set('g:' + squashed.slice(i, i + 4), 0.5);
  return f;
}

/** A learned resemblance between unlisted domains and the list's unreliable ones. */
export interface DomainModel {
  weights: Map<string, number>;
  bias: number;
}

const domainModels = new WeakMap<ReliabilityList, DomainModel | null>();

/**
 * Learns (once per list, cached) a logistic model of "unreliable or questionable vs reliable"
 * from the imported list's domain names; null when the list is too small to learn from.
 */
export function domainModelOf(list: ReliabilityList): DomainModel | null {
  if (domainModels.has(list)) return domainModels.get(list)!;
  const examples: Array<[Map<string, number>, number]> = [];
  for (const [d, r] of list) if (!d.includes('/') && r !== 'satire') examples.push([domainFeatures(d), r === 'reliable' ? 0 : 1]);
  const pos = examples.filter((e) => e[1] === 1).length;
  let model: DomainModel | null = null;
  if (pos >= 20 && examples.length - pos >= 20) {
    model = { weights: new Map(), bias: 0 };
    for (let epoch = 0; epoch < 15; epoch++) {
      for (const [f, y] of examples) {
        const g = y - domainProbability(model, f);
        model.bias += 0.1 * g;
        for (const [k, v] of f) model.weights.set(k, (model.weights.get(k) ?? 0) * (1 - 1e-4) + 0.1 * g * v);
      }
    }
  }
  domainModels.set(list, model);
  return model;
}

/** Probability that a domain resembles the unreliable part of the list. */
export function domainProbability(model: DomainModel, features: Map<string, number>): number {
  let z = model.bias;
  for (const [k, v] of features) z += (model.weights.get(k) ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}
