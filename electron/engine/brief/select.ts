/**
 * Gathers the brief model for a period from the database: the period's items grouped by story
 * (stored stories when analysis ran, otherwise clustered on the fly), key figures against the
 * previous period, controversies and tone, infox with status, analyst selections, chart series,
 * source health. The analyst's draft (order, removals, analysis paragraph) is applied here.
 */
import { DateTime } from 'luxon';
import { SOURCE_TYPES, type SourceType } from '../../../shared/types/domain';
import { DEFAULT_TIME_ZONE } from '../../../shared/defaults';
import { clusterDocs } from '../analysis/cluster-batch';
import {
  countAlerts,
  countItemsByType,
  findDraft,
  getDraft,
  readFactChecks,
  readNotes,
  readPeriodItems,
  readSetting,
  readSourcesHealth,
  readStories,
  readTones,
  readVerdicts,
  type BriefDraft,
  type BriefItemRow,
} from '../db/brief-store';
import type { Db } from '../db/open';
import {
  applyOrder,
  buildChartData,
  buildGroup,
  compareByVirality,
  infoxReasons,
  summarizeTones,
  type StoryGroup,
} from './aggregate';
import { labelsFor } from './i18n';
import { loadOwnership, ownersOf, OWNERSHIP_ATTRIBUTION } from './ownership';
import { summarizeStories } from './summarize';
import type { BriefInfox, BriefModel, BriefOptions, BriefSelection, BriefStory, InfoxStatus } from './types';

/** Stories forming the IDF base of the summaries. */
const IDF_STORIES = 300;

/** Default unit name when the setting 'brief.unitName' is absent. */
export const DEFAULT_UNIT_NAME = 'Cellule de veille médias';

/** Normalises an ISO date (any offset) to UTC ISO, as stored. */
export function toUtcIso(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new RangeError(`invalid date: ${iso}`);
  return new Date(t).toISOString();
}

/** Groups the period's items into stories: stored story ids first, on-the-fly clusters for the rest. */
function groupItems(db: Db, items: BriefItemRow[]): StoryGroup[] {
  const byStory = new Map<number, BriefItemRow[]>();
  const loose: BriefItemRow[] = [];
  for (const it of items) {
    if (it.storyId == null) {
      loose.push(it);
      continue;
    }
    const l = byStory.get(it.storyId) ?? [];
    l.push(it);
    byStory.set(it.storyId, l);
  }
  const stored = readStories(db, [...byStory.keys()]);
  const groups = [...byStory.entries()].map(([id, l]) => buildGroup(`story:${id}`, id, l, stored.get(id)));
  if (loose.length) {
    // Unanalysed items (analysis off or not yet run) still deserve stories in the brief.
    const labels = clusterDocs(loose.map((it) => ({ title: it.title, text: it.summary, time: Date.parse(it.at) })));
    const byLabel = new Map<number, BriefItemRow[]>();
    labels.forEach((l, i) => {
      const a = byLabel.get(l) ?? [];
      a.push(loose[i]!);
      byLabel.set(l, a);
    });
    for (const l of byLabel.values()) groups.push(buildGroup(`group:${l[0]!.id}`, null, l, undefined));
  }
  return groups;
}

/**
 * Headlines listed under a story: 3, and 5 for a story of 10 items or more (a day's main story
 * gathers several developments: on 24 Feb 2022 one event holds five of Le Monde's six first
 * front-page headlines).
 */
function headlineCount(items: number): number {
  return items >= 10 ? 5 : 3;
}

function toBriefStory(g: StoryGroup, summary: string): BriefStory {
  const quotes = [...g.items]
    .sort((a, b) => (b.controversy ?? 0) - (a.controversy ?? 0))
    .map((i) => i.title)
    .filter((t, i, a) => a.indexOf(t) === i)
    .slice(0, 3);
  const headlines = [...g.items]
    .sort((a, b) => b.carriers - a.carriers || (b.virality ?? 0) - (a.virality ?? 0) || a.at.localeCompare(b.at))
    .map((i) => i.title)
    .filter((t, i, a) => t !== g.title && a.indexOf(t) === i)
    .slice(0, headlineCount(g.items.length));
  return {
    key: g.key,
    title: g.title,
    summary,
    link: g.link,
    outlets: g.outlets,
    sourceTypes: g.sourceTypes,
    itemCount: g.items.length,
    firstSeen: g.firstSeen,
    virality: g.virality,
    controversy: g.controversy,
    infox: g.infox,
    quotes,
    headlines,
  };
}

