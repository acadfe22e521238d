/**
 * The outbox worker. Claims due rows with a lease ('sending' + owner id) BEFORE sending, sends
 * with the delivery's idempotency key, records the result right after the receiver's answer,
 * retries with exponential backoff and jitter, honours Retry-After, rate-limits per channel,
 * dead-letters after N attempts. Rows left 'sending' by a dead process are returned to pending
 * and resent with the same key (receivers dedup by it). Desktop rows are emitted as 'desktop'
 * events and stay 'sending' until the UI calls acknowledgeDesktop().
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Db } from '../db/open';
import { AppError, serializeError } from '../../../shared/errors';
import type { AlertMessage, ChannelKind, DesktopNotice, Severity } from '../../../shared/types/alerts';
import { loadChannelForSend } from '../db/alerts-store';
import {
  claimDelivery,
  deferDelivery,
  insertAudit,
  listDue,
  listSending,
  markFailed,
  markSent,
  nextDueAt,
  releaseLease,
  type OutboxRow,
} from '../db/alerts-outbox-store';
import { outboxSignal } from './outbox';
import { redactSecrets } from './secrets';
import { isRetryable, retryAfterOf, type ChannelSend } from './channels/types';
import { sendSmtp } from './channels/smtp';
import { sendWebhook } from './channels/webhook';
import { sendMatrix } from './channels/matrix';

/** Sender policy; every field has a default. */
export interface SenderOptions {
  /** Attempts before dead-letter. Default 8. */
  maxAttempts?: number;
  /** First retry delay, ms (doubles each attempt). Default 2000. */
  baseDelayMs?: number;
  /** Longest retry delay, ms. Default 600000 (10 min). */
  maxDelayMs?: number;
  /** Per-attempt timeout, ms. Default 15000. */
  timeoutMs?: number;
  /** Simultaneous sends. Default 4. */
  concurrency?: number;
  /** Re-scan interval for rows written by another process, ms. Default 2000. */
  pollMs?: number;
  /** A 'sending' row older than this is considered abandoned, ms. Default 2 × timeout + 5 s. */
  leaseMs?: number;
  /** How long a desktop notice waits for the UI's acknowledgement before being shown again, ms. Default 600000. */
  desktopAckMs?: number;
  /** Sends per minute per channel when the channel sets none. Default 60. */
  defaultRatePerMin?: number;
  /** Channel kinds this sender handles. Default: all; 'desktop' only while a 'desktop' listener exists. */
  kinds?: ChannelKind[];
  /** Jitter source (tests). Default Math.random. */
  random?: () => number;
  /** Adapters by kind (tests may wrap them). */
  adapters?: Partial<Record<Exclude<ChannelKind, 'desktop'>, ChannelSend>>;
}

const ADAPTERS: Record<Exclude<ChannelKind, 'desktop'>, ChannelSend> = {
  smtp: sendSmtp,
  webhook: sendWebhook,
  matrix: sendMatrix,
};

/** Owners of live senders in this process (a same-pid owner not listed here is a previous incarnation). */
const LIVE_OWNERS = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Backoff before attempt n+1 after n failed attempts: base·2^(n-1), capped, "equal jitter" (half fixed, half random). */
export function backoffDelay(
  attempts: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const d = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(d / 2 + random() * (d / 2));
}

/** Outcome counters of a drain. */
export interface DrainReport {
  sent: number;
  failed: number;
  dead: number;
}

/** Events: 'delivered' | 'failed' | 'dead' ({outboxId, …}), 'desktop' (DesktopNotice). */
export class AlertSender extends EventEmitter {
  readonly owner = `${process.pid}:${randomUUID()}`;
  private readonly o: Required<Omit<SenderOptions, 'kinds' | 'adapters'>> & {
    kinds?: ChannelKind[];
    adapters: Record<Exclude<ChannelKind, 'desktop'>, ChannelSend>;
  };
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly sentLog = new Map<number, number[]>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastRecover = 0;
  private readonly onSignal = () => this.pump();
  private readonly counts: DrainReport = { sent: 0, failed: 0, dead: 0 };

