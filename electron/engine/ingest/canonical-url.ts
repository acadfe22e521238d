/**
 * Canonical form of an article URL, so the same article reached through different sections,
 * newsletters or social shares yields one dedup key ('l:' + canonical link).
 * Pure: string in, string out.
 */

/** Query parameters that only track the click (campaigns, ad clicks, analytics), never the page. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'wbraid',
  'gbraid',
  'xtor',
  'xts',
  'xtref',
  'at_medium',
  'at_campaign',
  'at_platform',
  'at_send_date',
  'at_creation',
  'at_link',
  'at_recipient_id',
  'at_ptr_name',
  'at_format',
  'at_link_id',
  'at_link_origin',
  'at_link_type',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'mkt_tok',
  'ocid',
  'cmpid',
  'cmp',
  'icid',
  'ito',
  'soc_src',
  'soc_trk',
  'spm',
  'vero_id',
  'oly_enc_id',
  'oly_anon_id',
  'wt.mc_id',
  'wt_mc_id',
  'ncid',
  'sr_share',
  'smid',
  'smtyp',
  'ref_src',
  'ref_url',
  's_cid',
  'ns_source',
  'ns_campaign',
  'ns_mchannel',
  'ns_linkname',
  'ns_fee',
]);

/** Prefixes of tracking parameter families (utm_source, utm_medium, pk_campaign, …). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'matomo_', 'at_', 'hmb_', 'vgo_', 'oly_'];

/** Hosts where `ref`, `s` and `t` are share trackers rather than page selectors. */
const SHARE_HOSTS =
  /(^|\.)(twitter\.com|x\.com|t\.co|instagram\.com|threads\.net|tiktok\.com|facebook\.com|youtube\.com|youtu\.be)$/;

/** Default ports, dropped because they do not change the resource. */
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** True when a query parameter name only tracks the visit. */
function isTrackingParam(name: string, host: string): boolean {
  const n = name.toLowerCase();
  if (TRACKING_PARAMS.has(n)) return true;
  if (TRACKING_PREFIXES.some((p) => n.startsWith(p))) return true;
  if ((n === 'ref' || n === 's' || n === 't' || n === 'si' || n === 'feature') && SHARE_HOSTS.test(host)) return true;
  return false;
}

/**
 * Returns the canonical form of `url`: lowercase scheme and host, no `www.`-insensitive change
 * (www is kept: some sites serve different pages), default port stripped, fragment dropped,
 * tracking parameters removed, remaining parameters sorted, trailing `?` removed.
 * Input that is not an absolute http(s) URL is returned trimmed and otherwise unchanged.
 */
export function canonicalizeUrl(url: string): string {
  const raw = url.trim();
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return raw;
  // WHATWG URL already lowercases scheme and host; port '' means it was the default.
  if (DEFAULT_PORTS[u.protocol] === u.port) u.port = '';
  u.hash = '';
  const host = u.hostname;
  if (u.search) {
    const kept: [string, string][] = [];
    for (const [k, v] of u.searchParams) if (!isTrackingParam(k, host)) kept.push([k, v]);
    // Stable order so ?a=1&b=2 and ?b=2&a=1 are one page; ties keep feed order (stable sort).
    kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    u.search = kept.length ? new URLSearchParams(kept).toString() : '';
  }
  let out = u.toString();
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

/** True when `value` parses as an absolute http(s) URL (used to decide how to scope a guid). */
export function isAbsoluteHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
