/**
 * SQL for the durable outbox (claim with a lease, mark sent/failed/dead, manual retry, desktop
 * acknowledgement) and the audit log. Only the sender and the decide/push transactions call it.
 */
import type { Db } from './open';
import { AppError } from '../../../shared/errors';
import type { ChannelKind, Delivery, DeliveryStatus, Severity } from '../../../shared/types/alerts';

/** A delivery to enqueue in the deciding transaction. */
export interface NewDelivery {
  alertId: number;
  channelId: number | null;
  channelKind: ChannelKind;
  recipient: string;
  idemKey: string;
  severityRank: number;
  nowMs: number;
}

/** Enqueues one delivery (status pending, due now). */
export function insertDelivery(db: Db, d: NewDelivery): number {
  return Number(
    db
      .prepare(
        `INSERT INTO alert_outbox (alert_id, channel_id, channel_kind, recipient, idem_key, severity_rank, status, next_attempt_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(
        d.alertId,
        d.channelId,
        d.channelKind,
        d.recipient,
        d.idemKey,
        d.severityRank,
        d.nowMs,
        new Date(d.nowMs).toISOString(),
      ).lastInsertRowid,
  );
}

/** An outbox row as the sender needs it. */
export interface OutboxRow {
  id: number;
  alert_id: number;
  channel_id: number | null;
  channel_kind: ChannelKind;
  recipient: string;
  idem_key: string;
  severity_rank: number;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_at: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
  provider_ref: string | null;
  sent_at: string | null;
  created_at: string;
}

/** Due pending rows, most severe first, then oldest. */
export function listDue(db: Db, nowMs: number, limit: number, kinds?: ChannelKind[]): OutboxRow[] {
  const kindSql = kinds && kinds.length ? `AND channel_kind IN (${kinds.map(() => '?').join(',')})` : '';
  return db
    .prepare(
      `SELECT * FROM alert_outbox WHERE status = 'pending' AND next_attempt_at <= ? ${kindSql}
    ORDER BY severity_rank DESC, id LIMIT ?`,
    )
    .all(nowMs, ...(kinds ?? []), limit) as OutboxRow[];
}

/** Earliest next_attempt_at among pending rows (null when none). */
export function nextDueAt(db: Db, kinds?: ChannelKind[]): number | null {
  const kindSql = kinds && kinds.length ? `AND channel_kind IN (${kinds.map(() => '?').join(',')})` : '';
  const r = db
    .prepare(`SELECT MIN(next_attempt_at) AS t FROM alert_outbox WHERE status = 'pending' ${kindSql}`)
    .get(...(kinds ?? [])) as { t: number | null };
  return r.t;
}

/**
 * Claims a pending row for one attempt: status 'sending', attempts+1, lease owned by `owner`.
 * The conditional UPDATE is the lock: two senders can never both claim the same row.
 */
export function claimDelivery(db: Db, id: number, owner: string, nowMs: number): OutboxRow | null {
  const info = db
    .prepare(
      `UPDATE alert_outbox SET status = 'sending', attempts = attempts + 1, lease_owner = ?, lease_at = ?
    WHERE id = ? AND status = 'pending'`,
    )
    .run(owner, nowMs, id);
  return info.changes === 1 ? (db.prepare('SELECT * FROM alert_outbox WHERE id = ?').get(id) as OutboxRow) : null;
}

/** Postpones a pending row without counting an attempt (rate limit). */
export function deferDelivery(db: Db, id: number, untilMs: number): void {
  db.prepare(`UPDATE alert_outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending'`).run(untilMs, id);
}

/** Records a successful send; false when the lease was lost meanwhile. */
export function markSent(db: Db, id: number, owner: string, providerRef: string | null, nowIso: string): boolean {
  return (
    db
      .prepare(
        `UPDATE alert_outbox SET status = 'sent', provider_ref = ?, sent_at = ?, lease_owner = NULL, last_error_code = NULL, last_error_message = NULL
    WHERE id = ? AND status = 'sending' AND lease_owner = ?`,
      )
      .run(providerRef, nowIso, id, owner).changes === 1
  );
}

/** Records a failed attempt: back to pending at `retryAtMs`, or dead-lettered when retryAtMs is null. */
export function markFailed(
  db: Db,
  id: number,
  owner: string,
  code: string,
  message: string,
  retryAtMs: number | null,
): boolean {
  return (
    db
      .prepare(
        `UPDATE alert_outbox SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), last_error_code = ?, last_error_message = ?, lease_owner = NULL
    WHERE id = ? AND status = 'sending' AND lease_owner = ?`,
      )
      .run(retryAtMs == null ? 'dead' : 'pending', retryAtMs, code, message.slice(0, 1000), id, owner).changes === 1
  );
}

/** Rows currently leased ('sending'), for recovery after a crash. */
export function listSending(db: Db): OutboxRow[] {
  return db.prepare(`SELECT * FROM alert_outbox WHERE status = 'sending'`).all() as OutboxRow[];
}

/** Returns an abandoned 'sending' row to pending (the resend reuses its idempotency key). */
export function releaseLease(db: Db, id: number, staleOwner: string | null, nowMs: number): boolean {
  return (
    db
      .prepare(
        `UPDATE alert_outbox SET status = 'pending', lease_owner = NULL, next_attempt_at = ?
    WHERE id = ? AND status = 'sending' AND lease_owner IS ?`,
      )
      .run(nowMs, id, staleOwner).changes === 1
  );
}

/** Manual retry of a dead (or waiting) row: pending now with a fresh attempt budget. */
export function retryDelivery(db: Db, id: number, nowMs: number): OutboxRow {
  const info = db
    .prepare(
      `UPDATE alert_outbox SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND status IN ('dead','pending')`,
    )
    .run(nowMs, id);
  const row = db.prepare('SELECT * FROM alert_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  if (!row) throw new AppError('db.not_found', `Envoi ${id} introuvable`, { id });
  if (info.changes === 0)
    throw new AppError('input.invalid', `Envoi ${id} déjà ${row.status === 'sent' ? 'remis' : 'en cours'}`, {
      id,
      status: row.status,
    });
  return row;
}

/** One outbox row. */
export function getDelivery(db: Db, id: number): OutboxRow | undefined {
  return db.prepare('SELECT * FROM alert_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
}

/** Outbox rows for the alert inbox, newest first, with the alert's subject and severity. */
export function listDeliveries(
  db: Db,
  opts: { status?: DeliveryStatus; alertId?: number; limit?: number } = {},
): Delivery[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.status) {
    where.push('o.status = ?');
    args.push(opts.status);
  }
  if (opts.alertId != null) {
    where.push('o.alert_id = ?');
    args.push(opts.alertId);
  }
  const rows = db
    .prepare(
      `SELECT o.*, a.subject, a.severity FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY o.id DESC LIMIT ?`,
    )
    .all(...args, opts.limit ?? 200) as Array<OutboxRow & { subject: string; severity: Severity }>;
  return rows.map((r) => ({
    id: r.id,
    alertId: r.alert_id,
    channelId: r.channel_id,
    channelKind: r.channel_kind,
    recipient: r.recipient,
    idemKey: r.idem_key,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
    lastErrorCode: r.last_error_code,
    lastErrorMessage: r.last_error_message,
    sentAt: r.sent_at,
    createdAt: r.created_at,
    subject: r.subject,
    severity: r.severity,
  }));
}

/** One audit entry. `detail` must never contain a secret (callers redact). */
export interface AuditEntry {
  at: string;
  actor: string;
  /** decided | pushed | delivered | failed | dead | retry | desktop-shown | acknowledged | recovered */
  action: string;
  alertId?: number | null;
  outboxId?: number | null;
  itemId?: number | null;
  channel?: string | null;
  recipient?: string | null;
  severity?: Severity | null;
  result?: string | null;
  detail?: string | null;
}

/** Appends an audit entry. */
export function insertAudit(db: Db, e: AuditEntry): void {
  db.prepare(
    `INSERT INTO alert_audit (at, actor, action, alert_id, outbox_id, item_id, channel, recipient, severity, result, detail)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.at,
    e.actor,
    e.action,
    e.alertId ?? null,
    e.outboxId ?? null,
    e.itemId ?? null,
    e.channel ?? null,
    e.recipient ?? null,
    e.severity ?? null,
    e.result ?? null,
    e.detail ?? null,
  );
}

/** Audit entries in [from, to), oldest first; with the alert subject for reading. */
export function listAudit(
  db: Db,
  opts: { from?: string; to?: string; limit?: number } = {},
): Array<AuditEntry & { id: number; subject: string | null }> {
  const rows = db
    .prepare(
      `SELECT au.*, a.subject FROM alert_audit au LEFT JOIN alerts a ON a.id = au.alert_id
    WHERE au.at >= ? AND au.at < ? ORDER BY au.id LIMIT ?`,
    )
    .all(opts.from ?? '', opts.to ?? '9999', opts.limit ?? 1_000_000) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: r.id as number,
    at: r.at as string,
    actor: r.actor as string,
    action: r.action as string,
    alertId: r.alert_id as number | null,
    outboxId: r.outbox_id as number | null,
    itemId: r.item_id as number | null,
    channel: r.channel as string | null,
    recipient: r.recipient as string | null,
    severity: r.severity as Severity | null,
    result: r.result as string | null,
    detail: r.detail as string | null,
    subject: r.subject as string | null,
  }));
}
