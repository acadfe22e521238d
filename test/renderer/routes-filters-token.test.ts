/** @jest-environment jsdom */
// Hash routes, Priorité filters → items:list input, and the web-mode token hand-off.
import { formatRoute, parseRoute } from '../../renderer/app/router';
import { DEFAULT_FILTERS, countActiveFilters, toListInput } from '../../renderer/features/inbox/filters';
import { readToken } from '../../renderer/api';
import { INPUT_SCHEMAS } from '../../shared/api/schemas';

describe('routes', () => {
  it('round-trips every screen and keeps the search query', () => {
    for (const r of [
      { screen: 'inbox' as const },
      { screen: 'inbox' as const, query: 'Kervoal ET "eau potable"' },
      { screen: 'story' as const, id: 12 },
      { screen: 'item' as const, id: 34 },
      { screen: 'sources' as const },
      { screen: 'dashboard' as const },
      { screen: 'alerts' as const },
      { screen: 'briefs' as const },
      { screen: 'settings' as const },
      { screen: 'stories' as const },
    ]) {
      expect(parseRoute(formatRoute(r))).toEqual(r);
    }
  });
  it('sends anything unknown to Priorité', () => {
    expect(parseRoute('')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/nimporte/quoi')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/element/abc')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#token=abc')).toEqual({ screen: 'inbox' });
  });
});

describe('Priorité filters', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('default: everything not archived, by urgency, valid for the contract schema', () => {
    const input = toListInput(DEFAULT_FILTERS, now);
    expect(input).toEqual({ sort: 'urgency', triage: ['new', 'seen', 'follow', 'escalated'] });
    expect(INPUT_SCHEMAS['items:list'].safeParse(input).success).toBe(true);
    expect(countActiveFilters(DEFAULT_FILTERS)).toBe(0);
  });
  it('maps every filter onto the items:list input the engine validates', () => {
    const f = {
      ...DEFAULT_FILTERS,
      query: ' préfet* ',
      sourceType: 'social' as const,
      sourceId: 4,
      periodHours: 24,
      minVirality: 50,
      minControversy: 30,
      minInfox: 70,
      language: 'fr',
      watchTopicId: 2,
      triage: 'starred' as const,
      sort: 'recent' as const,
    };
    const input = toListInput(f, now);
    expect(input).toEqual({
      sort: 'recent',
      query: 'préfet*',
      sourceTypes: ['social'],
      sourceIds: [4],
      since: '2026-11-22T12:00:00.000Z',
      minVirality: 50,
      minControversy: 30,
      minInfox: 70,
      language: 'fr',
      watchTopicId: 2,
      starred: true,
    });
    expect(INPUT_SCHEMAS['items:list'].safeParse(input).success).toBe(true);
    expect(countActiveFilters(f)).toBe(9); // query and sort are not "filters"
  });
});

describe('readToken', () => {
  it('takes the token from #token=, keeps it for reloads and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/?x=1#token=s3cr%C3%A9t');
    expect(readToken()).toBe('s3crét');
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?x=1');
    expect(sessionStorage.getItem('vigie.token')).toBe('s3crét');
    // After a reload the address bar has no token: the session keeps it.
    expect(readToken()).toBe('s3crét');
  });
  it('also accepts ?token= and keeps the route hash', () => {
    window.history.replaceState(null, '', '/?token=abc#/recits/3');
    expect(readToken()).toBe('abc');
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/recits/3');
  });
});
