/**
 * Email through SMTP with nodemailer: STARTTLS (or implicit TLS), optional auth, text + HTML
 * parts, a stable Message-ID derived from the idempotency key so a resend after a crash is the
 * same message for the receiving side, and success recorded right after the server's 250.
 */
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { ChannelSend } from './types';
import { deliveryError } from './types';

/** Non-secret SMTP settings stored in the channel's config (the password is the channel secret). */
export interface SmtpConfig {
  host: string;
  /** Default 587 (submission with STARTTLS). */
  port?: number;
  /** Implicit TLS (port 465). Default false. */
  secure?: boolean;
  /** Refuse to send unless STARTTLS succeeds. Default true when not secure. */
  requireTLS?: boolean;
  /** Never try STARTTLS (only for a local relay). Default false. */
  ignoreTLS?: boolean;
  /** Accept self-signed certificates (test servers, internal relays). Default false. */
  allowSelfSigned?: boolean;
  user?: string;
  from: string;
  /** Default To list when a rule names no recipient. */
  defaultTo?: string[];
}

/** Message-ID for a delivery: `<idemKey@domain of From>`. */
export function messageIdFor(idemKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'vigie.invalid';
  return `<${idemKey}@${domain}>`;
}

const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'EENVELOPE', 'EMESSAGE', 'ECONFIG']);

/** Sends one mail to one recipient. */
export const sendSmtp: ChannelSend = async ({ channel, secret, recipient, idemKey, message, timeoutMs }) => {
  const cfg = channel.config as unknown as SmtpConfig;
  if (!cfg.host || !cfg.from) throw deliveryError('alert.config', 'Canal SMTP incomplet (hôte, expéditeur)', false);
  const options: SMTPTransport.Options = {
    host: cfg.host,
    port: cfg.port ?? 587,
    secure: cfg.secure ?? false,
    requireTLS: cfg.ignoreTLS ? false : (cfg.requireTLS ?? !cfg.secure),
    ignoreTLS: cfg.ignoreTLS ?? false,
    auth: cfg.user ? { user: cfg.user, pass: secret ?? '' } : undefined,
    tls: { rejectUnauthorized: !cfg.allowSelfSigned },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  const transport = nodemailer.createTransport(options);
  try {
    const info = await transport.sendMail({
      from: cfg.from,
      to: recipient,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: message.attachments?.map((a) => ({
        filename: a.fileName,
        contentType: a.contentType,
        content: Buffer.from(a.content),
      })),
      messageId: messageIdFor(idemKey, cfg.from),
      headers: { 'X-Vigie-Idempotency-Key': idemKey, 'X-Priority': message.severity === 'info' ? '3' : '1' },
    });
    return { providerRef: String(info.response ?? '').slice(0, 200) };
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; message?: string };
    const rc = e.responseCode;
    // 5xx replies are permanent (RFC 5321 §4.2.1), 4xx transient; socket/DNS/timeout errors are transient.
    // The reply code wins: nodemailer labels a 451 on DATA as EMESSAGE, which is still transient.
    const permanent = rc != null ? rc >= 500 : e.code != null && PERMANENT_CODES.has(e.code);
    throw deliveryError(
      'alert.smtp',
      `SMTP ${rc ?? e.code ?? ''} ${e.message ?? ''}`.trim(),
      !permanent,
      { responseCode: rc ?? null, smtpCode: e.code ?? null },
      undefined,
      err,
    );
  } finally {
    transport.close();
  }
};
