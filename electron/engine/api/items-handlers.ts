/** Channels items:* — lists (Priorité, search), the item screen, triage with undo, notes, tags, verdicts. */
import { AppError } from '../../../shared/errors';
import type { ChannelHandlers, ChannelParsed } from '../../../shared/api/contract';
import type { ItemDetail, ItemSummary, ItemPage } from '../../../shared/api/views';
import type { Item, SourceType } from '../../../shared/types/domain';
import {
  addNote,
  getSavedSearch,
  getVerdict,
  itemIdsWithTag,
  listNotes,
  loadAnalystLayer,
  recordTriageHistory,
  removeNote,
  setVerdict,
  tagItems,
  undoTriage,
} from '../db/analyst-store';
import {
  countItems,
  getItem,
  itemSources,
  listItems,
  setStarred,
  setTriage,
  type ListItemsOptions,
} from '../db/items-store';
import { itemReasons, storyAggregates } from '../db/views-store';
import { analystName, type HandlerContext } from './context';
import { computeUrgency } from './urgency';
import { ratingOf } from './reliability';
import { toStorySummaries } from './stories-handlers';

/** Items ranked by urgency are taken among the most recent ones (urgency decays with age). */
const URGENCY_POOL = 2000;

type ListInput = ChannelParsed<'items:list'>;
type Filters = Omit<ListInput, 'sort' | 'limit' | 'offset'>;

/** Attaches urgency and the analyst layer to items (one query per layer, not per item). */
export function toSummaries(ctx: HandlerContext, items: Item[]): ItemSummary[] {
  const layer = loadAnalystLayer(
    ctx.db,
    items.map((i) => i.id),
  );
  const nowMs = ctx.now().getTime();
  return items.map((it) => {
    const { content: _content, ...rest } = it;
    const l = layer.get(it.id) ?? { tags: [], verdict: null, noteCount: 0 };
    return { ...rest, urgency: computeUrgency(it, nowMs), tags: l.tags, verdict: l.verdict, noteCount: l.noteCount };
  });
}

/** Folds a watch topic's query and filters into the request (both queries must match). */
function withWatchTopic(ctx: HandlerContext, f: Filters): Filters {
  if (f.watchTopicId === undefined) return f;
  const topic = getSavedSearch(ctx.db, f.watchTopicId);
  const saved = topic.filters as Filters;
  const queries = [topic.query, saved.query, f.query].filter((q): q is string => !!q && !!q.trim());
  return {
    ...saved,
    ...f,
    query: queries.length ? queries.map((q) => `(${q})`).join(' AND ') : undefined,
    watchTopicId: undefined,
  };
}

/** Maps contract filters to the items store's options. */
function toStoreOptions(f: Filters): ListItemsOptions {
  return {
    query: f.query,
    since: f.since,
    until: f.until,
    sourceIds: f.sourceIds,
    sourceTypes: f.sourceTypes,
    triage: f.triage,
    language: f.language,
    minVirality: f.minVirality,
    minControversy: f.minControversy,
    minInfox: f.minInfox,
    storyId: f.storyId,
    starred: f.starred,
    departements: f.departements,
    regions: f.regions,
  };
}

/** items:list — one page, with the total. */
export function listItemPage(ctx: HandlerContext, input: ListInput): ItemPage {
  const f = withWatchTopic(ctx, input);
  const opts = toStoreOptions(f);
  const { sort, limit, offset } = input;
  if (f.tag !== undefined) {
    // Tagged sets are small (hand-made): filter the tagged ids with the store's own filters.
    const tagged = new Set(itemIdsWithTag(ctx.db, f.tag));
    const all = tagged.size
      ? listItems(ctx.db, { ...opts, sort: sort === 'urgency' ? 'recent' : sort, limit: 100_000 }).filter((i) =>
          tagged.has(i.id),
        )
      : [];
    const rows = toSummaries(ctx, all);
    if (sort === 'urgency') rows.sort((a, b) => b.urgency - a.urgency || b.id - a.id);
    return { items: rows.slice(offset, offset + limit), total: rows.length };
  }
  const total = countItems(ctx.db, opts);
  if (sort !== 'urgency')
    return { items: toSummaries(ctx, listItems(ctx.db, { ...opts, sort, limit, offset })), total };
  // Priorité: the most recent URGENCY_POOL items ranked by urgency, then the rest by date.
  if (offset >= URGENCY_POOL)
    return { items: toSummaries(ctx, listItems(ctx.db, { ...opts, sort: 'recent', limit, offset })), total };
  const pool = toSummaries(ctx, listItems(ctx.db, { ...opts, sort: 'recent', limit: URGENCY_POOL }));
  pool.sort((a, b) => b.urgency - a.urgency || b.id - a.id);
  const page = pool.slice(offset, offset + limit);
  if (page.length < limit && pool.length === URGENCY_POOL) {
    page.push(
      ...toSummaries(
        ctx,
        listItems(ctx.db, { ...opts, sort: 'recent', limit: limit - page.length, offset: URGENCY_POOL }),
      ),
    );
  }
  return { items: page, total };
}

