/** Channels settings:*, search:saved:*, app:info and demo:load. */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ChannelHandlers } from '../../../shared/api/contract';
import type { Settings } from '../../../shared/api/views';
import { getSetting, listSavedSearches, removeSavedSearch, saveSavedSearch, setSetting } from '../db/analyst-store';
import { countItems } from '../db/items-store';
import { countAll } from '../db/views-store';
import { loadDemoWorkspace, replayLiveItem } from '../demo/load-demo';
import type { HandlerContext } from './context';
import { importReliability, reliabilityList } from './reliability';

/** Setting keys and their defaults (values are JSON in table `settings`). */
const DEFAULTS = { analystName: '', language: 'fr' as 'fr' | 'en', watchedEntities: [] as string[], autoRefresh: true };

/** Reads the settings the UI edits. */
export function readSettings(ctx: HandlerContext): Settings {
  return {
    analystName: getSetting(ctx.db, 'analystName', DEFAULTS.analystName),
    language: getSetting(ctx.db, 'language', DEFAULTS.language),
    watchedEntities: getSetting(ctx.db, 'watchedEntities', DEFAULTS.watchedEntities),
    autoRefresh: getSetting(ctx.db, 'autoRefresh', DEFAULTS.autoRefresh),
    briefSchedule: getSetting<Settings['briefSchedule']>(ctx.db, 'briefSchedule', null),
    reliabilityCount: reliabilityList(ctx).size,
  };
}

/**
 * The folder the daily brief may write to: `outDir` resolved inside the briefs root (a relative
 * name is a subfolder of it), created private; `input.invalid` naming the root otherwise.
 */
export function briefFolder(ctx: HandlerContext, outDir: string): string {
  const root = path.resolve(ctx.facts.briefRoot);
  const dir = path.resolve(root, outDir);
  const rel = path.relative(root, dir);
  if (rel.startsWith('..') || path.isAbsolute(rel))
    throw new AppError('input.invalid', `the brief folder must be inside ${root}`, { root, outDir });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A symbolic link inside the root must not lead out of it.
  const real = fs.realpathSync(dir);
  const realRoot = fs.realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep))
    throw new AppError('input.invalid', `the brief folder must be inside ${root}`, { root, outDir });
  return dir;
}

/** The settings, saved searches, app and demo handlers. */
export function settingsHandlers(
  ctx: HandlerContext,
  onSettingsChanged: (s: Settings) => void,
): Pick<
  ChannelHandlers,
  | 'settings:get'
  | 'settings:set'
  | 'settings:importReliability'
  | 'search:saved:list'
  | 'search:saved:save'
  | 'search:saved:remove'
  | 'app:info'
  | 'demo:load'
> {
  return {
    'settings:get': () => readSettings(ctx),
    'settings:set': (input) => {
      // The brief folder is confined to the briefs root: a token holder must not make the
      // engine write files anywhere the process can.
      const patch = input.briefSchedule
        ? { ...input, briefSchedule: { ...input.briefSchedule, outDir: briefFolder(ctx, input.briefSchedule.outDir) } }
        : input;
      ctx.db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) if (value !== undefined) setSetting(ctx.db, key, value);
      })();
      const s = readSettings(ctx);
      onSettingsChanged(s);
      return s;
    },
    'settings:importReliability': ({ csv }) => ({ count: importReliability(ctx, csv) }),
    'search:saved:list': () =>
      listSavedSearches(ctx.db).map((s) => ({ ...s, matchCount: safeCount(ctx, s.query, s.filters) })),
    'search:saved:save': (input) => {
      const s = saveSavedSearch(ctx.db, input, ctx.now().toISOString());
      return { ...s, matchCount: safeCount(ctx, s.query, s.filters) };
    },
    'search:saved:remove': ({ id }) => ({ removed: removeSavedSearch(ctx.db, id) }),
    'app:info': () => {
      const c = countAll(ctx.db);
      return {
        name: 'Vigie',
        version: ctx.facts.version,
        mode: ctx.facts.mode,
        dbPath: ctx.facts.mode === 'electron' ? ctx.facts.dbPath : null,
        platform: process.platform,
        itemCount: c.items,
        sourceCount: c.sources,
        empty: c.sources === 0,
        demoLoaded: getSetting(ctx.db, 'demoLoadedAt', null) !== null,
      };
    },
    'demo:load': ({ force }) => {
      // A long-running engine plays the last items live, a few seconds apart, to show live updates.
      const r = loadDemoWorkspace(ctx.db, { now: ctx.now(), force, holdLive: ctx.live });
      if (r.loaded) {
        setSetting(ctx.db, 'demoLoadedAt', ctx.now().toISOString());
        ctx.events.emit('items:new', { count: r.newIds.length, ids: r.newIds, sourceId: null });
        for (const l of r.live) {
          const timer = setTimeout(() => {
            try {
              const ids = replayLiveItem(ctx.db, l.source, l.item, ctx.now());
              if (ids.length) ctx.events.emit('items:new', { count: ids.length, ids, sourceId: null });
            } catch {
              /* the engine was closed meanwhile */
            }
          }, l.afterSec * 1000);
          timer.unref?.();
        }
      }
      return { loaded: r.loaded, sources: r.sources, items: r.items };
    },
  };
}

/** Items matching a saved search now; 0 when its query no longer parses. */
function safeCount(ctx: HandlerContext, query: string, filters: Record<string, unknown>): number {
  try {
    const f = filters as { query?: string; since?: string; until?: string; sourceTypes?: never; sourceIds?: number[] };
    const q = [query, f.query]
      .filter((x) => x && x.trim())
      .map((x) => `(${x})`)
      .join(' AND ');
    return countItems(ctx.db, { ...f, query: q || undefined });
  } catch {
    return 0;
  }
}
