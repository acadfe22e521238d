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
