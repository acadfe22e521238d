/**
 * Emails the brief to a distribution list through a configured SMTP alert channel: the HTML
 * brief (charts as PNG data: URIs, which mail clients show more often than SVG) with the Markdown
 * as the text part. Sent directly, one message per recipient, and written to the alert audit log;
 * a failed recipient is reported, not retried (the analyst sends again).
 */
import { AppError } from '../../../shared/errors';
import type { AlertMessage } from '../../../shared/types/alerts';
import { sendSmtp, type SmtpConfig } from '../alerts/channels/smtp';
import { insertAudit } from '../db/alerts-outbox-store';
import { findChannel, loadChannelForSend } from '../db/alerts-store';
import type { Db } from '../db/open';
import { BRIEF_MIME, renderBrief, renderModelCharts } from './brief';
import { labelsFor } from './i18n';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-md';
import { selectBrief } from './select';
import type { BriefFormat, BriefOptions } from './types';

/** What emailBrief is asked. */
export interface EmailBriefRequest {
  from: string;
  to: string;
  /** SMTP channel id or name. */
  channel: number | string;
  /** Addresses; default: the channel's defaultTo list. */
  recipients?: string[];
  /** Also attach the brief as a file in this format (the body stays HTML + text). Default: none. */
  attach?: BriefFormat | null;
  options?: BriefOptions;
  /** Who sends, for the audit log. Default 'analyste'. */
  actor?: string;
  /** Per-message timeout, ms. Default 30,000. */
  timeoutMs?: number;
}

/** Outcome per recipient. */
export interface EmailBriefResult {
  subject: string;
  sent: string[];
  failed: Array<{ recipient: string; code: string; message: string }>;
}

/** Sends the brief of [from, to) by email through an SMTP channel. */
export async function emailBrief(db: Db, req: EmailBriefRequest): Promise<EmailBriefResult> {
  const ch = findChannel(db, req.channel);
  if (!ch) throw new AppError('alert.config', `channel not found: ${req.channel}`, { channel: req.channel });
  if (ch.kind !== 'smtp')
    throw new AppError('alert.config', `channel ${ch.name} is not an SMTP channel`, { channel: ch.name });
  const loaded = loadChannelForSend(db, ch.id)!;
  const recipients = req.recipients?.length
    ? req.recipients
    : ((loaded.channel.config as unknown as SmtpConfig).defaultTo ?? []);
  if (!recipients.length) throw new AppError('input.invalid', 'no recipient for the brief', { channel: ch.name });

  const model = selectBrief(db, req.from, req.to, req.options);
  const charts = renderModelCharts(model);
  const L = labelsFor(model.lang);
  const subject = `${model.marking ? `[${model.marking}] ` : ''}${L.t('title')} — ${model.dateLabel}`;
  const message: AlertMessage = {
    severity: 'info',
    isUpdate: false,
    subject,
    title: subject,
    source: null,
    sourceType: null,
    published: model.to,
    publishedFr: model.dateLabel,
    link: null,
    scores: { virality: null, controversy: null, infox: null, growth: null },
    reasons: { virality: [], controversy: [], infox: [] },
    comment: model.analysis,
    origin: req.actor ?? 'analyste',
    text: renderMarkdown(model, charts, { omitImages: true }).markdown,
    html: renderHtml(model, charts, { images: 'png' }),
  };
  if (req.attach) {
    // Rendered once for every recipient; named like the UI export (synthese-<last day covered>).
    const { bytes } = await renderBrief(model, charts, req.attach);
    const day = new Date(Date.parse(model.to) - 1).toISOString().slice(0, 10);
    message.attachments = [
      { fileName: `synthese-${day}.${req.attach}`, contentType: BRIEF_MIME[req.attach], content: bytes },
    ];
  }
  const result: EmailBriefResult = { subject, sent: [], failed: [] };
  for (const recipient of recipients) {
    // One key per recipient and send: a deliberate resend is a new message.
    const idemKey = `brief-${Date.parse(model.from)}-${Date.parse(model.to)}-${Date.now()}-${result.sent.length + result.failed.length}`;
    try {
      await sendSmtp({
        channel: loaded.channel,
        secret: loaded.secret,
        recipient,
        idemKey,
        message,
        timeoutMs: req.timeoutMs ?? 30_000,
      });
      result.sent.push(recipient);
      insertAudit(db, {
        at: new Date().toISOString(),
        actor: req.actor ?? 'analyste',
        action: 'brief-emailed',
        channel: ch.name,
        recipient,
        result: 'sent',
        detail: subject,
      });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('alert.smtp', (err as Error).message);
      result.failed.push({ recipient, code: e.code, message: e.message });
      insertAudit(db, {
        at: new Date().toISOString(),
        actor: req.actor ?? 'analyste',
        action: 'brief-email-failed',
        channel: ch.name,
        recipient,
        result: e.code,
        detail: e.message.slice(0, 300),
      });
    }
  }
  return result;
}
