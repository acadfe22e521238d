import { canonicalizeUrl, isAbsoluteHttpUrl } from '../../../electron/engine/ingest/canonical-url';

describe('canonicalizeUrl', () => {
  const base = 'https://www.lemonde.fr/international/article/2022/03/05/guerre_6116243_3210.html';

  it('removes tracking parameters (utm_*, xtor, fbclid, gclid, at_*, mc_*, igshid, _ga)', () => {
    for (const q of [
      'utm_source=twitter&utm_medium=social',
      'xtor=RSS-3208',
      'fbclid=IwAR0abc',
      'gclid=x1',
      'at_medium=rss&at_campaign=une',
      'mc_cid=1&mc_eid=2',
      'igshid=abc',
      '_ga=2.1.2.3',
      'utm_campaign=x&xtor=CS1-1&fbclid=z',
    ]) {
      expect(canonicalizeUrl(`${base}?${q}`)).toBe(base);
    }
  });

  it('lowercases the host, drops the fragment and default port, keeps the path case', () => {
    expect(canonicalizeUrl('HTTPS://WWW.LeMonde.FR:443/Pixels/A.html#comments')).toBe(
      'https://www.lemonde.fr/Pixels/A.html',
    );
    expect(canonicalizeUrl('http://example.org:80/x')).toBe('http://example.org/x');
    expect(canonicalizeUrl('http://example.org:8080/x')).toBe('http://example.org:8080/x');
  });

  it('sorts the remaining parameters and drops a trailing ?', () => {
    expect(canonicalizeUrl('https://ex.fr/a?b=2&a=1&utm_source=x')).toBe('https://ex.fr/a?a=1&b=2');
    expect(canonicalizeUrl('https://ex.fr/a?')).toBe('https://ex.fr/a');
    expect(canonicalizeUrl('https://ex.fr/a?id=42')).toBe('https://ex.fr/a?id=42');
  });

  it('strips share trackers (ref, s, t) only on social hosts', () => {
    expect(canonicalizeUrl('https://twitter.com/lemondefr/status/1?ref_src=twsrc&s=20&t=abc')).toBe(
      'https://twitter.com/lemondefr/status/1',
    );
    expect(canonicalizeUrl('https://ex.fr/search?s=ukraine')).toBe('https://ex.fr/search?s=ukraine');
  });

  it('leaves non-http input alone', () => {
    expect(canonicalizeUrl(' urn:uuid:1234 ')).toBe('urn:uuid:1234');
    expect(canonicalizeUrl('not a url')).toBe('not a url');
    expect(isAbsoluteHttpUrl('urn:uuid:1')).toBe(false);
    expect(isAbsoluteHttpUrl('https://ex.fr/a')).toBe(true);
    expect(isAbsoluteHttpUrl('/relative')).toBe(false);
  });
});
