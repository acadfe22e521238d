/** Manual push ("Pousser au cabinet"): an analyst sends an item or a story now, with a comment. */
import type { Db } from '../db/open';
import { AppError } from '../../../shared/errors';
import type { AlertChannel, Severity } from '../../../shared/types/alerts';
import { findChannel, listChannels, loadEvalItems } from '../db/alerts-store';
import { renderAlertMessage } from './message';
import { enqueueAlert, planDeliveries, signalOutbox, type EnqueuedAlert } from './outbox';
import { storyKeyOf } from './rules';

/** What the analyst chose. */
export interface PushRequest {
  /** The item to push; or give storyId and the story's most viral recent item is used. */
  itemId?: number;
  storyId?: number;
  severity: Severity;
  comment?: string | null;
  /** Email addresses. */
  recipients: string[];
  /** Channel ids or names; default: every enabled SMTP channel when recipients are given. */
  channels?: Array<number | string>;
  /** Analyst name, recorded in the audit log. */
  actor: string;
}

function pickStoryItem(db: Db, storyId: number): number {
  const r = db
    .prepare(
      `SELECT id FROM items WHERE story_id = ? ORDER BY COALESCE(virality, -1) DESC, COALESCE(published, fetched_at) DESC LIMIT 1`,
    )
    .get(storyId) as { id: number } | undefined;
  if (!r) throw new AppError('db.not_found', `Récit ${storyId} introuvable`, { storyId });
  return r.id;
}

function resolvePushChannels(db: Db, req: PushRequest): AlertChannel[] {
  if (req.channels && req.channels.length) {
    return req.channels.map((c) => {
      const ch = findChannel(db, c);
      if (!ch) throw new AppError('alert.config', `Canal inconnu : ${c}`, { channel: String(c) });
      return ch;
    });
  }
  const smtp = listChannels(db).filter((c) => c.kind === 'smtp' && c.enabled);
  if (req.recipients.length && smtp.length === 0)
    throw new AppError('alert.config', 'Aucun canal e-mail configuré', {});
  return req.recipients.length ? smtp : listChannels(db).filter((c) => c.enabled);
}

/** Decides a manual alert and enqueues its deliveries in one transaction; the sender sends. */
export function pushAlert(db: Db, req: PushRequest, now: Date = new Date()): EnqueuedAlert {
  const itemId = req.itemId ?? (req.storyId != null ? pickStoryItem(db, req.storyId) : undefined);
  if (itemId == null) throw new AppError('input.invalid', 'Article ou récit requis', {});
  const result = db.transaction(() => {
    const [item] = loadEvalItems(db, [itemId]);
    if (!item) throw new AppError('db.not_found', `Article ${itemId} introuvable`, { itemId });
    const channels = resolvePushChannels(db, req);
    const deliveries = planDeliveries(channels, req.recipients);
    if (deliveries.length === 0)
      throw new AppError('alert.config', 'Aucun destinataire : ajoutez une adresse ou un canal', {});
    const comment = req.comment?.trim() || null;
    const message = renderAlertMessage({
      item,
      severity: req.severity,
      isUpdate: false,
      comment,
      origin: `Poussé par ${req.actor}`,
    });
    return enqueueAlert(
      db,
      {
        origin: 'manual',
        ruleId: null,
        itemId: item.id,
        storyKey: storyKeyOf(item),
        severity: req.severity,
        tier: 0,
        isUpdate: false,
        previousAlertId: null,
        subject: message.subject,
        payload: message,
        comment,
        actor: req.actor,
        createdAt: now.toISOString(),
      },
      message,
      deliveries,
      now.getTime(),
      'pushed',
    );
  })();
  signalOutbox();
  return result;
}
