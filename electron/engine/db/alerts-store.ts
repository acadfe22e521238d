/** SQL for alert channels, watch rules, decided alerts and the per-story dedup memory. */
import type { Db } from './open';
import { AppError } from '../../../shared/errors';
import type { SourceType } from '../../../shared/types/domain';
import type { AlertChannel, AlertRule, ChannelKind, RuleDefinition, Severity } from '../../../shared/types/alerts';
import type { EvalItem, StoryMemory } from '../alerts/rules';
import { activeSecretCodec, openSecret, sealSecret } from '../alerts/secrets';
import { assertSecretFollows, bindSecret, destinationOf, unbindSecret } from '../alerts/secret-binding';
import { parseJsonColumn } from './json-column';

/** Fields accepted when creating a channel; `secret` is sealed with the active codec. */
export interface NewChannel {
  name: string;
  kind: ChannelKind;
  config?: Record<string, unknown>;
  secret?: string | null;
  ratePerMin?: number | null;
  enabled?: boolean;
}

interface ChannelRow {
  id: number;
  name: string;
  kind: ChannelKind;
  config: string;
  secret: string | null;
  secret_scheme: string | null;
  rate_per_min: number | null;
  enabled: number;
}

/** Hides the path and query of a webhook URL: for Slack/Mattermost/Teams the URL itself is a credential. */
export function maskUrl(url: unknown): unknown {
  if (typeof url !== 'string') return url;
  try {
    const u = new URL(url);
    return u.pathname.length > 1 || u.search ? `${u.origin}/…` : url;
  } catch {
    return '…';
  }
}

function toChannel(r: ChannelRow, reveal = false): AlertChannel {
  const config = JSON.parse(r.config) as Record<string, unknown>;
  if (r.kind === 'webhook' && !reveal) config.url = maskUrl(config.url);
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    config,
    hasSecret: r.secret != null,
    secretScheme: r.secret_scheme,
    ratePerMin: r.rate_per_min,
    enabled: r.enabled === 1,
  };
}

