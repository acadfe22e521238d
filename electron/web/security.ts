/**
 * Web-mode gatekeeping: loopback Host check (DNS rebinding), token check (Bearer header, cookie
 * or `?token=` for EventSource, which cannot send headers), same-origin check on writes, and the
 * security headers every response carries.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Content Security Policy of the renderer (same as renderer/index.html's meta tag). */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Name of the session cookie set when the page is opened with `?token=`. */
export const TOKEN_COOKIE = 'vigie_token';

/** A new random token (256 bits, URL-safe). */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when the Host header names a loopback address (any port). A DNS-rebinding page reaches
 * 127.0.0.1 under ITS OWN host name, which this refuses.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  return !!m && LOOPBACK_HOSTS.has(m[1]!);
}

/** Compares two strings in constant time. */
function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Reads one cookie. */
function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/** The token a request presents: `Authorization: Bearer`, then the cookie, then `?token=` (when allowed). */
export function presentedToken(req: IncomingMessage, url: URL, allowQuery: boolean): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const c = cookie(req, TOKEN_COOKIE);
  if (c) return c;
  return allowQuery ? url.searchParams.get('token') : null;
}

/** True when the request carries the right token. */
export function hasValidToken(req: IncomingMessage, url: URL, token: string, allowQuery: boolean): boolean {
  const t = presentedToken(req, url, allowQuery);
  return t !== null && sameToken(t, token);
}

/** Writes requests from another origin are refused (a browser sends Origin on cross-site POSTs). */
export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return !origin;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Headers on every response. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
}

/** Session cookie carrying the token (HttpOnly, SameSite=Strict: never sent cross-site). */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}
