/** The destination (channel) editor's form state ⇄ an alerts:channels:save input (pure, testable). */
import type { AlertChannel, ChannelKind } from '../../../shared/types/alerts';

/** Webhook body presets the engine knows. */
export const WEBHOOK_PRESETS = ['generic', 'mattermost', 'slack', 'teams'] as const;
/** SMTP transport security: STARTTLS required, implicit TLS (465), or none (local relay only). */
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;

/** What the editor edits: flat strings for text fields. The secret is write-only. */
export interface ChannelForm {
  id?: number;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  host: string;
  port: string;
  security: (typeof SMTP_SECURITY)[number];
  allowSelfSigned: boolean;
  user: string;
  from: string;
  recipients: string;
  url: string;
  preset: (typeof WEBHOOK_PRESETS)[number];
  homeserver: string;
  roomId: string;
  /** New secret (password, HMAC key, token); empty = keep the stored one. */
  secret: string;
  /** Remove the stored secret. */
  clearSecret: boolean;
  /** Whether the stored channel has a secret (display only). */
  hasSecret: boolean;
  /** destinationKey of the channel as loaded (null for a new channel). */
  loadedDestination: string | null;
}

/** An empty form of the given kind. */
export function emptyChannel(kind: ChannelKind = 'smtp'): ChannelForm {
  return {
    kind,
    name: '',
    enabled: true,
    host: '',
    port: '587',
    security: 'starttls',
    allowSelfSigned: false,
    user: '',
    from: '',
    recipients: '',
    url: '',
    preset: 'generic',
    homeserver: '',
    roomId: '',
    secret: '',
    clearSecret: false,
    hasSecret: false,
    loadedDestination: null,
  };
}

/**
 * Where the channel's secret goes, from the form (the engine binds the secret to the same
 * fields): SMTP server, port, login and security; webhook URL; Matrix homeserver.
 */
export function destinationKey(f: ChannelForm): string {
  if (f.kind === 'smtp')
    return ['smtp', f.host.trim().toLowerCase(), f.port.trim(), f.user, f.security, f.allowSelfSigned].join('|');
  if (f.kind === 'webhook') return `webhook|${f.url.trim()}`;
  if (f.kind === 'matrix') return `matrix|${f.homeserver.trim().toLowerCase().replace(/\/+$/, '')}`;
  return f.kind;
}

/** True when the form moves a stored secret to another destination: the secret must then be typed again. */
export function secretMustBeReentered(f: ChannelForm): boolean {
  return (
    f.hasSecret &&
    !f.clearSecret &&
    !f.secret &&
    f.loadedDestination !== null &&
    destinationKey(f) !== f.loadedDestination
  );
}

const list = (s: string): string[] =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Loads a stored channel into the form (the secret never comes back, only hasSecret). */
export function fromChannel(c: AlertChannel): ChannelForm {
  const g = c.config;
  const security = g.secure === true ? 'tls' : g.ignoreTLS === true ? 'none' : 'starttls';
  const form: ChannelForm = {
    ...emptyChannel(c.kind),
    id: c.id,
    name: c.name,
    enabled: c.enabled,
    hasSecret: c.hasSecret,
    host: str(g.host),
    port: str(g.port) || '587',
    security,
    allowSelfSigned: g.allowSelfSigned === true,
    user: str(g.user),
    from: str(g.from),
    recipients: Array.isArray(g.defaultTo) ? (g.defaultTo as unknown[]).map(str).join(', ') : '',
    url: str(g.url),
    preset: (WEBHOOK_PRESETS as readonly string[]).includes(str(g.preset))
      ? (g.preset as ChannelForm['preset'])
      : 'generic',
    homeserver: str(g.homeserver),
    roomId: str(g.roomId),
  };
  return { ...form, loadedDestination: destinationKey(form) };
}

/**
 * Checks the form before sending; returns the i18n keys of the problems (empty = valid).
 * The engine only finds a missing host or URL at send time, so the editor catches it here.
 */
export function validateChannel(f: ChannelForm): string[] {
  const errs: string[] = [];
  if (!f.name.trim()) errs.push('channels.err.name');
  if (f.kind === 'smtp') {
    if (!f.host.trim()) errs.push('channels.err.host');
    const port = Number(f.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) errs.push('channels.err.port');
    if (!EMAIL.test(f.from.trim().replace(/^.*<([^>]+)>\s*$/, '$1'))) errs.push('channels.err.from');
    if (list(f.recipients).some((r) => !EMAIL.test(r))) errs.push('channels.err.recipients');
  } else if (f.kind === 'webhook') {
    // A masked stored URL ("https://host/…") is sent back as is: the engine keeps the stored one.
    if (!/^https?:\/\/[^\s]+$/.test(f.url.trim())) errs.push('channels.err.url');
  } else if (f.kind === 'matrix') {
    if (!/^https?:\/\/[^\s]+$/.test(f.homeserver.trim())) errs.push('channels.err.homeserver');
    if (!/^[!#][^:\s]+:[^\s]+$/.test(f.roomId.trim())) errs.push('channels.err.roomId');
    if (!f.secret && (!f.hasSecret || f.clearSecret)) errs.push('channels.err.token');
  }
  if (secretMustBeReentered(f)) errs.push('channels.err.reenterSecret');
  return errs;
}

/** The alerts:channels:save input for the form. */
export function toSaveInput(f: ChannelForm): {
  id?: number;
  name: string;
  kind: ChannelKind;
  config: Record<string, unknown>;
  secret?: string | null;
  enabled: boolean;
} {
  let config: Record<string, unknown> = {};
  if (f.kind === 'smtp') {
    config = {
      host: f.host.trim(),
      port: Number(f.port),
      secure: f.security === 'tls',
      requireTLS: f.security === 'starttls',
      ignoreTLS: f.security === 'none',
      allowSelfSigned: f.allowSelfSigned,
      from: f.from.trim(),
      defaultTo: list(f.recipients),
      ...(f.user.trim() ? { user: f.user.trim() } : {}),
    };
  } else if (f.kind === 'webhook') config = { url: f.url.trim(), preset: f.preset };
  else if (f.kind === 'matrix')
    config = { homeserver: f.homeserver.trim().replace(/\/+$/, ''), roomId: f.roomId.trim() };
  const secret = f.clearSecret ? null : f.secret ? f.secret : undefined;
  return {
    ...(f.id ? { id: f.id } : {}),
    name: f.name.trim(),
    kind: f.kind,
    config,
    ...(secret !== undefined ? { secret } : {}),
    enabled: f.enabled,
  };
}

/** One-line target of a channel for the list: recipients, URL (masked), room, or the workstation. */
export function targetOf(c: AlertChannel): string {
  const g = c.config;
  if (c.kind === 'smtp') {
    const to = Array.isArray(g.defaultTo) ? (g.defaultTo as unknown[]).map(str).join(', ') : '';
    return `${str(g.host)}:${str(g.port) || '587'}${to ? ` → ${to}` : ''}`;
  }
  if (c.kind === 'webhook') return `${str(g.url)}${g.preset && g.preset !== 'generic' ? ` (${str(g.preset)})` : ''}`;
  if (c.kind === 'matrix') return `${str(g.roomId)} @ ${str(g.homeserver)}`;
  return '';
}
