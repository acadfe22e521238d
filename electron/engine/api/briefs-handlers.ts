/**
 * Channels briefs:* — preview (HTML for a sandboxed frame), export (pdf, docx, html, md as base64),
 * the analyst's draft (order, removals, analysis paragraph) and emailing through an SMTP alert
 * channel. The draft is stored per period and selectBrief applies it, so preview, export and email
 * all honour it.
 */
import type { ChannelHandlers } from '../../../shared/api/contract';
import type { BriefDraftView, BriefEntry } from '../../../shared/api/views';
import { getSetting } from '../db/analyst-store';
import { findDraft, readKeyTitles, saveDraft } from '../db/brief-store';
import { BRIEF_MIME, generateBrief, renderModelCharts } from '../brief/brief';
import { emailBrief } from '../brief/email';
import { renderHtml } from '../brief/render-html';
import { selectBrief, toUtcIso } from '../brief/select';
import type { BriefLang } from '../brief/types';
import { analystName, type HandlerContext } from './context';

/** The analyst's interface language is the brief's language. */
const langOf = (ctx: HandlerContext): BriefLang =>
  getSetting<BriefLang>(ctx.db, 'language', 'fr') === 'en' ? 'en' : 'fr';

/** The draft of [from, to) with the entries the brief currently shows (sections in brief order) and the removed ones. */
function readDraftView(ctx: HandlerContext, fromIso: string, toIso: string): BriefDraftView {
  const from = toUtcIso(fromIso),
    to = toUtcIso(toIso);
  const model = selectBrief(ctx.db, from, to, { lang: langOf(ctx), now: ctx.now() });
  const draft = findDraft(ctx.db, from, to);
  const entries: BriefEntry[] = [];
  const seen = new Set<string>();
  const push = (key: string, title: string, section: BriefEntry['section']): void => {
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ key, title, section });
  };
  for (const s of model.top) push(s.key, s.title, 'top');
  for (const x of model.infox) push(`item:${x.itemId}`, x.title, 'infox');
  for (const s of model.selections) push(s.key, s.title, 'selection');
  const removedKeys = draft?.removed ?? [];
  const titles = readKeyTitles(ctx.db, removedKeys);
  // A removed entry keeps the section it had when it was removed only implicitly: an item key is a
  // selection or an infox, a story/group key a top story; the UI only needs a title to restore it.
  const removed = removedKeys.map((key) => ({
    key,
    title: titles.get(key) ?? key,
    section: (key.startsWith('item:') ? 'selection' : 'top') as BriefEntry['section'],
  }));
  return { from, to, entries, removed, analysis: model.analysis, updatedAt: draft?.updatedAt ?? null };
}

/** The briefs:* handlers. */
export function briefsHandlers(
  ctx: HandlerContext,
): Pick<
  ChannelHandlers,
  'briefs:preview' | 'briefs:export' | 'briefs:draft:get' | 'briefs:draft:save' | 'briefs:email'
> {
  return {
    'briefs:preview': ({ from, to }) => {
      const model = selectBrief(ctx.db, from, to, { lang: langOf(ctx), now: ctx.now() });
      return {
        html: renderHtml(model, renderModelCharts(model)),
        from: model.from,
        to: model.to,
        itemCount: model.figures.total,
        storyCount: model.figures.stories,
      };
    },
    'briefs:export': async ({ from, to, format }) => {
      const r = await generateBrief(ctx.db, {
        from,
        to,
        format,
        out: null,
        trigger: 'manual',
        options: { lang: langOf(ctx), now: ctx.now() },
      });
      const day = r.model.to.slice(0, 10);
      return {
        fileName: `synthese-${day}.${format}`,
        mimeType: BRIEF_MIME[format],
        base64: r.bytes.toString('base64'),
        bytes: r.bytes.length,
      };
    },
    'briefs:draft:get': ({ from, to }) => readDraftView(ctx, from, to),
    'briefs:draft:save': ({ from, to, order, removed, analysis }) => {
      const text = analysis?.trim() ? analysis.trim() : null;
      saveDraft(
        ctx.db,
        {
          from: toUtcIso(from),
          to: toUtcIso(to),
          order,
          removed: [...new Set(removed)],
          analysis: text,
          author: analystName(ctx),
        },
        ctx.now().toISOString(),
      );
      return readDraftView(ctx, from, to);
    },
    'briefs:email': ({ from, to, channelId, recipients, format }) =>
      emailBrief(ctx.db, {
        from,
        to,
        channel: channelId,
        recipients,
        attach: format,
        options: { lang: langOf(ctx), now: ctx.now() },
        actor: analystName(ctx),
        timeoutMs: 30_000,
      }),
  };
}