/** items:get — the item screen. Throws `db.not_found`. */
export function getItemDetail(ctx: HandlerContext, id: number): ItemDetail {
  const it = getItem(ctx.db, id);
  if (!it) throw new AppError('db.not_found', `item ${id} not found`, { id });
  const [summary] = toSummaries(ctx, [it]);
  const verdict = getVerdict(ctx.db, id);
  const story = it.storyId !== null ? (storyAggregates(ctx.db, { ids: [it.storyId] })[0] ?? null) : null;
  return {
    item: { ...summary!, content: it.content },
    reasons: itemReasons(ctx.db, id),
    sources: itemSources(ctx.db, id).map((s) => ({
      sourceId: s.sourceId,
      sourceName: s.sourceName,
      sourceType: s.sourceType as SourceType,
      firstSeenAt: s.firstSeenAt,
      occurrences: s.occurrences,
      reliability: ratingOf(ctx, s.sourceId === it.sourceId ? it.link : null, s.sourceId),
    })),
    story: story ? toStorySummaries(ctx, [story])[0]! : null,
    notes: listNotes(ctx.db, id),
    verdictBy: verdict?.author ?? null,
    verdictAt: verdict?.at ?? null,
    verdictComment: verdict?.comment ?? null,
  };
}

/** Words of a title worth searching for related items (long words, OR'd). */
function titleQuery(title: string): string | null {
  const words = [...new Set(title.toLowerCase().match(/[\p{L}\p{N}]{5,}/gu) ?? [])].slice(0, 8);
  return words.length >= 2 ? words.map((w) => `"${w}"`).join(' OR ') : null;
}

/** items:related — same story first, then items sharing title words. */
function relatedItems(ctx: HandlerContext, id: number, limit: number): ItemSummary[] {
  const it = getItem(ctx.db, id);
  if (!it) throw new AppError('db.not_found', `item ${id} not found`, { id });
  const out: Item[] =
    it.storyId !== null ? listItems(ctx.db, { storyId: it.storyId, limit: limit + 1 }).filter((x) => x.id !== id) : [];
  const q = titleQuery(it.title);
  if (out.length < limit && q) {
    const seen = new Set([id, ...out.map((x) => x.id)]);
    for (const x of listItems(ctx.db, { query: q, limit: limit * 3 })) {
      if (out.length >= limit) break;
      if (!seen.has(x.id)) {
        out.push(x);
        seen.add(x.id);
      }
    }
  }
  return toSummaries(ctx, out.slice(0, limit));
}

/** The items:* handlers. */
export function itemsHandlers(ctx: HandlerContext): Pick<ChannelHandlers, `items:${string}` & keyof ChannelHandlers> {
  const changed = (ids: number[]) => ctx.events.emit('items:changed', { ids });
  return {
    'items:list': (input) => listItemPage(ctx, input),
    'items:get': ({ id }) => getItemDetail(ctx, id),
    'items:setTriage': ({ ids, state }) => {
      const r = ctx.db.transaction(() => {
        const undoId = recordTriageHistory(ctx.db, ids, state, ctx.now().toISOString());
        return { changed: setTriage(ctx.db, ids, state), undoId };
      })();
      changed(ids);
      return r;
    },
    'items:undoTriage': ({ undoId }) => {
      const r = undoTriage(ctx.db, undoId);
      if (r.ids.length) changed(r.ids);
      return { restored: r.restored, undoneState: r.undoneState };
    },
    'items:setStarred': ({ ids, starred }) => {
      const n = setStarred(ctx.db, ids, starred);
      changed(ids);
      return { changed: n };
    },
    'items:note': ({ itemId, text, noteId, remove }) => {
      const note =
        remove && noteId !== undefined
          ? removeNote(ctx.db, itemId, noteId)
          : addNote(ctx.db, itemId, analystName(ctx), text!, ctx.now().toISOString());
      changed([itemId]);
      return note;
    },
    'items:tag': ({ ids, add, remove }) => {
      const n = tagItems(ctx.db, ids, add, remove, ctx.now().toISOString());
      const layer = loadAnalystLayer(ctx.db, ids);
      changed(ids);
      return { changed: n, tags: Object.fromEntries(ids.map((id) => [id, layer.get(id)?.tags ?? []])) };
    },
    'items:verdict': ({ id, verdict, comment }) => {
      setVerdict(ctx.db, id, verdict, analystName(ctx), comment ?? null, ctx.now().toISOString());
      changed([id]);
      return getItemDetail(ctx, id);
    },
    'items:related': ({ id, limit }) => relatedItems(ctx, id, limit),
  };
}
