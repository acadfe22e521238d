/**
 * Webhook delivery: JSON POST with an Idempotency-Key header and, when the channel has a secret,
 * an HMAC-SHA256 signature over `timestamp.body` (Stripe-style, so receivers can reject replays).
 * Presets shape the body for Mattermost/Slack incoming webhooks and Microsoft Teams (Adaptive Card).
 */
import { createHmac } from 'node:crypto';
import type { AlertMessage } from '../../../../shared/types/alerts';
import { deliveryError, isRetryableStatus, retryAfterMs, type ChannelSend } from './types';
import { chatLinkUrl, mattermostText, slackText, teamsText } from './chat-markup';
import { safeWebUrl } from '../../safe-url';

/** Body formats. */
export type WebhookPreset = 'generic' | 'mattermost' | 'slack' | 'teams';

/** Non-secret webhook settings (the HMAC key is the channel secret). */
export interface WebhookConfig {
  url: string;
  /** Default 'generic'. */
  preset?: WebhookPreset;
}

/** Header carrying `sha256=<hex>` of HMAC(secret, `${timestamp}.${body}`). */
export const SIGNATURE_HEADER = 'x-vigie-signature';
/** Header carrying the Unix timestamp (seconds) that was signed. */
export const TIMESTAMP_HEADER = 'x-vigie-timestamp';
/** Header carrying the delivery's idempotency key (stable across retries). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Computes the signature header value for a body. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

const SEV_EMOJI = { info: 'ℹ️', urgent: '⚠️', flash: '🚨' } as const;

function scoreLine(m: AlertMessage): string {
  const f = (v: number | null) => (v == null ? '–' : String(Math.round(v)));
  return `Viralité ${f(m.scores.virality)} · Polémique ${f(m.scores.controversy)} · Infox ${f(m.scores.infox)}`;
}

/** Builds the JSON body for a preset; feed text is escaped for the preset's markup (see chat-markup.ts). */
export function buildWebhookBody(preset: WebhookPreset, m: AlertMessage, idemKey: string): unknown {
  const when = m.publishedFr ? ` — ${m.publishedFr}` : '';
  const url = safeWebUrl(m.link);
  if (preset === 'slack' || preset === 'mattermost') {
    const esc = preset === 'slack' ? slackText : mattermostText;
    const title = esc(m.title);
    const link = url
      ? preset === 'slack'
        ? `<${chatLinkUrl(url)}|${title}>`
        : `[${title}](${chatLinkUrl(url)})`
      : title;
    const bold = preset === 'slack' ? '*' : '**';
    const lines = [
      `${SEV_EMOJI[m.severity]} ${bold}${esc(m.subject)}${bold}`,
      link,
      esc(`${m.source ?? ''}${when}`),
      scoreLine(m),
    ];
    if (m.comment) lines.push(`> ${esc(m.comment)}`);
    // Slack: no link previews (a remote page or image fetched on the reader's behalf).
    return preset === 'slack'
      ? { text: lines.filter(Boolean).join('\n'), unfurl_links: false, unfurl_media: false }
      : { text: lines.filter(Boolean).join('\n') };
  }
  if (preset === 'teams') {
    const body: unknown[] = [
      {
        type: 'TextBlock',
        text: teamsText(m.subject),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
        color: m.severity === 'info' ? 'Default' : 'Attention',
      },
      { type: 'TextBlock', text: teamsText(`${m.source ?? ''}${when}`), isSubtle: true, wrap: true },
      { type: 'TextBlock', text: scoreLine(m), wrap: true },
    ];
    if (m.comment) body.push({ type: 'TextBlock', text: teamsText(m.comment), wrap: true });
    return {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body,
            actions: url ? [{ type: 'Action.OpenUrl', title: "Ouvrir l'article", url }] : [],
          },
        },
      ],
    };
  }
  const { html: _html, ...rest } = m;
  return { id: idemKey, type: 'vigie.alert', ...rest, link: url };
}

/** Posts one alert to the channel's URL. */
export const sendWebhook: ChannelSend = async ({ channel, secret, idemKey, message, timeoutMs }) => {
  const cfg = channel.config as unknown as WebhookConfig;
  if (!cfg.url || !/^https?:\/\//.test(cfg.url))
    throw deliveryError('alert.config', 'Canal webhook : URL http(s) requise', false);
  const body = JSON.stringify(buildWebhookBody(cfg.preset ?? 'generic', message, idemKey));
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    [IDEMPOTENCY_HEADER]: idemKey,
    'user-agent': 'Vigie-Alertes/0.1',
  };
  if (secret) {
    const ts = String(Math.floor(Date.now() / 1000));
    headers[TIMESTAMP_HEADER] = ts;
    headers[SIGNATURE_HEADER] = signWebhook(secret, ts, body);
  }
  let res: Response;
  try {
    res = await fetch(cfg.url, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const timeout = (err as Error).name === 'TimeoutError';
    throw deliveryError(
      'alert.webhook',
      timeout ? `délai dépassé (${timeoutMs} ms)` : `réseau : ${(err as Error).message}`,
      true,
      { timeout },
      undefined,
      err,
    );
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return { providerRef: `HTTP ${res.status}` };
  const retryAfter = retryAfterMs(res.headers.get('retry-after'));
  throw deliveryError(
    res.status === 429 ? 'alert.rate_limited' : 'alert.webhook',
    `HTTP ${res.status}`,
    isRetryableStatus(res.status),
    { status: res.status },
    retryAfter ?? undefined,
  );
};
