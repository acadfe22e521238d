/** French (or English) dates and numbers through Intl, in Europe/Paris time as the newsroom reads them. */

const ZONE = 'Europe/Paris';
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function locale(lng: string): string {
  return lng === 'en' ? 'en-GB' : 'fr-FR';
}
function dtf(lng: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lng}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lng), { timeZone: ZONE, ...opts });
    cache.set(key, f);
  }
  return f;
}

/** "23/11/2026 14:05" (short date and time); empty for null or invalid input. */
export function formatDateTime(iso: string | null | undefined, lng = 'fr'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return dtf(lng, { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

/** "lundi 23 novembre 2026" (long date). */
export function formatLongDate(iso: string | null | undefined, lng = 'fr'): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dtf(lng, { dateStyle: 'full' }).format(d);
}

/** "14:05" when today, else "23 nov." — compact, for dense list rows. */
export function formatCompactTime(iso: string | null | undefined, lng = 'fr', now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = dtf(lng, { dateStyle: 'short' }).format(d) === dtf(lng, { dateStyle: 'short' }).format(now);
  if (sameDay) return dtf(lng, { hour: '2-digit', minute: '2-digit' }).format(d);
  const sameYear = d.getUTCFullYear() === now.getUTCFullYear();
  return dtf(
    lng,
    sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' },
  ).format(d);
}

/** "il y a 5 minutes" / "5 minutes ago". */
export function formatRelative(iso: string | null | undefined, lng = 'fr', now = Date.now()): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const key = `r|${lng}`;
  let f = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale(lng), { numeric: 'auto' });
    cache.set(key, f);
  }
  const sec = Math.round((t - now) / 1000);
  const abs = Math.abs(sec);
  if (abs < 60) return f.format(sec, 'second');
  if (abs < 3600) return f.format(Math.round(sec / 60), 'minute');
  if (abs < 86400) return f.format(Math.round(sec / 3600), 'hour');
  return f.format(Math.round(sec / 86400), 'day');
}

/** "12 345" (French thin-space grouping). */
export function formatNumber(n: number | null | undefined, lng = 'fr'): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const key = `n|${lng}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(lng));
    cache.set(key, f);
  }
  return f.format(n);
}

/** "23 nov." — chart axis label of a day bucket. */
export function formatShortDay(iso: string | null | undefined, lng = 'fr'): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dtf(lng, { day: 'numeric', month: 'short' }).format(d);
}
