/** Priorité filters: UI state ⇄ the items:list input. Pure. */
import type { ChannelInput } from '../../../shared/api/contract';
import type { SourceType, TriageState } from '../../../shared/types/domain';

/** Time ranges offered (hours back; 0 = all time). */
export const PERIODS = [0, 1, 6, 24, 72, 168, 720] as const;

/** Triage views: "open" hides archived items (the default working view). */
export type TriageView = 'open' | 'all' | TriageState | 'starred';

/** What the filter bar edits. Empty string / 0 = no constraint. */
export interface InboxFilters {
  query: string;
  sourceType: SourceType | '';
  sourceId: number | 0;
  periodHours: number;
  minVirality: number;
  minControversy: number;
  minInfox: number;
  language: string;
  watchTopicId: number | 0;
  triage: TriageView;
  sort: 'urgency' | 'recent' | 'virality' | 'controversy' | 'infox';
}

/** Defaults: everything not archived, by urgency. */
export const DEFAULT_FILTERS: InboxFilters = {
  query: '',
  sourceType: '',
  sourceId: 0,
  periodHours: 0,
  minVirality: 0,
  minControversy: 0,
  minInfox: 0,
  language: '',
  watchTopicId: 0,
  triage: 'open',
  sort: 'urgency',
};

/** Builds the items:list input (without paging) from the filters, at time `now`. */
export function toListInput(f: InboxFilters, now = Date.now()): ChannelInput<'items:list'> {
  const input: ChannelInput<'items:list'> = { sort: f.sort };
  if (f.query.trim()) input.query = f.query.trim();
  if (f.sourceType) input.sourceTypes = [f.sourceType];
  if (f.sourceId) input.sourceIds = [f.sourceId];
  if (f.periodHours > 0) input.since = new Date(now - f.periodHours * 3600_000).toISOString();
  if (f.minVirality > 0) input.minVirality = f.minVirality;
  if (f.minControversy > 0) input.minControversy = f.minControversy;
  if (f.minInfox > 0) input.minInfox = f.minInfox;
  if (f.language) input.language = f.language;
  if (f.watchTopicId) input.watchTopicId = f.watchTopicId;
  if (f.triage === 'open') input.triage = ['new', 'seen', 'follow', 'escalated'];
  else if (f.triage === 'starred') input.starred = true;
  else if (f.triage !== 'all') input.triage = [f.triage];
  return input;
}

/** Number of filters differing from the defaults (shown on the "Filtres" button). */
export function countActiveFilters(f: InboxFilters): number {
  return (Object.keys(DEFAULT_FILTERS) as Array<keyof InboxFilters>).filter(
    (k) => k !== 'sort' && k !== 'query' && f[k] !== DEFAULT_FILTERS[k],
  ).length;
}
