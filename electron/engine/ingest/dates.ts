/** Feed date parsing: RFC 822 and its real-world variants, W3C-DTF / ISO 8601, to ISO UTC. */
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE, FUTURE_DATE_TOLERANCE_MS } from '../../../shared/defaults';

/** Options of parseFeedDate. */
export interface ParseDateOptions {
  /** When the feed was fetched; later dates beyond the tolerance are clamped to it (default: now). */
  fetchedAt?: Date;
}

/** Named zones seen in feeds, as minutes east of UTC (RFC 822 §5, plus common publisher usage). */
const NAMED_ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  IST: 330,
  CET: 60,
  MET: 60,
  CEST: 120,
  MEST: 120,
  MESZ: 120,
  MEZ: 60,
  EET: 120,
  EEST: 180,
  MSK: 180,
  JST: 540,
  KST: 540,
  HKT: 480,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AST: -240,
  ADT: -180,
  AT: -240,
  ET: -300,
  CT: -360,
  MT: -420,
  PT: -480,
  AKST: -540,
  AKDT: -480,
  HST: -600,
};

/** Month names and abbreviations, English and French (accents optional), keyed lower-case. */
const MONTHS: Record<string, number> = {};
[
  ['jan', 'january', 'janv', 'janvier'],
  ['feb', 'february', 'fev', 'fév', 'févr', 'fevr', 'février', 'fevrier'],
  ['mar', 'march', 'mars'],
  ['apr', 'april', 'avr', 'avril'],
  ['may', 'mai'],
  ['jun', 'june', 'juin'],
  ['jul', 'july', 'juil', 'juillet'],
  ['aug', 'august', 'aou', 'aoû', 'août', 'aout'],
  ['sep', 'sept', 'september', 'septembre'],
  ['oct', 'october', 'octobre'],
  ['nov', 'november', 'novembre'],
  ['dec', 'december', 'déc', 'décembre', 'decembre'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

/** Day names ignored wherever they appear (English and French). */
const DAY_NAMES = new Set([
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'lun',
  'mer',
  'jeu',
  'ven',
  'sam',
  'dim',
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
]);

/** Words and separators French pages put around dates ("le 7 mars 2022 à 08h15", "7 mars 2022 - 08:15"). */
const FILLER_WORDS = new Set([
  'le',
  'à',
  'a',
  'at',
  'on',
  'the',
  'de',
  'du',
  '-',
  '–',
  '—',
  '|',
  '@',
  'publié',
  'mis',
  'jour',
  'updated',
  'published',
]);

const ISO_RE =
  /^(\d{4})(?:-(\d{1,3})(?:-(\d{1,2}))?)?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const ISO_COMPACT_RE =
  /^(\d{4})(\d{2})(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Broken-down date awaiting a zone; `offset` is minutes east of UTC, null when absent. */
interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: number | null;
}

/** Parses "+0200", "-01:01", "+02" into minutes east of UTC (null when malformed). */
function parseOffset(s: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(s);
  if (!m) return null;
  const h = Number(m[2]);
  const mi = m[3] ? Number(m[3]) : 0;
  if (mi > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

/** W3C-DTF / ISO 8601 (extended or basic) into parts. */
function parseIso(s: string): Parts | null {
  const m = ISO_RE.exec(s) ?? ISO_COMPACT_RE.exec(s);
  if (!m) return null;
  let offset: number | null = null;
  if (m[7]) {
    offset = m[7].toUpperCase() === 'Z' ? 0 : parseOffset(m[7]);
    if (offset === null) return null;
  } else if (!m[4]) {
    offset = 0; // A bare calendar date names a day, not an instant in Paris: midnight UTC like every peer parser.
  }
  return {
    year: Number(m[1]),
    month: m[2] ? Number(m[2]) : 1,
    day: m[3] ? Number(m[3]) : 1,
    hour: m[4] ? Number(m[4]) : 0,
    minute: m[5] ? Number(m[5]) : 0,
    second: m[6] ? Number(m[6]) : 0,
    offset,
  };
}

/** Token-based RFC 822 / asctime / free-form parser: order of day, month, year and time may vary. */
function parseLoose(s: string): Parts | null {
  const tokens = s
    .replace(/,/g, ' ')
    .replace(/(\d)([+-]\d{2}:?\d{2})$/, '$1 $2')
    .split(/\s+/)
    .filter(Boolean);
  let day: number | null = null,
    month: number | null = null,
    year: number | null = null;
  let time: [number, number, number] | null = null;
  let offset: number | null = null;
  let pm: boolean | null = null;
  for (const raw of tokens) {
    const t = raw.replace(/\.$/, '');
    const lower = t.toLowerCase();
    let m: RegExpExecArray | null;
    if ((m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?$/.exec(t)) || (m = /^(\d{1,2})h(\d{2})?$/i.exec(t))) {
      if (time) return null;
      time = [Number(m[1]), m[2] ? Number(m[2]) : 0, m[3] ? Number(m[3]) : 0];
    } else if (FILLER_WORDS.has(t) || (t !== t.toUpperCase() && FILLER_WORDS.has(lower))) {
      // Case-sensitive first: upper-case "AT" is the Atlantic zone, not the word "at".
      continue;
    } else if (/^1er$/i.test(t) && day === null) {
      day = 1;
    } else if ((m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(t))) {
      year = Number(m[1]);
      month = Number(m[2]);
      day = Number(m[3]);
    } else if (/^\d{4}$/.test(t) && year === null) {
      year = Number(t);
    } else if (/^\d{1,2}$/.test(t)) {
      if (day === null) day = Number(t);
      else if (year === null)
        year = Number(t) + (Number(t) < 50 ? 2000 : 1900); // RFC 822 two-digit years
      else return null;
    } else if (MONTHS[lower] !== undefined && month === null) {
      month = MONTHS[lower];
    } else if (DAY_NAMES.has(lower)) {
      continue;
    } else if (/^(am|pm)$/.test(lower)) {
      pm = lower === 'pm';
    } else if (
      (m = /^(?:(?:GMT|UTC|UT|Etc\/GMT)?([+-]\d{1,2}(?::?\d{2})?)|(?:GMT|UTC|UT|Etc\/GMT|Etc\/UTC))$/i.exec(t)) &&
      offset === null
    ) {
      if (m[1]) {
        const sign = m[1][0];
        const body = m[1].slice(1);
        const norm = /^\d$/.test(body) ? `0${body}` : /^\d{3}$/.test(body) ? `0${body}` : body;
        offset = parseOffset(sign + norm);
        if (offset === null) return null;
      } else offset = 0;
    } else if (NAMED_ZONES[t.toUpperCase()] !== undefined && offset === null) {
      offset = NAMED_ZONES[t.toUpperCase()];
    } else if (/^[A-Z]{1}$/.test(t) && offset === null) {
      offset = 0; // RFC 822 military zones are notoriously mis-signed; treat as UTC like most readers.
    } else {
      return null;
    }
  }
  if (day === null || month === null || year === null) return null;
  const [h0, mi, se] = time ?? [0, 0, 0];
  const h = pm === null ? h0 : pm ? (h0 % 12) + 12 : h0 % 12;
  // A date with no time names a day: midnight UTC, as for bare ISO dates.
  return { year, month, day, hour: h, minute: mi, second: se, offset: time === null && offset === null ? 0 : offset };
}

/** Days in a month (proleptic Gregorian). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
}

/** Gregorian leap-year rule. */
function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Epoch milliseconds of the parts, validating every field (no rollover of 31 Feb or 25:00); null when invalid. */
function toEpochMs(p: Parts): number | null {
  if (
    p.month < 1 ||
    p.month > 12 ||
    p.day < 1 ||
    p.day > daysInMonth(p.year, p.month) ||
    p.hour > 23 ||
    p.minute > 59 ||
    p.second > 60
  )
    return null;
  if (p.offset !== null && Math.abs(p.offset) > 18 * 60) return null;
  const second = Math.min(p.second, 59);
  if (p.offset === null) {
    // Only zone-less dates need a tz database (DST rules of Europe/Paris); luxon is ~10x slower than Date.UTC.
    const dt = DateTime.fromObject(
      { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second },
      { zone: DEFAULT_TIME_ZONE },
    );
    return dt.isValid ? dt.toMillis() : null;
  }
  const d = new Date(Date.UTC(2000, p.month - 1, p.day, p.hour, p.minute, second));
  d.setUTCFullYear(p.year); // Date.UTC would read years 0–99 as 1900–1999
  return d.getTime() - p.offset * 60_000;
}

/**
 * Parses a feed date to ISO 8601 UTC (`2022-02-24T05:12:00.000Z`), or null when unparseable.
 * A date-time with no zone is read in Europe/Paris (French press); dates later than
 * fetchedAt + FUTURE_DATE_TOLERANCE_MS are clamped to fetchedAt (default now).
 */
export function parseFeedDate(value: string | null | undefined, opts: ParseDateOptions = {}): string | null {
  if (!value) return null;
  const s = value.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 80) return null;
  const parts = /^\d{4}/.test(s) && !/^\d{4}\//.test(s) ? parseIso(s) : parseLoose(s);
  if (!parts) return null;
  const ms = toEpochMs(parts);
  if (ms === null) return null;
  const fetched = (opts.fetchedAt ?? new Date()).getTime();
  if (ms > fetched + FUTURE_DATE_TOLERANCE_MS) return new Date(fetched).toISOString();
  return new Date(ms).toISOString();
}
