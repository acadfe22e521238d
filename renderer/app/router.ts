/**
 * Hash routes (work under file:// in Electron and under `vigie serve`): #/priorite, #/recits,
 * #/recits/12, #/element/34, #/sources, #/tableau, #/alertes, #/synthese, #/reglages.
 * The inbox search query rides along (#/priorite?q=…) so a reload keeps it. Pure.
 */

/** Screens of the app. */
export type Screen =
  'inbox' | 'stories' | 'story' | 'item' | 'sources' | 'dashboard' | 'alerts' | 'briefs' | 'settings';

/** A parsed route. */
export interface Route {
  screen: Screen;
  id?: number;
  query?: string;
}

const SLUGS: Record<Exclude<Screen, 'story' | 'item'>, string> = {
  inbox: 'priorite',
  stories: 'recits',
  sources: 'sources',
  dashboard: 'tableau',
  alerts: 'alertes',
  briefs: 'synthese',
  settings: 'reglages',
};

/** Screens listed in the navigation, in order. */
export const NAV_SCREENS = ['inbox', 'stories', 'sources', 'dashboard', 'alerts', 'briefs', 'settings'] as const;

/** Parses a location hash; anything unknown goes to the inbox (Priorité is the default screen). */
export function parseRoute(hash: string): Route {
  const [pathPart, queryPart = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = pathPart.split('/').filter(Boolean);
  const q = new URLSearchParams(queryPart).get('q') ?? undefined;
  const num = parts[1] ? Number(parts[1]) : NaN;
  if (parts[0] === 'recits' && Number.isInteger(num) && num > 0) return { screen: 'story', id: num };
  if (parts[0] === 'element' && Number.isInteger(num) && num > 0) return { screen: 'item', id: num };
  const screen = (Object.keys(SLUGS) as Array<keyof typeof SLUGS>).find((s) => SLUGS[s] === parts[0]);
  if (!screen || screen === 'inbox') return q ? { screen: 'inbox', query: q } : { screen: 'inbox' };
  return { screen };
}

/** Formats a route as a hash. */
export function formatRoute(route: Route): string {
  if (route.screen === 'story') return `#/recits/${route.id}`;
  if (route.screen === 'item') return `#/element/${route.id}`;
  const base = `#/${SLUGS[route.screen]}`;
  return route.screen === 'inbox' && route.query ? `${base}?q=${encodeURIComponent(route.query)}` : base;
}
