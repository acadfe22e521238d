/** Channels sources:* — list with health, add by URL or preset, update/pause, remove, OPML, manual refresh. */
import { AppError } from '../../../shared/errors';
import { REACH_BY_TYPE } from '../../../shared/defaults';
import type { ChannelHandlers } from '../../../shared/api/contract';
import type { SourceView } from '../../../shared/api/views';
import type { Source } from '../../../shared/types/domain';
import { addSource, findSourceByUrl, getSource, listSources, removeSource, updateSource } from '../db/sources-store';
import { sourceItemStats } from '../db/views-store';
import { buildOpml, importOpml } from '../ingest/opml';
import { buildPresetSource } from '../ingest/presets';
import type { RefreshResult } from '../ingest/refresh-feed';
import { refreshAll } from '../ingest/scheduler';
import type { HandlerContext } from './context';

/** Strips scheduler internals and adds item counts. */
function toViews(ctx: HandlerContext, sources: Source[]): SourceView[] {
  const stats = sourceItemStats(ctx.db);
  return sources.map((s) => {
    const { ttlMinutes: _t, itemsPerDay: _i, ...base } = s as Source & { ttlMinutes?: unknown; itemsPerDay?: unknown };
    return { ...base, itemCount: stats.get(s.id)?.itemCount ?? 0, lastItemAt: stats.get(s.id)?.lastItemAt ?? null };
  });
}

/** One source as a view. Throws `db.not_found`. */
function sourceView(ctx: HandlerContext, id: number): SourceView {
  const s = getSource(ctx.db, id);
  if (!s) throw new AppError('db.not_found', `no source #${id}`, { id });
  return toViews(ctx, [s])[0]!;
}

/** Publishes what a refresh did: the source's health, and new items when there are some. */
export function emitRefreshResult(ctx: HandlerContext, r: RefreshResult): void {
  if (r.status === 'aborted') return;
  const s = getSource(ctx.db, r.sourceId);
  if (s) ctx.events.emit('sources:health', { sourceId: s.id, ok: r.status !== 'error', health: s.health });
  if (r.newIds.length) ctx.events.emit('items:new', { count: r.newIds.length, ids: r.newIds, sourceId: r.sourceId });
}

/** Refuses a URL already monitored (the UNIQUE constraint would say it less clearly). */
function assertNewUrl(ctx: HandlerContext, url: string): void {
  const existing = findSourceByUrl(ctx.db, url);
  if (existing)
    throw new AppError('db.constraint', `source already monitored: ${existing.name}`, { url, id: existing.id });
}

/** The sources:* handlers. */
export function sourcesHandlers(
  ctx: HandlerContext,
  wake: () => void,
): Pick<ChannelHandlers, `sources:${string}` & keyof ChannelHandlers> {
  return {
    'sources:list': ({ type }) => toViews(ctx, listSources(ctx.db, { type })),
    'sources:add': (input) => {
      assertNewUrl(ctx, input.url);
      const name = input.name ?? new URL(input.url).hostname.replace(/^www\./, '');
      const s = addSource(
        ctx.db,
        { ...input, name, reachWeight: input.reachWeight ?? REACH_BY_TYPE[input.type] },
        ctx.now(),
      );
      wake();
      return sourceView(ctx, s.id);
    },
    'sources:addPreset': ({ preset, value, name, type }) => {
      const built = buildPresetSource(preset, value);
      assertNewUrl(ctx, built.url);
      const finalType = type ?? built.type;
      const s = addSource(
        ctx.db,
        {
          ...built,
          name: name ?? built.name,
          type: finalType,
          reachWeight: built.reachWeight ?? REACH_BY_TYPE[finalType],
        },
        ctx.now(),
      );
      wake();
      return sourceView(ctx, s.id);
    },
    'sources:update': ({ id, patch }) => {
      const { url, ...rest } = patch;
      const current = getSource(ctx.db, id);
      if (!current) throw new AppError('db.not_found', `no source #${id}`, { id });
      // The URL is the source's identity (dedup keys, health): changing it means a new source.
      if (url !== undefined && url !== current.url)
        throw new AppError('input.invalid', 'the URL of a source cannot change: add a new source', { id, url });
      updateSource(ctx.db, id, { ...rest, ...(rest.enabled === false ? { pausedReason: 'manual' } : {}) });
      wake();
      return sourceView(ctx, id);
    },
    'sources:remove': ({ id }) => ({ removed: removeSource(ctx.db, id) }),
    'sources:importOpml': ({ xml, type }) => {
      const r = importOpml(ctx.db, xml, { defaultType: type });
      wake();
      return {
        added: r.added.length,
        skipped: r.skipped.length,
        errors: r.invalid.map((e) => ({ url: e.url, code: e.error.code, message: e.error.message })),
      };
    },
    'sources:exportOpml': () => ({
      xml: buildOpml(listSources(ctx.db), 'Vigie — sources', ctx.now()),
      fileName: `vigie-sources-${ctx.now().toISOString().slice(0, 10)}.opml`,
    }),
    'sources:refresh': async ({ ids }) => {
      const summary = await refreshAll(ctx.db, {
        sourceIds: ids,
        all: ids === undefined,
        onProgress: (p) => emitRefreshResult(ctx, p.result),
      });
      return { sources: summary.sources, newItems: summary.new, errors: summary.errors };
    },
  };
}
