/** Text with search terms marked (<mark>), accent- and case-insensitively. */
import { useMemo } from 'react';
import { highlightSegments, type HighlightTerm } from '../features/search/query';

/** Props: the text and the terms to mark. */
export interface HighlightProps {
  text: string;
  terms: HighlightTerm[];
}

/** Renders text with matches wrapped in <mark>. */
export function Highlight({ text, terms }: HighlightProps) {
  const segments = useMemo(() => highlightSegments(text, terms), [text, terms]);
  return <>{segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}
