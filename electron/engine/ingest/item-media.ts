/** Media and figures of an item: enclosures (RSS, Media RSS), engagement counts, geo point. */
import type { Enclosure, Engagement } from '../../../shared/types/feed';
import { nodes, type RawNodes } from './feed-nodes';
import { all, attr, child, first, firstText, resolveUrl, toCount } from './xml-nodes';

/** MIME types guessed from a file extension when a feed gives none (Le Monde's media:content has no type). */
const TYPE_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  pdf: 'application/pdf',
};

/** Type from the URL's extension, or null. */
export function guessMediaType(url: string): string | null {
  const m = /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(url);
  return m ? (TYPE_BY_EXTENSION[m[1].toLowerCase()] ?? null) : null;
}

/** The item's enclosures: RSS <enclosure>, Media RSS <media:content> (also inside <media:group>). */
export function readEnclosures(raw: RawNodes, base: string | null): Enclosure[] {
  const out: Enclosure[] = [];
  const seen = new Set<string>();
  const push = (url: string | null, type: string | undefined, length: string | undefined) => {
    if (!url || seen.has(url)) return;
    seen.add(url);
    out.push({ url, type: type?.trim() || guessMediaType(url), length: toCount(length) });
  };
  for (const e of all(nodes(raw, 'enclosure')))
    push(resolveUrl(attr(e, 'url'), base), attr(e, 'type'), attr(e, 'length'));
  const media = [
    ...all(nodes(raw, 'media:content')),
    ...all(nodes(raw, 'media:group')).flatMap((g) => all(child(g, 'media:content'))),
  ];
  for (const m of media) {
    const medium = attr(m, 'medium');
    push(
      resolveUrl(attr(m, 'url'), base),
      attr(m, 'type') ?? (medium ? `${medium}/*` : undefined),
      attr(m, 'fileSize'),
    );
  }
  return out;
}

/** Engagement figures: slash:comments, thr:total, Media RSS statistics/starRating. */
export function readEngagement(raw: RawNodes): Engagement | undefined {
  const e: Engagement = {};
  const comments = toCount(firstText(nodes(raw, 'slash:comments'))) ?? toCount(firstText(nodes(raw, 'thr:total')));
  if (comments !== null) e.comments = comments;
  const community =
    first(nodes(raw, 'media:community')) ?? first(child(first(nodes(raw, 'media:group')), 'media:community'));
  const views = toCount(attr(first(child(community, 'media:statistics')), 'views'));
  if (views !== null) e.views = views;
  const rating = toCount(attr(first(child(community, 'media:starRating')), 'count'));
  if (rating !== null) e.score = rating;
  return Object.keys(e).length ? e : undefined;
}

/** georss:point "lat lon" or W3C geo:lat/geo:long. */
export function readGeo(raw: RawNodes): { lat: number; lon: number } | null {
  const point = firstText(nodes(raw, 'georss:point'));
  const [lat, lon] = point
    ? point.split(/[\s,]+/).map(Number)
    : [Number(firstText(nodes(raw, 'geo:lat'))), Number(firstText(nodes(raw, 'geo:long')))];
  return Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    (point || firstText(nodes(raw, 'geo:lat')))
    ? { lat, lon }
    : null;
}
