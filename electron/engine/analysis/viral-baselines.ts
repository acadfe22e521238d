/**
 * The baselines virality measures a story against, as of a moment: each outlet's output over the
 * last day and the number of active outlets and stories (the typical story takes outlets/stories
 * of the attention). Items are added in arrival order, so the tallies at a moment hold exactly
 * what had arrived by then, at ingest as in a rebuild. Hourly bins by publication hour.
 */
import { DAY_MS } from './virality';

const H = 3_600_000;
/** Bins older than this behind the latest moment asked about are dropped (the window is one day). */
const KEEP_MS = 2 * DAY_MS;

/** The baselines at one moment. */
export interface ViralContext {
  /** Items the outlet published in the day before the moment. */
  outletVolume(outlet: string): number;
  /** Outlets with at least one item that day. */
  outlets: number;
  /** Stories with at least one item that day. */
  stories: number;
}

interface Bin {
  outlets: Map<string, number>;
  stories: Set<number>;
}

/** Hourly tallies of items per outlet and of active stories. */
export class ViralBaselines {
  private readonly bins = new Map<number, Bin>();
  private latest = -Infinity;

  /** Counts one item (call in arrival order, before scoring the moment it arrived at). */
  add(outlet: string, story: number, time: number): void {
    if (!Number.isFinite(time)) return;
    const h = Math.floor(time / H);
    let b = this.bins.get(h);
    if (!b) this.bins.set(h, (b = { outlets: new Map(), stories: new Set() }));
    b.outlets.set(outlet, (b.outlets.get(outlet) ?? 0) + 1);
    b.stories.add(story);
  }

  /** The baselines over the day up to `asOf` (the hours (asOf − 24 h, asOf]). */
  context(asOf: number): ViralContext {
    if (asOf > this.latest + H) this.prune(asOf);
    const volume = new Map<string, number>();
    const stories = new Set<number>();
    const last = Math.floor(asOf / H);
    for (let h = last - DAY_MS / H + 1; h <= last; h++) {
      const b = this.bins.get(h);
      if (!b) continue;
      for (const [o, c] of b.outlets) volume.set(o, (volume.get(o) ?? 0) + c);
      for (const s of b.stories) stories.add(s);
    }
    return { outletVolume: (o) => volume.get(o) ?? 0, outlets: volume.size, stories: stories.size };
  }

  private prune(asOf: number): void {
    this.latest = asOf;
    const floor = Math.floor((asOf - KEEP_MS) / H);
    for (const h of this.bins.keys()) if (h < floor) this.bins.delete(h);
  }
}

/**
 * The outlet behind a source: a social account is its own outlet, a feed is its site (the
 * sections of one site are one outlet); a source without a web address is known by its name.
 * The feed's address, not the item's link: aggregators and redirectors put every link on one host.
 */
export function outletOf(sourceType: string, sourceName: string, feedUrl: string | null | undefined): string {
  if (sourceType === 'social' || !feedUrl) return sourceName;
  const m = /^https?:\/\/(?:[^/@]*@)?([^/:?#]+)/i.exec(feedUrl);
  // Sources made for local files live under a reserved .invalid host: their name tells them apart.
  if (!m || /\.invalid$/i.test(m[1]!)) return sourceName;
  return m[1]!.toLowerCase().replace(/^www\d?\./, '');
}

/** Front-page feeds by their address or title ("une", "à la une", "titres", "headlines", home page). */
const FRONT_PAGE =
  /(?:^|[/_.=-])(?:une|a-la-une|alaune|titres|headlines|top-?stories|accueil|homepage|frontpage)(?:[/_.=-]|$)/i;
const FRONT_PAGE_TITLE = /\b(?:à la une|a la une|la une|les titres|top stories|headlines)\b/i;

/** True when a feed is its outlet's front page ("une"), judged from its address and title. */
export function isFrontPageFeed(url: string, title: string): boolean {
  let pathPart = url;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]+(\/[^?#]*)?/i.exec(url);
  if (m) pathPart = m[1] ?? '';
  return FRONT_PAGE.test(pathPart) || FRONT_PAGE_TITLE.test(title);
}