/** The texts summarised for a story: chapôs and titles of its most viral items. */
function storyTexts(g: StoryGroup): { key: string; texts: string[]; titles: string[] } {
  const items = [...g.items]
    .sort((a, b) => (b.virality ?? 0) - (a.virality ?? 0) || b.carriers - a.carriers)
    .slice(0, 30);
  return { key: g.key, texts: items.map((i) => i.summary ?? '').filter(Boolean), titles: items.map((i) => i.title) };
}

function selectInfox(db: Db, items: BriefItemRow[], min: number): BriefInfox[] {
  const verdicts = readVerdicts(
    db,
    items.map((i) => i.id),
  );
  const suspects = items.filter((i) => (i.infox ?? 0) >= min || verdicts.has(i.id));
  const factChecks = readFactChecks(db, [
    ...new Set(suspects.map((i) => i.storyId).filter((x): x is number => x != null)),
  ]);
  return suspects
    .map((i) => {
      const reasons = infoxReasons(i.reasons);
      const debunkReason = reasons.find((r) => r.signal === 'already-debunked');
      const fc =
        (i.storyId != null ? factChecks.get(i.storyId) : undefined) ??
        (debunkReason ? parseDebunk(debunkReason.evidence) : null);
      const v = verdicts.get(i.id);
      const status: InfoxStatus = v ? v.verdict : fc ? 'debunked' : 'review';
      const evidence = reasons
        .filter((r) => r.weight > 0)
        .sort((a, b) => b.weight - a.weight)
        .map((r) => r.evidence)
        .slice(0, 4);
      if (v?.comment) evidence.unshift(v.comment);
      return {
        itemId: i.id,
        title: i.title,
        link: i.link,
        source: i.sourceName,
        score: Math.round(i.infox ?? 0),
        status,
        evidence,
        factCheck: fc,
      };
    })
    .sort((a, b) => b.score - a.score || a.itemId - b.itemId);
}

/** "déjà démenti : <title> — <link>" (pipeline's evidence) → fact-check reference. */
function parseDebunk(evidence: string): { title: string; link: string | null } {
  const body = evidence.replace(/^[^:]*:\s*/, '');
  const m = /^(.*?)\s+—\s+(https?:\/\/\S+)$/.exec(body);
  return m ? { title: m[1]!, link: m[2]! } : { title: body, link: null };
}

function selectSelections(db: Db, items: BriefItemRow[], draft: BriefDraft | null): BriefSelection[] {
  const picked = items.filter((i) => i.starred || i.triage === 'escalated');
  const notes = readNotes(
    db,
    picked.map((i) => i.id),
  );
  const list = picked.map((i) => ({
    key: `item:${i.id}`,
    itemId: i.id,
    title: i.title,
    link: i.link,
    source: i.sourceName,
    sourceType: i.sourceType,
    published: i.at,
    starred: !!i.starred,
    escalated: i.triage === 'escalated',
    notes: notes.get(i.id) ?? [],
  }));
  return applyOrder(list, draft?.order ?? []);
}

