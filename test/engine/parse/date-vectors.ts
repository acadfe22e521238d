/** feedparser's date vectors scored against parseFeedDate, with Vigie's zone policy applied. */
import fs from 'node:fs';
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../../../shared/defaults';
import { datasetPath } from '../../helpers/datasets';
import { FileChecks, newTally, type Tally } from './conformance-common';

/** One vector of date-vectors.json. */
export interface DateVector {
  parser: string;
  input: string;
  expectedUtcIso: string | null;
  comment: string | null;
}

/** Loads the vectors. */
export function loadDateVectors(): DateVector[] {
  return JSON.parse(fs.readFileSync(datasetPath('feedparser-tests/date-vectors.json'), 'utf8')) as DateVector[];
}

/**
 * Expected instant under Vigie's policy: feedparser reads a zone-less date-time as UTC, Vigie as
 * Europe/Paris (French press); a zone-less bare date stays midnight UTC in both.
 */
export function expectedUnderPolicy(v: DateVector): string | null {
  if (!v.expectedUtcIso) return null;
  const hasTime = /\d:\d/.test(v.input);
  const hasZone =
    /(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC?|[ECMPA][SD]?T|MES?T|Etc\/GMT)\b)\s*(?:\d{4})?$/i.test(v.input.trim()) ||
    /[+-]\d{4}\s+\d{4}$/.test(v.input);
  if (!hasTime || hasZone) return new Date(v.expectedUtcIso).toISOString();
  const wall = DateTime.fromISO(v.expectedUtcIso.replace(/Z$/, ''), { zone: DEFAULT_TIME_ZONE });
  return wall.toUTC().toISO();
}

/** Scores a date parser on the vectors (future clamping disabled with a far fetch time). */
export function dateVectorTally(parse: (s: string, o: { fetchedAt: Date }) => string | null): Tally {
  const t = newTally('feedparser date vectors (Paris policy for zone-less date-times)');
  for (const v of loadDateVectors()) {
    const c = new FileChecks(t, `${v.parser} ${JSON.stringify(v.input)}`);
    const exp = expectedUnderPolicy(v);
    const got = parse(v.input, { fetchedAt: new Date('9999-12-31T00:00:00Z') });
    c.check('instant', exp, got, exp === null ? got === null : got !== null && Date.parse(got) === Date.parse(exp));
    c.done();
  }
  return t;
}
