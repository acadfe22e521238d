/**
 * Enqueueing into the durable outbox. Callers run `enqueueAlert` INSIDE the transaction that
 * decides the alert, so an alert exists if and only if its deliveries do; nothing is sent here.
 * After commit they call `signalOutbox()` so an in-process sender wakes at once (no polling lag).
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Db } from '../db/open';
import { AppError } from '../../../shared/errors';
import type { AlertChannel, AlertMessage } from '../../../shared/types/alerts';
import { insertAlert, type NewAlert } from '../db/alerts-store';
import { insertAudit, insertDelivery } from '../db/alerts-outbox-store';
import { severityRank } from './rules';

/** Emits 'enqueued' after a transaction added deliveries (the sender listens). */
export const outboxSignal = new EventEmitter();
outboxSignal.setMaxListeners(50);

/** Wakes in-process senders. Call after the deciding transaction committed. */
export function signalOutbox(): void {
  outboxSignal.emit('enqueued');
}

/** One planned delivery: a channel and the recipient it addresses. */
export interface PlannedDelivery {
  channel: AlertChannel;
  recipient: string;
}

/**
 * Expands channels × recipients: SMTP sends one mail per recipient (delivery tracked per
 * person), a webhook or a Matrix room is one recipient itself, the desktop is this workstation.
 */
export function planDeliveries(channels: AlertChannel[], recipients: string[]): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  for (const channel of channels) {
    if (!channel.enabled) continue;
    if (channel.kind === 'smtp') {
      const list = recipients.length ? recipients : ((channel.config.defaultTo as string[] | undefined) ?? []);
      for (const r of new Set(list.map((x) => x.trim().toLowerCase()).filter(Boolean)))
        out.push({ channel, recipient: r });
    } else if (channel.kind === 'matrix') {
      out.push({ channel, recipient: String(channel.config.roomId ?? '') });
    } else if (channel.kind === 'webhook') {
      out.push({ channel, recipient: channel.name });
    } else {
      out.push({ channel, recipient: 'poste' });
    }
  }
  return out;
}

/** Result of enqueueAlert. */
export interface EnqueuedAlert {
  alertId: number;
  deliveryIds: number[];
}

/**
 * Inserts the alert, one outbox row per planned delivery (each with a fresh idempotency key that
 * is then fixed for every retry) and the audit rows. Must run inside the caller's transaction.
 */
export function enqueueAlert(
  db: Db,
  alert: NewAlert,
  message: AlertMessage,
  deliveries: PlannedDelivery[],
  nowMs: number,
  auditAction: 'decided' | 'pushed',
): EnqueuedAlert {
  if (!db.inTransaction) throw new AppError('internal', 'enqueueAlert must run inside the deciding transaction');
  const alertId = insertAlert(db, { ...alert, payload: message, subject: message.subject });
  const ids: number[] = [];
  for (const d of deliveries) {
    const idemKey = `vigie-${alertId}-${randomUUID()}`;
    const id = insertDelivery(db, {
      alertId,
      channelId: d.channel.id,
      channelKind: d.channel.kind,
      recipient: d.recipient,
      idemKey,
      severityRank: severityRank(alert.severity),
      nowMs,
    });
    ids.push(id);
    insertAudit(db, {
      at: alert.createdAt,
      actor: alert.actor,
      action: auditAction,
      alertId,
      outboxId: id,
      itemId: alert.itemId,
      channel: `${d.channel.kind}:${d.channel.name}`,
      recipient: d.recipient,
      severity: alert.severity,
      result: 'queued',
      detail: alert.isUpdate ? 'mise à jour' : alert.comment,
    });
  }
  if (deliveries.length === 0) {
    insertAudit(db, {
      at: alert.createdAt,
      actor: alert.actor,
      action: auditAction,
      alertId,
      itemId: alert.itemId,
      severity: alert.severity,
      result: 'no-channel',
    });
  }
  return { alertId, deliveryIds: ids };
}