/** Gathers the brief model for [from, to). */
export function selectBrief(db: Db, fromIso: string, toIso: string, options: BriefOptions = {}): BriefModel {
  const from = toUtcIso(fromIso),
    to = toUtcIso(toIso);
  const lang = options.lang ?? 'fr';
  const L = labelsFor(lang);
  const zone = options.timeZone ?? readSetting<string>(db, 'brief.timeZone') ?? DEFAULT_TIME_ZONE;
  const draft = options.draftId != null ? getDraft(db, options.draftId) : findDraft(db, from, to);
  const removed = new Set(draft?.removed ?? []);
  const span = Date.parse(to) - Date.parse(from);
  const prevFrom = new Date(Date.parse(from) - span).toISOString();

  const items = readPeriodItems(db, from, to).filter((i) => !removed.has(`item:${i.id}`));
  const groups = groupItems(db, items)
    .filter((g) => !removed.has(g.key))
    .sort(compareByVirality);
  const topGroups = applyOrder(groups, draft?.order ?? []).slice(0, options.topStories ?? 8);
  const contro = groups
    .filter((g) => (g.controversy ?? 0) >= (options.controversyMin ?? 35))
    .sort((a, b) => (b.controversy ?? 0) - (a.controversy ?? 0) || compareByVirality(a, b))
    .slice(0, options.controversies ?? 5);
  const wanted = [...new Map([...topGroups, ...contro].map((g) => [g.key, g])).values()];
  const summaries = summarizeStories(
    wanted.map(storyTexts),
    // IDF base: the period's 300 leading stories, by their titles (natural's idf scans every document
    // per term, so a 5,000-item day would cost seconds; the leading stories carry the day's vocabulary).
    groups.slice(0, IDF_STORIES).map((g) => ({ key: g.key, texts: [], titles: g.items.map((i) => i.title) })),
  );

  const nowByType = new Map<SourceType, number>();
  for (const i of items) nowByType.set(i.sourceType, (nowByType.get(i.sourceType) ?? 0) + 1);
  const prevByType = countItemsByType(db, prevFrom, from);
  const byType = SOURCE_TYPES.filter((t) => nowByType.has(t) || prevByType.has(t)).map((type) => ({
    type,
    count: nowByType.get(type) ?? 0,
    previous: prevByType.get(type) ?? 0,
  }));

  const allInfox = selectInfox(db, items, options.infoxMin ?? 50);
  const tonesNow = readTones(db, from, to).filter((t) => !removed.has(`item:${t.itemId}`));
  const tones = summarizeTones(tonesNow, readTones(db, prevFrom, from));
  const label = (ms: number): string =>
    DateTime.fromMillis(ms, { zone }).toFormat(span > 86_400_000 + 3_600_000 ? "dd/LL HH'h'" : "HH'h'");
  const charts = buildChartData(
    items,
    tonesNow,
    tones.slice(0, 4).map((t) => t.target),
    from,
    to,
    label,
  );

  const ownershipDir = options.ownershipDir ?? readSetting<string>(db, 'brief.ownershipDir') ?? null;
  const ownership = ownershipDir ? loadOwnership(ownershipDir) : null;
  const sources = readSourcesHealth(db, from, to).map((s) => ({
    name: s.name,
    type: s.type,
    url: s.siteUrl ?? s.url,
    items: s.items,
    errorCount: s.errorCount,
    status: (!s.enabled ? 'disabled' : s.pausedReason ? 'paused' : s.errorCount > 0 ? 'error' : 'ok') as
      'ok' | 'error' | 'paused' | 'disabled',
    lastError: s.lastErrorCode ? `${s.lastErrorCode}${s.lastErrorMessage ? ' — ' + s.lastErrorMessage : ''}` : null,
    lastSuccessAt: s.lastSuccessAt,
    owners: ownership ? ownersOf(ownership, s.name) : null,
  }));

  // The brief is dated by the last instant it covers (a period ending 25/02 00:00 is the 24th's).
  const dateLabel = L.longDate(new Date(Date.parse(to) - 1).toISOString(), zone);
  const periodLabel = `${L.dateTime(from, zone)} → ${L.dateTime(to, zone)} (${zone})`;
  const marking = options.marking !== undefined ? options.marking : (readSetting<string>(db, 'brief.marking') ?? null);
  return {
    lang,
    unitName:
      options.unitName ??
      readSetting<string>(db, 'brief.unitName') ??
      (lang === 'en' ? 'Media monitoring unit' : DEFAULT_UNIT_NAME),
    marking: marking || null,
    timeZone: zone,
    from,
    to,
    dateLabel,
    periodLabel,
    generatedAt: (options.now ?? new Date()).toISOString(),
    figures: {
      total: items.length,
      previousTotal: [...prevByType.values()].reduce((s, n) => s + n, 0),
      byType,
      stories: groups.length,
      alertsPushed: countAlerts(db, from, to),
      infoxUnderReview: allInfox.filter((x) => x.status === 'review').length,
    },
    top: topGroups.map((g) => toBriefStory(g, summaries.get(g.key) ?? '')),
    controversies: contro.map((g) => toBriefStory(g, summaries.get(g.key) ?? '')),
    tones,
    infox: applyOrder(
      allInfox.map((x) => ({ ...x, key: `item:${x.itemId}` })),
      draft?.order ?? [],
    ).slice(0, options.infoxMax ?? 10),
    selections: selectSelections(db, items, draft),
    analysis: options.analysis !== undefined ? options.analysis : (draft?.analysis ?? null),
    charts,
    sources,
    ownershipNote: ownership ? OWNERSHIP_ATTRIBUTION : null,
  };
}
