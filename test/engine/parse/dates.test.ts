/** Feed date parsing: feedparser vectors and the French-press cases Vigie meets. */
import { parseFeedDate } from '../../../electron/engine/ingest/dates';
import { FUTURE_DATE_TOLERANCE_MS } from '../../../shared/defaults';
import { checkRate, formatTally } from './conformance-common';
import { dateVectorTally } from './date-vectors';
import { testWithDatasets } from '../../helpers/datasets';

const FAR = { fetchedAt: new Date('2100-01-01T00:00:00Z') };

describe('parseFeedDate', () => {
  testWithDatasets('passes the feedparser date vectors (zone-less date-times read in Europe/Paris)', () => {
    const t = dateVectorTally(parseFeedDate);
    console.error(formatTally(t));
    // Misses: Greek, Hungarian and Korean month/AM-PM words, ISO 8601 two-digit-year forms.
    expect(checkRate(t)).toBeGreaterThanOrEqual(0.87);
  });

  it.each([
    ['Sat, 05 Mar 2022 15:27:36 +0100', '2022-03-05T14:27:36.000Z'],
    ['Sun, 27 Mar 2022 10:00:00 +0200', '2022-03-27T08:00:00.000Z'],
    ['Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['Thu, 01 Jan 2004 00:00 GMT', '2004-01-01T00:00:00.000Z'],
    ['Mon, 13 Feb, 2012 06:28:00 UTC', '2012-02-13T06:28:00.000Z'],
    ['Wed, 19 Feb 2012 22:40:00 CEST', '2012-02-19T20:40:00.000Z'],
    ['2022-02-24T05:12:00Z', '2022-02-24T05:12:00.000Z'],
    ['2007-04-23T23:25:47.538+10:00', '2007-04-23T13:25:47.000Z'],
    ['lun., 7 mars 2022 08:15:00 +0100', '2022-03-07T07:15:00.000Z'],
    ['Mer, 2 févr. 2022 18:00:00 +0100', '2022-02-02T17:00:00.000Z'],
    ['5 août 2022 12:00', '2022-08-05T10:00:00.000Z'],
    ['le 7 mars 2022 à 08h15', '2022-03-07T07:15:00.000Z'],
    ['1er janvier 2022 - 00:30 +0100', '2021-12-31T23:30:00.000Z'],
  ])('parses %s', (input, expected) => {
    expect(parseFeedDate(input, FAR)).toBe(expected);
  });

  it('reads a zone-less date-time in Europe/Paris across the DST switch', () => {
    expect(parseFeedDate('2022-03-26 12:00:00', FAR)).toBe('2022-03-26T11:00:00.000Z');
    expect(parseFeedDate('2022-03-28 12:00:00', FAR)).toBe('2022-03-28T10:00:00.000Z');
  });

  it.each([
    '',
    '   ',
    'demain',
    'Sun, 16 zzz 2012 11:47:32 GMT',
    '2003-12-31T25:14:55Z',
    'Sun, 99 Jun 2009 12:00:00 GMT',
    '2013-01-28T09:00:00+00:xx',
  ])('rejects %p', (input) => {
    expect(parseFeedDate(input, FAR)).toBeNull();
  });

  it('clamps dates beyond the future tolerance to the fetch time, and keeps small skews', () => {
    const fetchedAt = new Date('2022-03-05T12:00:00Z');
    expect(parseFeedDate('Sat, 05 Mar 2022 18:00:00 +0000', { fetchedAt })).toBe(fetchedAt.toISOString());
    const within = new Date(fetchedAt.getTime() + FUTURE_DATE_TOLERANCE_MS / 2).toISOString();
    expect(parseFeedDate(within, { fetchedAt })).toBe(within);
  });
});
