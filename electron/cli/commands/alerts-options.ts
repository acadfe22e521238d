/** Parsing of `vigie alerts` options into rule definitions and channel settings (no I/O besides --json files). */
import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import { SEVERITIES, type RuleTier, type Severity } from '../../../shared/types/alerts';

/** Options shared by `alerts rules add` and `alerts rules test`. */
export interface RuleOptions {
  json?: string;
  name?: string;
  query?: string;
  sourceType?: string[];
  source?: string[];
  entity?: string[];
  watched?: boolean;
  minVirality?: string;
  minControversy?: string;
  minInfox?: string;
  minGrowth?: string;
  growthWindow?: string;
  match?: string;
  severity?: string;
  escalate?: string[];
  to?: string;
  channel?: string[];
  disabled?: boolean;
}

/** Collects a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function num(v: string | undefined, what: string): number | null {
  if (v == null) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new AppError('input.invalid', `${what} : nombre attendu (${v})`);
  return n;
}

function severityOf(v: string): Severity {
  if (!(SEVERITIES as readonly string[]).includes(v))
    throw new AppError('input.invalid', `gravité inconnue : ${v} (info, urgent, flash)`);
  return v as Severity;
}

/** Parses `--escalate urgent:virality=80,growth=5` into a tier. */
export function parseEscalation(spec: string): RuleTier {
  const [sev, rest = ''] = spec.split(':');
  const tier: RuleTier = { severity: severityOf(sev.trim()) };
  for (const part of rest.split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    const n = num(v, `--escalate ${k}`);
    if (k === 'virality') tier.minVirality = n;
    else if (k === 'controversy') tier.minControversy = n;
    else if (k === 'infox') tier.minInfox = n;
    else if (k === 'growth') tier.minGrowth = n;
    else throw new AppError('input.invalid', `--escalate : seuil inconnu ${k} (virality, controversy, infox, growth)`);
  }
  return tier;
}

/** Splits a comma-separated list. */
export function splitList(v: string | undefined): string[] {
  return (v ?? '')
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Builds the raw rule input (validated later by parseRuleDefinition); channel names resolved by the caller. */
export function ruleInputFromOptions(
  o: RuleOptions,
  resolveChannel: (nameOrId: string) => number,
): Record<string, unknown> {
  if (o.json) return JSON.parse(fs.readFileSync(o.json, 'utf8')) as Record<string, unknown>;
  const base: RuleTier = {
    severity: severityOf(o.severity ?? 'info'),
    minVirality: num(o.minVirality, '--min-virality'),
    minControversy: num(o.minControversy, '--min-controversy'),
    minInfox: num(o.minInfox, '--min-infox'),
    minGrowth: num(o.minGrowth, '--min-growth'),
  };
  return {
    name: o.name ?? 'Sans nom',
    enabled: !o.disabled,
    query: o.query ?? '',
    sourceTypes: o.sourceType ?? [],
    sourceIds: (o.source ?? []).map((s) => num(s, '--source')),
    entities: o.entity ?? [],
    watchedEntities: !!o.watched,
    match: o.match ?? 'any',
    tiers: [base, ...(o.escalate ?? []).map(parseEscalation)],
    growthWindowMin: num(o.growthWindow, '--growth-window') ?? 60,
    recipients: splitList(o.to),
    channelIds: (o.channel ?? []).map(resolveChannel),
  };
}

/** Options of `alerts channels add`. */
export interface ChannelOptions {
  name: string;
  kind: string;
  host?: string;
  port?: string;
  secure?: boolean;
  requireTls?: boolean;
  ignoreTls?: boolean;
  allowSelfSigned?: boolean;
  user?: string;
  from?: string;
  defaultTo?: string;
  url?: string;
  preset?: string;
  homeserver?: string;
  room?: string;
  secretEnv?: string;
  secretStdin?: boolean;
  rate?: string;
}

/** Non-secret config for a channel kind. */
export function channelConfigFromOptions(o: ChannelOptions): Record<string, unknown> {
  if (o.kind === 'smtp') {
    if (!o.host || !o.from) throw new AppError('input.invalid', 'SMTP : --host et --from requis');
    return {
      host: o.host,
      port: num(o.port, '--port') ?? 587,
      secure: !!o.secure,
      requireTLS: o.requireTls !== false && !o.ignoreTls,
      ignoreTLS: !!o.ignoreTls,
      allowSelfSigned: !!o.allowSelfSigned,
      user: o.user,
      from: o.from,
      defaultTo: splitList(o.defaultTo),
    };
  }
  if (o.kind === 'webhook') {
    if (!o.url) throw new AppError('input.invalid', 'webhook : --url requis');
    return { url: o.url, preset: o.preset ?? 'generic' };
  }
  if (o.kind === 'matrix') {
    if (!o.homeserver || !o.room) throw new AppError('input.invalid', 'Matrix : --homeserver et --room requis');
    return { homeserver: o.homeserver, roomId: o.room };
  }
  if (o.kind === 'desktop') return {};
  throw new AppError('input.invalid', `type de canal inconnu : ${o.kind} (smtp, webhook, matrix, desktop)`);
}

/** Reads the secret from an environment variable or stdin — never from argv, which `ps` shows to every user. */
export function readSecret(o: ChannelOptions): string | null {
  if (o.secretEnv) {
    const v = process.env[o.secretEnv];
    if (!v) throw new AppError('input.invalid', `variable d'environnement ${o.secretEnv} vide ou absente`);
    return v;
  }
  if (o.secretStdin) return fs.readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  return null;
}
