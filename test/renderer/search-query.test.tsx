/** @jest-environment jsdom */
// The analyst's boolean search as the UI shows it: parse tree, canonical echo, highlights.
import { render } from '@testing-library/react';
import { describeQuery, highlightSegments, parseQuery } from '../../renderer/features/search/query';
import { Highlight } from '../../renderer/components/Highlight';

describe('parseQuery', () => {
  it('gives NOT > AND > OR precedence and echoes the query in French operators', () => {
    const q = parseQuery('réforme retraites OR "loi travail" NOT grève');
    expect(q.errors).toEqual([]);
    expect(describeQuery(q.root)).toBe('(réforme ET retraites) OU ("loi travail" ET SAUF grève)');
  });
  it('accepts French operators, -word and parentheses', () => {
    const q = parseQuery('(Kervoal OU Ouessant) ET arrêté -démenti');
    expect(describeQuery(q.root)).toBe('(Kervoal OU Ouessant) ET arrêté ET SAUF démenti');
  });
  it('keeps lower-case et/ou as words (French text is full of them)', () => {
    expect(describeQuery(parseQuery('pêche et mer').root)).toBe('pêche ET et ET mer');
  });
  it('reports unbalanced parentheses and dangling operators without failing', () => {
    expect(parseQuery('(eau potable').errors).toContain('search.error.unclosed');
    expect(parseQuery('eau)').errors).toContain('search.error.unopened');
    expect(parseQuery('eau OR').errors).toContain('search.error.dangling_or');
    expect(parseQuery('eau NOT').errors).toContain('search.error.dangling_not');
    expect(parseQuery('').root).toBeNull();
  });
  it('highlights only positive terms, folded, with prefixes', () => {
    const q = parseQuery('Préfecture réfor* -grève "eau potable"');
    expect(q.highlights).toEqual([
      { text: 'prefecture', prefix: false },
      { text: 'refor', prefix: true },
      { text: 'eau potable', prefix: false },
    ]);
  });
});

describe('highlightSegments', () => {
  it('matches accent- and case-insensitively on word boundaries', () => {
    const segs = highlightSegments(
      'La PRÉFECTURE dément : la préfecturale annonce une réforme',
      parseQuery('prefecture réform*').highlights,
    );
    expect(segs.filter((s) => s.match).map((s) => s.text)).toEqual(['PRÉFECTURE', 'réforme']);
  });
  it('matches phrases and keeps the original text intact', () => {
    const text = "Coupure d'eau potable à Kervoal";
    const segs = highlightSegments(text, parseQuery('"eau potable"').highlights);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.find((s) => s.match)?.text).toBe('eau potable');
  });
  it('renders <mark> elements through the Highlight component', () => {
    const { container } = render(
      <Highlight text="Tempête Ciarane : le ministre annonce" terms={parseQuery('tempete ministre').highlights} />,
    );
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Tempête', 'ministre']);
  });
});
