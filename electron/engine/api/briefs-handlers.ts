/** Channels briefs:* — preview (HTML) and export (pdf, docx, html, md) of the daily synthesis. */
import { AppError } from '../../../shared/errors';
import type { ChannelHandlers } from '../../../shared/api/contract';
import type { HandlerContext } from './context';

/** The briefs:* handlers (wired to the brief renderers once they land). */
export function briefsHandlers(_ctx: HandlerContext): Pick<ChannelHandlers, 'briefs:preview' | 'briefs:export'> {
  const missing = (): never => { throw new AppError('brief.render', 'brief rendering is not available in this build', {}); };
  return { 'briefs:preview': missing, 'briefs:export': missing };
}
