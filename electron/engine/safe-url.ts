/**
 * The one rule for URLs taken from feeds and written anywhere (stored items, briefs, alert
 * messages): only web links survive. `javascript:`, `data:`, `vbscript:`, `file:` and the rest
 * run code or reach local resources when clicked in a mail client, a chat or a document.
 */

/** Schemes a feed link may keep: the web. */
const WEB_SCHEMES = new Set(['http:', 'https:']);

/**
 * The URL in its normalised form (WHATWG URL: spaces, double quotes and angle brackets
 * percent-encoded) when it is an absolute http(s) URL with a host, else null.
 */
export function safeWebUrl(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return null;
  }
  if (!WEB_SCHEMES.has(url.protocol) || !url.hostname) return null;
  return url.href;
}
