/** Channels alerts:* — watch rules (list, save, remove, dry run), channels, "Pousser au cabinet", outbox, retry. */
import { AppError } from '../../../shared/errors';
import type { ChannelHandlers } from '../../../shared/api/contract';
import {
  deleteRule,
  getChannel,
  getRule,
  insertChannel,
  insertRule,
  listChannels,
  listRules,
  setChannelSecret,
  updateChannel,
  updateRule,
} from '../db/alerts-store';
import { listDeliveries, retryDelivery } from '../db/alerts-outbox-store';
import { parseRuleDefinition } from '../alerts/rules';
import { testRule } from '../alerts/evaluate';
import { pushAlert } from '../alerts/push';
import { signalOutbox } from '../alerts/outbox';
import { acknowledgeDesktop } from '../alerts/sender';
import { analystName, type HandlerContext } from './context';

const HOUR = 3_600_000;

/** The alerts:* handlers. */
export function alertsHandlers(ctx: HandlerContext): Pick<ChannelHandlers, `alerts:${string}` & keyof ChannelHandlers> {
  const deliveryById = (id: number) => {
    const d = listDeliveries(ctx.db, { limit: 100_000 }).find((x) => x.id === id);
    if (!d) throw new AppError('db.not_found', `delivery ${id} not found`, { id });
    return d;
  };
  return {
    'alerts:rules:list': () => listRules(ctx.db),
    'alerts:rules:save': ({ id, definition }) => {
      const def = parseRuleDefinition(definition);
      const now = ctx.now().toISOString();
      return id === undefined ? insertRule(ctx.db, def, analystName(ctx), now) : updateRule(ctx.db, id, def, now);
    },
    'alerts:rules:remove': ({ id }) => {
      getRule(ctx.db, id);
      return { removed: deleteRule(ctx.db, id) };
    },
    'alerts:rules:test': ({ definition, since, until, limit }) => {
      const def = parseRuleDefinition(definition);
      const to = until ? new Date(until) : ctx.now();
      const hours = since ? Math.max(1 / 60, (to.getTime() - Date.parse(since)) / HOUR) : 24;
      const r = testRule(ctx.db, def, to, hours);
      return {
        from: r.from,
        to: r.to,
        evaluated: r.itemsScanned,
        wouldFire: r.wouldFire,
        updates: r.updates,
        hits: r.alerts.slice(0, limit).map((a) => ({
          itemId: a.itemId,
          title: a.title,
          severity: a.severity,
          sourceName: a.source ?? '',
          published: a.at,
          reasons: [],
          isUpdate: a.isUpdate,
        })),
      };
    },
    'alerts:channels:list': () => listChannels(ctx.db),
    'alerts:channels:save': ({ id, name, kind, config, secret, ratePerMin, enabled }) => {
      const now = ctx.now().toISOString();
      if (id === undefined)
        return insertChannel(
          ctx.db,
          { name, kind, config, secret: secret ?? null, ratePerMin: ratePerMin ?? null, enabled },
          now,
        );
      const current = getChannel(ctx.db, id);
      if (current.kind !== kind)
        throw new AppError('input.invalid', 'the kind of a channel cannot change', { id, kind });
      // The list shows webhook URLs masked ("https://host/…"): sent back unchanged, they keep the stored URL.
      const { url, ...rest } = config;
      const patch = typeof url === 'string' && url.endsWith('/…') ? rest : config;
      // The destination first, then the secret bound to it: a new destination needs a new secret.
      return ctx.db.transaction(() => {
        const saved = updateChannel(ctx.db, id, { config: patch, enabled, ratePerMin }, now, {
          secretReentered: typeof secret === 'string' && secret.length > 0,
        });
        if (secret !== undefined) setChannelSecret(ctx.db, id, secret, now);
        return secret !== undefined ? getChannel(ctx.db, id) : saved;
      })();
    },
    'alerts:push': ({ itemId, comment, severity, channelIds, recipients }) => {
      const r = pushAlert(
        ctx.db,
        {
          itemId,
          comment: comment ?? null,
          severity,
          channels: channelIds,
          recipients: recipients ?? [],
          actor: analystName(ctx),
        },
        ctx.now(),
      );
      return { alertId: r.alertId, deliveries: r.deliveryIds.length };
    },
    'alerts:outbox:list': ({ status, limit }) => listDeliveries(ctx.db, { status, limit }),
    'alerts:retry': ({ id }) => {
      retryDelivery(ctx.db, id, ctx.now().getTime());
      signalOutbox();
      return deliveryById(id);
    },
    'alerts:ackDesktop': ({ outboxId }) => ({ acknowledged: acknowledgeDesktop(ctx.db, outboxId, analystName(ctx)) }),
  };
}