/** Creates a channel; returns it without its secret. */
export function insertChannel(db: Db, c: NewChannel, now = new Date().toISOString()): AlertChannel {
  const sealed = c.secret ? sealSecret(bindSecret(c.secret, destinationOf(c.kind, c.config ?? {}))) : null;
  const info = db
    .prepare(
      `INSERT INTO alert_channels (name, kind, config, secret, secret_scheme, rate_per_min, enabled, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.name,
      c.kind,
      JSON.stringify(c.config ?? {}),
      sealed?.secret ?? null,
      sealed?.scheme ?? null,
      c.ratePerMin ?? null,
      c.enabled === false ? 0 : 1,
      now,
      now,
    );
  return getChannel(db, Number(info.lastInsertRowid));
}

/** One channel (no secret); `db.not_found` when absent. */
export function getChannel(db: Db, id: number): AlertChannel {
  const r = db.prepare('SELECT * FROM alert_channels WHERE id = ?').get(id) as ChannelRow | undefined;
  if (!r) throw new AppError('db.not_found', `Canal ${id} introuvable`, { id });
  return toChannel(r);
}

/** Finds a channel by id or name. */
export function findChannel(db: Db, idOrName: string | number): AlertChannel | null {
  const r = (
    typeof idOrName === 'number' || /^\d+$/.test(idOrName)
      ? db.prepare('SELECT * FROM alert_channels WHERE id = ?').get(Number(idOrName))
      : db.prepare('SELECT * FROM alert_channels WHERE name = ?').get(idOrName)
  ) as ChannelRow | undefined;
  return r ? toChannel(r) : null;
}

/** All channels (no secrets). */
export function listChannels(db: Db): AlertChannel[] {
  return (db.prepare('SELECT * FROM alert_channels ORDER BY id').all() as ChannelRow[]).map((r) => toChannel(r));
}

/**
 * A channel with its decrypted secret, for the sender only (never returned over the API).
 * `secretBoundElsewhere`: the secret was entered for another destination than the channel's
 * current one; it is then withheld (`secret` null) and must not be sent.
 */
export function loadChannelForSend(
  db: Db,
  id: number,
): { channel: AlertChannel; secret: string | null; secretBoundElsewhere: boolean } | null {
  const r = db.prepare('SELECT * FROM alert_channels WHERE id = ?').get(id) as ChannelRow | undefined;
  if (!r) return null;
  const channel = toChannel(r, true);
  const plain = openSecret(r.secret, r.secret_scheme);
  if (plain == null) return { channel, secret: null, secretBoundElsewhere: false };
  const { secret, to } = unbindSecret(plain);
  // A secret stored before bindings (to = null) is bound when it is next saved or migrated.
  const elsewhere = to !== null && to !== destinationOf(channel.kind, channel.config);
  return { channel, secret: elsewhere ? null : secret, secretBoundElsewhere: elsewhere };
}

/** Replaces (or clears) a channel's secret, sealed with the active codec and bound to the channel's current destination. */
export function setChannelSecret(db: Db, id: number, secret: string | null, now = new Date().toISOString()): void {
  const row = db.prepare('SELECT kind, config FROM alert_channels WHERE id = ?').get(id) as
    { kind: ChannelKind; config: string } | undefined;
  if (!row) throw new AppError('db.not_found', `Canal ${id} introuvable`, { id });
  const sealed = secret ? sealSecret(bindSecret(secret, destinationOf(row.kind, JSON.parse(row.config)))) : null;
  const info = db
    .prepare('UPDATE alert_channels SET secret = ?, secret_scheme = ?, updated_at = ? WHERE id = ?')
    .run(sealed?.secret ?? null, sealed?.scheme ?? null, now, id);
  if (info.changes === 0) throw new AppError('db.not_found', `Canal ${id} introuvable`, { id });
}

/**
 * Merges non-secret settings into a channel's config and/or toggles it. A change of where the
 * stored secret goes is refused (`alert.secret_required`) unless `secretReentered`: the caller
 * then sets the new secret in the same transaction, after this update.
 */
export function updateChannel(
  db: Db,
  id: number,
  patch: { config?: Record<string, unknown>; enabled?: boolean; ratePerMin?: number | null },
  now = new Date().toISOString(),
  opts: { secretReentered?: boolean } = {},
): AlertChannel {
  const row = db.prepare('SELECT kind, config, secret FROM alert_channels WHERE id = ?').get(id) as
    { kind: ChannelKind; config: string; secret: string | null } | undefined;
  if (!row) throw new AppError('db.not_found', `Canal ${id} introuvable`, { id });
  const before = JSON.parse(row.config) as Record<string, unknown>;
  const config = { ...before, ...(patch.config ?? {}) };
  assertSecretFollows(row.kind, before, config, {
    hasSecret: row.secret != null,
    secretReentered: opts.secretReentered ?? false,
  });
  db.prepare(
    `UPDATE alert_channels SET config = ?, enabled = COALESCE(?, enabled), rate_per_min = CASE WHEN ? THEN ? ELSE rate_per_min END, updated_at = ? WHERE id = ?`,
  ).run(
    JSON.stringify(config),
    patch.enabled == null ? null : patch.enabled ? 1 : 0,
    patch.ratePerMin !== undefined ? 1 : 0,
    patch.ratePerMin ?? null,
    now,
    id,
  );
  return getChannel(db, id);
}

interface RuleRow {
  id: number;
  definition: string;
  enabled: number;
  watermark_item_id: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

function toRule(r: RuleRow): AlertRule {
  const def = JSON.parse(r.definition) as RuleDefinition;
  return {
    ...def,
    enabled: r.enabled === 1,
    id: r.id,
    watermarkItemId: r.watermark_item_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Highest item id stored (0 when empty): a new rule starts watching after it (no storm on creation). */
export function maxItemId(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) AS m FROM items').get() as { m: number }).m;
}

/** Stores a validated rule definition; its watermark starts at the newest item. */
export function insertRule(db: Db, def: RuleDefinition, actor: string, now = new Date().toISOString()): AlertRule {
  const info = db
    .prepare(
      `INSERT INTO alert_rules (name, enabled, definition, watermark_item_id, created_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(def.name, def.enabled ? 1 : 0, JSON.stringify(def), maxItemId(db), actor, now, now);
  return getRule(db, Number(info.lastInsertRowid));
}

/** Replaces a rule's definition (the watermark is kept). */
export function updateRule(db: Db, id: number, def: RuleDefinition, now = new Date().toISOString()): AlertRule {
  const info = db
    .prepare('UPDATE alert_rules SET name = ?, enabled = ?, definition = ?, updated_at = ? WHERE id = ?')
    .run(def.name, def.enabled ? 1 : 0, JSON.stringify(def), now, id);
  if (info.changes === 0) throw new AppError('db.not_found', `Règle ${id} introuvable`, { id });
  return getRule(db, id);
}

/** Deletes a rule (its alerts stay, with rule_id set to null). */
export function deleteRule(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
}

/** One rule; `db.not_found` when absent. */
export function getRule(db: Db, id: number): AlertRule {
  const r = db.prepare('SELECT * FROM alert_rules WHERE id = ?').get(id) as RuleRow | undefined;
  if (!r) throw new AppError('db.not_found', `Règle ${id} introuvable`, { id });
  return toRule(r);
}

/** All rules (or only the enabled ones). */
export function listRules(db: Db, onlyEnabled = false): AlertRule[] {
  return (
    db.prepare(`SELECT * FROM alert_rules ${onlyEnabled ? 'WHERE enabled = 1' : ''} ORDER BY id`).all() as RuleRow[]
  ).map(toRule);
}

/** The workstation's watched entities (settings key `watchedEntities`, a JSON array). */
export function readWatchedEntities(db: Db): string[] {
  const r = db.prepare(`SELECT value FROM settings WHERE key = 'watchedEntities'`).get() as
    { value: string } | undefined;
  const v = parseJsonColumn<unknown>(r?.value ?? null, []);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/** Moves a rule's watermark forward (never back). */
export function advanceRuleWatermark(db: Db, ruleId: number, itemId: number): void {
  db.prepare('UPDATE alert_rules SET watermark_item_id = MAX(watermark_item_id, ?) WHERE id = ?').run(itemId, ruleId);
}

interface ItemRow {
  id: number;
  title: string;
  summary: string | null;
  content_text: string | null;
  categories: string;
  link: string | null;
  published: string | null;
  fetched_at: string;
  source_id: number;
  source_name: string | null;
  source_type: SourceType | null;
  story_id: number | null;
  virality: number | null;
  controversy: number | null;
  infox: number | null;
  reasons: string | null;
  departements: string | null;
  regions: string | null;
}

const ITEM_SELECT = `SELECT i.id, i.title, i.summary, i.content_text, i.categories, i.link, i.published, i.fetched_at, i.source_id,
  s.name AS source_name, s.type AS source_type, i.story_id, i.virality, i.controversy, i.infox, i.reasons,
  (SELECT group_concat(t.departement) FROM item_territories t WHERE t.item_id = i.id AND t.departement <> '') AS departements,
  (SELECT group_concat(DISTINCT t.region) FROM item_territories t WHERE t.item_id = i.id AND t.region <> '') AS regions
  FROM items i LEFT JOIN sources s ON s.id = i.source_id`;

/** A group_concat list ("29,56") as codes. */
const codes = (v: string | null): string[] => (v ? v.split(',') : []);

function toEvalItem(r: ItemRow): EvalItem {
  const reasons = parseJsonColumn<Partial<EvalItem['reasons']>>(r.reasons, {});
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    contentText: r.content_text,
    categories: parseJsonColumn<string[]>(r.categories, []),
    link: r.link,
    published: r.published,
    fetchedAt: r.fetched_at,
    sourceId: r.source_id,
    sourceName: r.source_name,
    sourceType: r.source_type,
    storyId: r.story_id,
    virality: r.virality,
    controversy: r.controversy,
    infox: r.infox,
    reasons: { virality: reasons.virality ?? [], controversy: reasons.controversy ?? [], infox: reasons.infox ?? [] },
    growth: null,
    departements: codes(r.departements),
    regions: codes(r.regions),
  };
}

/** Loads items (with source and scores) by id, in id order. */
export function loadEvalItems(db: Db, ids: number[]): EvalItem[] {
  const out: EvalItem[] = [];
  const stmt = db.prepare(`${ITEM_SELECT} WHERE i.id = ?`);
  for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
    const r = stmt.get(id) as ItemRow | undefined;
    if (r) out.push(toEvalItem(r));
  }
  return out;
}

/** Items whose time (published, else fetched) falls in [from, to], oldest first. */
export function loadEvalItemsBetween(db: Db, fromIso: string, toIso: string): EvalItem[] {
  return (
    db
      .prepare(
        `${ITEM_SELECT} WHERE COALESCE(i.published, i.fetched_at) >= ? AND COALESCE(i.published, i.fetched_at) <= ?
    ORDER BY COALESCE(i.published, i.fetched_at), i.id`,
      )
      .all(fromIso, toIso) as ItemRow[]
  ).map(toEvalItem);
}

/** Items of a story whose time falls in (from, to]: the story's growth over that window. */
export function countStoryItemsBetween(db: Db, storyId: number, fromIso: string, toIso: string): number {
  return (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM items WHERE story_id = ? AND COALESCE(published, fetched_at) > ? AND COALESCE(published, fetched_at) <= ?`,
      )
      .get(storyId, fromIso, toIso) as { n: number }
  ).n;
}

/** What the rule already sent about the story, if anything. */
export function getStoryMemory(db: Db, ruleId: number, storyKey: string): StoryMemory | undefined {
  const r = db
    .prepare('SELECT severity_rank, tier, last_alert_id FROM alert_story_state WHERE rule_id = ? AND story_key = ?')
    .get(ruleId, storyKey) as { severity_rank: number; tier: number; last_alert_id: number } | undefined;
  return r ? { severityRank: r.severity_rank, tier: r.tier, lastAlertId: r.last_alert_id } : undefined;
}

/** Records what the rule just sent about the story. */
export function saveStoryMemory(db: Db, ruleId: number, storyKey: string, m: StoryMemory, now: string): void {
  db.prepare(
    `INSERT INTO alert_story_state (rule_id, story_key, severity_rank, tier, last_alert_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (rule_id, story_key) DO UPDATE SET severity_rank = excluded.severity_rank, tier = excluded.tier,
    last_alert_id = excluded.last_alert_id, updated_at = excluded.updated_at`,
  ).run(ruleId, storyKey, m.severityRank, m.tier, m.lastAlertId, now);
}

/** A decided alert, as stored. */
export interface NewAlert {
  origin: 'rule' | 'manual';
  ruleId: number | null;
  itemId: number | null;
  storyKey: string | null;
  severity: Severity;
  tier: number;
  isUpdate: boolean;
  previousAlertId: number | null;
  subject: string;
  payload: unknown;
  comment: string | null;
  actor: string;
  createdAt: string;
}

/** Inserts an alert row; returns its id. */
export function insertAlert(db: Db, a: NewAlert): number {
  return Number(
    db
      .prepare(
        `INSERT INTO alerts (origin, rule_id, item_id, story_key, severity, tier, is_update, previous_alert_id, subject, payload, comment, actor, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.origin,
        a.ruleId,
        a.itemId,
        a.storyKey,
        a.severity,
        a.tier,
        a.isUpdate ? 1 : 0,
        a.previousAlertId,
        a.subject,
        JSON.stringify(a.payload),
        a.comment,
        a.actor,
        a.createdAt,
      ).lastInsertRowid,
  );
}

/** An alert row with its rendered message payload. */
export interface StoredAlert {
  id: number;
  origin: 'rule' | 'manual';
  ruleId: number | null;
  itemId: number | null;
  storyKey: string | null;
  severity: Severity;
  tier: number;
  isUpdate: boolean;
  subject: string;
  payload: unknown;
  comment: string | null;
  actor: string;
  createdAt: string;
}

/** Recent alerts, newest first. */
export function listAlerts(db: Db, limit = 100): StoredAlert[] {
  const rows = db.prepare('SELECT * FROM alerts ORDER BY id DESC LIMIT ?').all(limit) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: r.id as number,
    origin: r.origin as 'rule' | 'manual',
    ruleId: r.rule_id as number | null,
    itemId: r.item_id as number | null,
    storyKey: r.story_key as string | null,
    severity: r.severity as Severity,
    tier: r.tier as number,
    isUpdate: r.is_update === 1,
    subject: r.subject as string,
    payload: JSON.parse(r.payload as string),
    comment: r.comment as string | null,
    actor: r.actor as string,
    createdAt: r.created_at as string,
  }));
}

