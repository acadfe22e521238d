/** Channels briefs:* — preview (HTML for a sandboxed frame) and export (pdf, docx, html, md as base64) of the daily synthesis. */
import type { ChannelHandlers } from '../../../shared/api/contract';
import { getSetting } from '../db/analyst-store';
import { BRIEF_MIME, generateBrief, renderModelCharts } from '../brief/brief';
import { renderHtml } from '../brief/render-html';
import { selectBrief } from '../brief/select';
import type { BriefLang } from '../brief/types';
import type { HandlerContext } from './context';

/** The analyst's interface language is the brief's language. */
const langOf = (ctx: HandlerContext): BriefLang => getSetting<BriefLang>(ctx.db, 'language', 'fr') === 'en' ? 'en' : 'fr';

/** The briefs:* handlers. */
export function briefsHandlers(ctx: HandlerContext): Pick<ChannelHandlers, 'briefs:preview' | 'briefs:export'> {
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
      const r = await generateBrief(ctx.db, { from, to, format, out: null, trigger: 'manual', options: { lang: langOf(ctx), now: ctx.now() } });
      const day = r.model.to.slice(0, 10);
      return { fileName: `synthese-${day}.${format}`, mimeType: BRIEF_MIME[format], base64: r.bytes.toString('base64'), bytes: r.bytes.length };
    },
  };
}
