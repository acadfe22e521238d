/**
 * Web-mode gatekeeping: loopback Host check (DNS rebinding), token check (`Authorization:
 * Bearer`; `?token=` on the event stream for command-line clients), same-origin check on writes,
 * and the security headers every response carries. No cookie: cookies are not scoped by port,
 * so one set for 127.0.0.1:PORT reaches every other service on 127.0.0.1. The renderer keeps
 * the token per tab (sessionStorage) and sends it as a header, events included (fetch stream).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Content Security Policy of the renderer (same as renderer/index.html's meta tag). */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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

/** The token a request presents: `Authorization: Bearer`, then `?token=` (when allowed). Cookies are ignored. */
export function presentedToken(req: IncomingMessage, url: URL, allowQuery: boolean): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
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
