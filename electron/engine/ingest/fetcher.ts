/**
 * Fetches one feed over HTTP with the limits rss-parser lacks: timeout (covering the body),
 * streaming byte cap on decoded bytes, redirects followed by hand (cap + loop detection),
 * conditional GET and Retry-After. Decoding the charset is the parser's job: we return bytes.
 */
import { AppError, type ErrorCode } from '../../../shared/errors';
import { FETCH_DEFAULTS } from '../../../shared/defaults';

/** Options for fetchFeed; every field is optional. */
export interface FetchFeedOptions {
  /** ETag of the last 200, sent as If-None-Match. Default none. */
  etag?: string | null;
  /** Last-Modified of the last 200, sent as If-Modified-Since. Default none. */
  lastModified?: string | null;
  /** Whole-request timeout including the body, ms. Default FETCH_DEFAULTS.timeoutMs (20 s). */
  timeoutMs?: number;
  /** Cap on decoded body bytes. Default FETCH_DEFAULTS.maxBytes (10 MB). */
  maxBytes?: number;
  /** Redirects followed before `fetch.too_many_redirects`. Default FETCH_DEFAULTS.maxRedirects (5). */
  maxRedirects?: number;
  /** User-Agent header. Default FETCH_DEFAULTS.userAgent. */
  userAgent?: string;
  /** Caller's cancellation (scheduler stop); aborting yields `fetch.aborted`. Default none. */
  signal?: AbortSignal;
}

/** Cache hints common to 200 and 304 answers (input of next-check). */
export interface CacheHints {
  /** URL after redirects. */
  finalUrl: string;
  /** Cache-Control max-age in seconds, or null. */
  maxAgeSec: number | null;
  /** Expires header as ISO, or null. */
  expires: string | null;
  /** True when a 301/308 was followed (the feed moved for good). */
  permanentRedirect: boolean;
}

/** A 200 answer with its body. */
export interface FetchOk extends CacheHints {
  status: 'ok';
  body: Buffer;
  contentType: string | null;
  /** Content-Location: the base for the body's relative links before the final URL. */
  contentLocation: string | null;
  /** Content-Language: the feed's language when the document names none. */
  contentLanguage: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** A 304 answer: nothing changed, nothing downloaded. */
export interface FetchNotModified extends CacheHints {
  status: 'not-modified';
}

/** What fetchFeed resolves to; failures are thrown as AppError. */
export type FetchResult = FetchOk | FetchNotModified;

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/** Parses Retry-After (delta-seconds or HTTP-date, RFC 9110 §10.2.3) into seconds from `now`. */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.ceil((t - now.getTime()) / 1000));
}

/** Reads max-age from a Cache-Control header (no-cache/no-store give 0). */
export function parseMaxAge(value: string | null): number | null {
  if (!value) return null;
  if (/(^|,)\s*no-(cache|store)\b/i.test(value)) return 0;
  const m = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return m ? Number(m[1]) : null;
}

function parseExpires(value: string | null): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function checkUrl(url: string, base?: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new AppError('fetch.invalid_url', `invalid URL: ${url}`, { url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('fetch.invalid_url', `not an http(s) URL: ${parsed.href}`, { url: parsed.href });
  }
  return parsed;
}

/** Reads the body chunk by chunk and stops as soon as the decoded size passes the cap. */
async function readCapped(res: Response, maxBytes: number, url: string): Promise<Buffer> {
  const tooLarge = () =>
    new AppError(
      'fetch.too_large',
      `feed larger than ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB (limit ${maxBytes} bytes): ${url}`,
      { url, maxBytes },
    );
  // An honest Content-Length on an unencoded body lets us refuse without reading anything.
  const declared = Number(res.headers.get('content-length'));
  const encoded = (res.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
  if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}

function hints(res: Response, finalUrl: string, permanentRedirect: boolean): CacheHints {
  return {
    finalUrl,
    maxAgeSec: parseMaxAge(res.headers.get('cache-control')),
    expires: parseExpires(res.headers.get('expires')),
    permanentRedirect,
  };
}

/** Maps whatever fetch threw into an AppError, telling timeouts from caller aborts. */
function classify(
  err: unknown,
  url: string,
  timeout: AbortSignal,
  caller: AbortSignal | undefined,
  timeoutMs: number,
): AppError {
  if (err instanceof AppError) return err;
  if (caller?.aborted) return new AppError('fetch.aborted', `request cancelled: ${url}`, { url }, { cause: err });
  if (timeout.aborted)
    return new AppError(
      'fetch.timeout',
      `no complete answer within ${timeoutMs} ms: ${url}`,
      { url, timeoutMs },
      { cause: err },
    );
  // undici wraps the socket error (ECONNREFUSED, ENOTFOUND, …) in `cause`.
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new AppError('fetch.network', `network error (${detail}): ${url}`, { url, detail }, { cause: err });
}

/**
 * GETs a feed. Resolves `{status:'ok'}` with the decoded bytes or `{status:'not-modified'}` on
 * 304; throws AppError `http.NNN` (with context.retryAfterSec for 429/503), `fetch.timeout`,
 * `fetch.network`, `fetch.too_large`, `fetch.too_many_redirects`, `fetch.invalid_url`, `fetch.aborted`.
 */
export async function fetchFeed(url: string, opts: FetchFeedOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent ?? FETCH_DEFAULTS.userAgent,
    accept:
      'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
    // Node only asks for br on https by default; feeds over plain http compress with br too.
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;

  let current = checkUrl(url);
  const seen = new Set<string>([current.href]);
  let permanent = false;
  try {
    for (let hop = 0; ; hop++) {
      const res = await fetch(current, { headers, redirect: 'manual', signal });
      if (REDIRECT_CODES.has(res.status)) {
        await res.body?.cancel().catch(() => undefined); // free the socket
        const location = res.headers.get('location');
        if (!location)
          throw new AppError(`http.${res.status}` as ErrorCode, `redirect without Location: ${current.href}`, {
            url: current.href,
            status: res.status,
          });
        if (hop >= maxRedirects) {
          throw new AppError('fetch.too_many_redirects', `more than ${maxRedirects} redirects from ${url}`, {
            url,
            maxRedirects,
          });
        }
        const next = checkUrl(location, current.href);
        if (seen.has(next.href)) {
          throw new AppError('fetch.too_many_redirects', `redirect loop at ${next.href} (from ${url})`, {
            url,
            loopAt: next.href,
          });
        }
        seen.add(next.href);
        // A chain is permanent only if every hop is (RFC 9110: clients may update links on 301/308).
        permanent = (hop === 0 || permanent) && (res.status === 301 || res.status === 308);
        current = next;
        continue;
      }
      const finalUrl = current.href;
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined);
        return { status: 'not-modified', ...hints(res, finalUrl, permanent) };
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel().catch(() => undefined);
        const context: Record<string, unknown> = { url: finalUrl, status: res.status };
        if (res.status === 429 || res.status === 503)
          context.retryAfterSec = parseRetryAfter(res.headers.get('retry-after'));
        const reason = res.statusText ? ` ${res.statusText}` : '';
        throw new AppError(`http.${res.status}` as ErrorCode, `HTTP ${res.status}${reason}: ${finalUrl}`, context);
      }
      const body = await readCapped(res, maxBytes, finalUrl);
      return {
        status: 'ok',
        body,
        contentType: res.headers.get('content-type'),
        contentLocation: res.headers.get('content-location'),
        contentLanguage: res.headers.get('content-language'),
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
        ...hints(res, finalUrl, permanent),
      };
    }
  } catch (err) {
    throw classify(err, current.href, timeout, opts.signal, timeoutMs);
  }
}