  constructor(
    private readonly db: Db,
    options: SenderOptions = {},
  ) {
    super();
    const timeoutMs = options.timeoutMs ?? 15_000;
    this.o = {
      maxAttempts: options.maxAttempts ?? 8,
      baseDelayMs: options.baseDelayMs ?? 2000,
      maxDelayMs: options.maxDelayMs ?? 600_000,
      timeoutMs,
      concurrency: options.concurrency ?? 4,
      pollMs: options.pollMs ?? 2000,
      leaseMs: options.leaseMs ?? 2 * timeoutMs + 5000,
      desktopAckMs: options.desktopAckMs ?? 600_000,
      defaultRatePerMin: options.defaultRatePerMin ?? 60,
      random: options.random ?? Math.random,
      kinds: options.kinds,
      adapters: { ...ADAPTERS, ...options.adapters },
    };
    LIVE_OWNERS.add(this.owner);
  }

  /** Recovers abandoned rows and starts working the outbox (wakes on enqueue, timers and polling). */
  start(): this {
    if (this.running) return this;
    this.running = true;
    outboxSignal.on('enqueued', this.onSignal);
    this.pump();
    return this;
  }

  /** Stops scheduling and waits for in-flight sends to finish. */
  async stop(): Promise<void> {
    this.running = false;
    outboxSignal.off('enqueued', this.onSignal);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight.values()]);
    LIVE_OWNERS.delete(this.owner);
  }

  /** One pass for `vigie alerts send`: sends every row due now, until none is due now (failed rows wait for their backoff: run again, or keep a started sender). */
  async drain(maxMs = 60_000): Promise<DrainReport> {
    const before = { ...this.counts };
    const until = Date.now() + maxMs;
    for (;;) {
      this.pump(true);
      if (this.inFlight.size === 0) break;
      await Promise.allSettled([...this.inFlight.values()]);
      if (Date.now() > until) break;
    }
    return {
      sent: this.counts.sent - before.sent,
      failed: this.counts.failed - before.failed,
      dead: this.counts.dead - before.dead,
    };
  }

  private kinds(): ChannelKind[] {
    const all: ChannelKind[] = this.o.kinds ?? ['smtp', 'webhook', 'matrix', 'desktop'];
    return all.filter((k) => k !== 'desktop' || this.listenerCount('desktop') > 0);
  }

  /** Returns rows abandoned by dead senders (or expired leases) to pending. */
  recoverAbandoned(now = Date.now()): number {
    let n = 0;
    for (const row of listSending(this.db)) {
      if (row.lease_owner === this.owner && row.channel_kind !== 'desktop') continue;
      const pid = Number((row.lease_owner ?? '').split(':')[0]);
      const lease = row.channel_kind === 'desktop' ? this.o.desktopAckMs : this.o.leaseMs;
      const expired = (row.lease_at ?? 0) + lease < now;
      const deadOwner =
        !Number.isFinite(pid) ||
        pid <= 0 ||
        (pid === process.pid ? !LIVE_OWNERS.has(row.lease_owner ?? '') : !pidAlive(pid));
      if ((expired || deadOwner) && releaseLease(this.db, row.id, row.lease_owner, now)) {
        n++;
        insertAudit(this.db, {
          at: new Date(now).toISOString(),
          actor: 'vigie',
          action: 'recovered',
          alertId: row.alert_id,
          outboxId: row.id,
          channel: row.channel_kind,
          recipient: row.recipient,
          result: 'pending',
          detail: expired ? 'bail expiré' : 'processus interrompu',
        });
      }
    }
    return n;
  }

  /** Never throws: a database error in a timer callback must not crash the host; it is reported as 'error' and retried at the next tick. */
  private pump(force = false): void {
    try {
      this.pumpOnce(force);
    } catch (err) {
      if (this.listenerCount('error') > 0) this.emit('error', err);
      else process.stderr.write(`vigie alerts sender: ${serializeError(err).message}\n`);
      if (this.running) {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.pump(), this.o.pollMs);
        this.timer.unref?.();
      }
    }
  }

  private pumpOnce(force: boolean): void {
    if (!this.running && !force) return;
    const now = Date.now();
    if (now - this.lastRecover >= 1000 || force) {
      this.lastRecover = now;
      this.recoverAbandoned(now);
    }
    const kinds = this.kinds();
    const free = this.o.concurrency - this.inFlight.size;
    if (free > 0 && kinds.length) {
      for (const row of listDue(this.db, now, free + 20, kinds)) {
        if (this.inFlight.size >= this.o.concurrency) break;
        if (this.inFlight.has(row.id)) continue;
        const waitUntil = this.rateLimitedUntil(row, now);
        if (waitUntil) {
          deferDelivery(this.db, row.id, waitUntil);
          continue;
        }
        const claimed = claimDelivery(this.db, row.id, this.owner, now);
        if (!claimed) continue;
        this.noteSend(claimed, now);
        const p = this.process(claimed).finally(() => {
          this.inFlight.delete(claimed.id);
          this.pump();
        });
        this.inFlight.set(claimed.id, p);
      }
    }
    this.schedule(kinds);
  }

  private schedule(kinds: ChannelKind[]): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const next = kinds.length ? nextDueAt(this.db, kinds) : null;
    const delay = Math.max(10, Math.min(this.o.pollMs, next == null ? this.o.pollMs : next - Date.now()));
    this.timer = setTimeout(() => this.pump(), delay);
    this.timer.unref?.();
  }

  private rateLimitedUntil(row: OutboxRow, now: number): number | null {
    if (row.channel_id == null || row.channel_kind === 'desktop') return null;
    const rate = loadChannelRate(this.db, row.channel_id) ?? this.o.defaultRatePerMin;
    const log = (this.sentLog.get(row.channel_id) ?? []).filter((t) => t > now - 60_000);
    this.sentLog.set(row.channel_id, log);
    return log.length >= rate ? log[0] + 60_000 : null;
  }

  private noteSend(row: OutboxRow, now: number): void {
    if (row.channel_id == null) return;
    const log = this.sentLog.get(row.channel_id) ?? [];
    log.push(now);
    this.sentLog.set(row.channel_id, log);
  }

  private async process(row: OutboxRow): Promise<void> {
    const alert = this.db.prepare('SELECT payload, severity, item_id FROM alerts WHERE id = ?').get(row.alert_id) as {
      payload: string;
      severity: Severity;
      item_id: number | null;
    };
    const itemId = alert.item_id;
    const message = JSON.parse(alert.payload) as AlertMessage;
    let secrets: Array<string | null> = [];
    try {
      const loaded = row.channel_id != null ? loadChannelForSend(this.db, row.channel_id) : null;
      if (!loaded || !loaded.channel.enabled)
        throw Object.assign(new Error('canal supprimé ou désactivé'), { permanent: true });
      if (loaded.secretBoundElsewhere)
        throw Object.assign(
          new AppError(
            'alert.secret_required',
            'secret saisi pour une autre destination : ressaisissez-le pour la destination actuelle du canal',
          ),
          { permanent: true },
        );
      secrets = [loaded.secret];
      if (row.channel_kind === 'desktop') {
        const notice: DesktopNotice = {
          outboxId: row.id,
          tag: row.idem_key,
          severity: message.severity,
          title: message.subject,
          body: `${message.source ?? ''}${message.publishedFr ? ' — ' + message.publishedFr : ''}`,
          link: message.link,
          alertId: row.alert_id,
        };
        this.emit('desktop', notice);
        insertAudit(this.db, {
          at: new Date().toISOString(),
          actor: 'vigie',
          action: 'desktop-shown',
          alertId: row.alert_id,
          outboxId: row.id,
          itemId,
          channel: 'desktop',
          recipient: row.recipient,
          severity: message.severity,
          result: 'awaiting-ack',
        });
        return; // stays 'sending' until acknowledgeDesktop()
      }
      const send = this.o.adapters[row.channel_kind];
      const res = await send({
        channel: loaded.channel,
        secret: loaded.secret,
        recipient: row.recipient,
        idemKey: row.idem_key,
        message,
        timeoutMs: this.o.timeoutMs,
      });
      // Recorded immediately after the receiver's success answer (SMTP 250, HTTP 2xx, event_id).
      const ok = markSent(this.db, row.id, this.owner, res.providerRef, new Date().toISOString());
      insertAudit(this.db, {
        at: new Date().toISOString(),
        actor: 'vigie',
        action: 'delivered',
        alertId: row.alert_id,
        outboxId: row.id,
        itemId,
        channel: `${row.channel_kind}:${loaded.channel.name}`,
        recipient: row.recipient,
        severity: message.severity,
        result: ok ? 'sent' : 'sent-lease-lost',
        detail: res.providerRef,
      });
      this.counts.sent++;
      this.emit('delivered', {
        outboxId: row.id,
        alertId: row.alert_id,
        kind: row.channel_kind,
        providerRef: res.providerRef,
      });
    } catch (err) {
      const se = serializeError(err);
      const text = redactSecrets(se.message, secrets);
      const permanent = (err as { permanent?: boolean }).permanent === true || !isRetryable(err);
      const dead = permanent || row.attempts >= this.o.maxAttempts;
      const retryAfter = retryAfterOf(err);
      const delay =
        retryAfter != null
          ? Math.round(retryAfter * (1 + this.o.random() * 0.1))
          : backoffDelay(row.attempts, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
      markFailed(this.db, row.id, this.owner, se.code, text, dead ? null : Date.now() + delay);
      insertAudit(this.db, {
        at: new Date().toISOString(),
        actor: 'vigie',
        action: dead ? 'dead' : 'failed',
        alertId: row.alert_id,
        outboxId: row.id,
        itemId,
        channel: row.channel_kind,
        recipient: row.recipient,
        severity: message.severity,
        result: se.code,
        detail: `tentative ${row.attempts} : ${text}`,
      });
      if (dead) this.counts.dead++;
      else this.counts.failed++;
      this.emit(dead ? 'dead' : 'failed', {
        outboxId: row.id,
        alertId: row.alert_id,
        code: se.code,
        message: text,
        attempts: row.attempts,
      });
    }
  }
}

function loadChannelRate(db: Db, channelId: number): number | null {
  const r = db.prepare('SELECT rate_per_min FROM alert_channels WHERE id = ?').get(channelId) as
    { rate_per_min: number | null } | undefined;
  return r?.rate_per_min ?? null;
}

/** The UI showed (or the user clicked) a desktop notice: the delivery is done. */
export function acknowledgeDesktop(db: Db, outboxId: number, actor = 'analyste'): boolean {
  const row = db
    .prepare(
      `SELECT alert_id, recipient FROM alert_outbox WHERE id = ? AND channel_kind = 'desktop' AND status IN ('sending','pending')`,
    )
    .get(outboxId) as { alert_id: number; recipient: string } | undefined;
  if (!row) return false;
  const nowIso = new Date().toISOString();
  db.prepare(`UPDATE alert_outbox SET status = 'sent', sent_at = ?, lease_owner = NULL WHERE id = ?`).run(
    nowIso,
    outboxId,
  );
  insertAudit(db, {
    at: nowIso,
    actor,
    action: 'acknowledged',
    alertId: row.alert_id,
    outboxId,
    channel: 'desktop',
    recipient: row.recipient,
    result: 'sent',
  });
  return true;
}