/**
 * Analysed items after `afterId` up to (not including) the first item still waiting for analysis,
 * oldest first, at most `limit`: what the rules may look at next without passing over an item
 * whose scores are not written yet.
 */
export function readEvaluableIds(db: Db, afterId: number, limit: number): number[] {
  const gap = db.prepare('SELECT min(id) AS id FROM items WHERE analysed_at IS NULL AND id > ?').get(afterId) as {
    id: number | null;
  };
  return (
    db
      .prepare('SELECT id FROM items WHERE id > ? AND id < ? AND analysed_at IS NOT NULL ORDER BY id LIMIT ?')
      .all(afterId, gap.id ?? Number.MAX_SAFE_INTEGER, limit) as Array<{ id: number }>
  ).map((r) => r.id);
}

/** The lowest watermark of the enabled rules (null when there is none): where rule evaluation resumes. */
export function lowestRuleWatermark(db: Db): number | null {
  return (
    db.prepare('SELECT min(watermark_item_id) AS w FROM alert_rules WHERE enabled = 1').get() as { w: number | null }
  ).w;
}

/**
 * Re-seals with the active codec every secret stored by a weaker one (the former base64 'plain'
 * scheme) or without a destination binding, binding each to its channel's current destination.
 * Idempotent; returns how many were re-sealed. Secrets the process cannot open are left as they are.
 */
export function resealSecrets(db: Db): number {
  const active = activeSecretCodec();
  if (!active.protects) return 0;
  const rows = db
    .prepare('SELECT id, kind, config, secret, secret_scheme FROM alert_channels WHERE secret IS NOT NULL')
    .all() as Array<{ id: number; kind: ChannelKind; config: string; secret: string; secret_scheme: string | null }>;
  let n = 0;
  const update = db.prepare('UPDATE alert_channels SET secret = ?, secret_scheme = ? WHERE id = ?');
  db.transaction(() => {
    for (const r of rows) {
      let plain: string | null;
      try {
        plain = openSecret(r.secret, r.secret_scheme);
      } catch {
        continue;
      }
      if (plain == null) continue;
      const { secret, to } = unbindSecret(plain);
      if (r.secret_scheme === active.scheme && to !== null) continue;
      const sealed = sealSecret(bindSecret(secret, to ?? destinationOf(r.kind, JSON.parse(r.config))));
      update.run(sealed.secret, sealed.scheme, r.id);
      n++;
    }
  })();
  return n;
}
