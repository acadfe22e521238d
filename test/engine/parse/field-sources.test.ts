/** Every documented field source and precedence pair (docs/feeds.md) holds, on minimal documents (no datasets). */
import { formatTally } from './conformance-common';
import { RSS_CASES, runFieldCases } from './field-sources';
import { ATOM_AND_BASE_CASES } from './field-sources-atom';

describe('field sources and precedence (docs/feeds.md)', () => {
  it.each([
    ['RSS and RDF', RSS_CASES],
    ['Atom and base URIs', ATOM_AND_BASE_CASES],
  ])('%s: every rule holds', async (label, cases) => {
    const t = await runFieldCases(`field sources ${label}`, cases);
    console.error(formatTally(t));
    expect(t.failures).toEqual([]);
    expect(t.files).toBe(cases.length);
  });
});
