/**
 * `vigie alerts …`: rules (add, list, test, enable, disable, rm), channels (add, list, secret),
 * push, evaluate, outbox, retry, send (work the outbox once), list, audit (--csv).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { ChannelKind, Severity } from '../../../shared/types/alerts';
import type { Db } from '../../engine/db/open';
import {
  deleteRule,
  findChannel,
  getRule,
  insertChannel,
  insertRule,
  listAlerts,
  listChannels,
  listRules,
  setChannelSecret,
  updateRule,
} from '../../engine/db/alerts-store';
import { listDeliveries, retryDelivery } from '../../engine/db/alerts-outbox-store';
import { parseRuleDefinition } from '../../engine/alerts/rules';
import { evaluatePendingRules, evaluateRulesForItems, testRule } from '../../engine/alerts/evaluate';
import { pushAlert } from '../../engine/alerts/push';
import { AlertSender } from '../../engine/alerts/sender';
import { exportAuditCsv } from '../../engine/alerts/audit';
import { activeSecretCodec } from '../../engine/alerts/secrets';
import { listAudit } from '../../engine/db/alerts-outbox-store';
import { log, openDbFromCommand, printJsonLine } from '../output';
import {
  channelConfigFromOptions,
  collect,
  readSecret,
  ruleInputFromOptions,
  splitList,
  type ChannelOptions,
  type RuleOptions,
} from './alerts-options';

function channelResolver(db: Db): (nameOrId: string) => number {
  return (nameOrId) => {
    const ch = findChannel(db, nameOrId);
    if (!ch) throw new AppError('alert.config', `canal inconnu : ${nameOrId}`);
    return ch.id;
  };
}

function addRuleOptions(cmd: Command): Command {
  return cmd
    .option('--json <file>', 'rule definition as JSON (instead of the options below)')
    .option('--name <name>', 'rule name')
    .option('--query <q>', 'boolean query: AND/OR/NOT (ET/OU/SAUF), "phrases", prefix*, accent-insensitive')
    .option('--source-type <type>', 'restrict to a source type (repeatable)', collect)
    .option('--source <id>', 'restrict to a source id (repeatable)', collect)
    .option('--entity <name>', 'watched entity that must appear (repeatable; any of them)', collect)
    .option('--watched', "also match the workstation's watched entities (settings)")
    .option('--min-virality <n>', 'virality threshold 0-100')
    .option('--min-controversy <n>', 'controversy threshold 0-100')
    .option('--min-infox <n>', 'infox threshold 0-100')
    .option('--min-growth <n>', 'story growth: items added to the story within the growth window')
    .option('--growth-window <min>', 'growth window in minutes (default 60)')
    .option('--match <any|all>', 'thresholds combine with any (default) or all')
    .option('--severity <s>', 'info (default), urgent or flash')
    .option(
      '--escalate <spec>',
      'higher tier sending an update, e.g. urgent:virality=80 or flash:virality=95,growth=10 (repeatable)',
      collect,
    )
    .option('--to <emails>', 'email recipients, comma-separated')
    .option('--channel <name|id>', 'delivery channel (repeatable)', collect)
    .option('--disabled', 'store the rule disabled');
}

/** Registers `vigie alerts`. */
export function registerAlertsCommands(program: Command): void {
  const alerts = program.command('alerts').description('watch rules, manual push, outbox, delivery and audit');

  const rules = alerts.command('rules').description('watch rules');
  addRuleOptions(
    rules.command('add').description('test a rule on the last 24 h, then save it (prints {"rule","test"})'),
  )
    .option('--dry-run', 'only test, do not save')
    .action((o: RuleOptions & { dryRun?: boolean }, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      const def = parseRuleDefinition(ruleInputFromOptions(o, channelResolver(db)));
      const test = testRule(db, def);
      log(
        `La règle « ${def.name} » aurait déclenché ${test.wouldFire} alerte(s) sur les dernières 24 h (dont ${test.updates} mise(s) à jour), ${test.itemsScanned} articles examinés.`,
      );
      const rule = o.dryRun ? null : insertRule(db, def, process.env.USER ?? 'analyste');
      printJsonLine({ rule, test: { ...test, alerts: test.alerts.slice(0, 50) } });
    });
  addRuleOptions(
    rules.command('test [id]').description('dry-run a stored rule (or the given options) on the last hours'),
  )
    .option('--hours <n>', 'window, hours (default 24)', '24')
    .option('--now <iso>', 'end of the window (default now)')
    .action((id: string | undefined, o: RuleOptions & { hours: string; now?: string }, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      const def = id ? getRule(db, Number(id)) : parseRuleDefinition(ruleInputFromOptions(o, channelResolver(db)));
      printJsonLine(testRule(db, def, o.now ? new Date(o.now) : new Date(), Number(o.hours)));
    });
  rules
    .command('list')
    .description('one JSON line per rule')
    .action((_o: unknown, cmd: Command) => {
      for (const r of listRules(openDbFromCommand(cmd))) printJsonLine(r);
    });
  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    rules
      .command(`${verb} <id>`)
      .description(`${verb} a rule`)
      .action((id: string, _o: unknown, cmd: Command) => {
        const db = openDbFromCommand(cmd);
        const r = getRule(db, Number(id));
        printJsonLine(updateRule(db, r.id, parseRuleDefinition({ ...r, enabled })));
      });
  }
  rules
    .command('rm <id>')
    .description('delete a rule')
    .action((id: string, _o: unknown, cmd: Command) => {
      printJsonLine({ id: Number(id), deleted: deleteRule(openDbFromCommand(cmd), Number(id)) });
    });

  const channels = alerts
    .command('channels')
    .description('delivery channels (secrets from --secret-env or --secret-stdin, never argv)');
  channels
    .command('add')
    .description('add a channel')
    .requiredOption('--name <name>', 'channel name')
    .requiredOption('--kind <kind>', 'smtp, webhook, matrix or desktop')
    .option('--host <host>', 'SMTP host')
    .option('--port <port>', 'SMTP port (default 587)')
    .option('--secure', 'SMTP implicit TLS (465)')
    .option('--no-require-tls', 'SMTP: allow sending without STARTTLS')
    .option('--ignore-tls', 'SMTP: never STARTTLS (local relay)')
    .option('--allow-self-signed', 'SMTP: accept a self-signed certificate')
    .option('--user <user>', 'SMTP user')
    .option('--from <addr>', 'SMTP From')
    .option('--default-to <emails>', 'SMTP recipients when a rule names none')
    .option('--url <url>', 'webhook URL')
    .option('--preset <p>', 'webhook body: generic, mattermost, slack, teams')
    .option('--homeserver <url>', 'Matrix homeserver')
    .option('--room <id>', 'Matrix room id')
    .option('--secret-env <VAR>', 'read the password/token/HMAC key from this environment variable')
    .option('--secret-stdin', 'read the password/token/HMAC key from stdin')
    .option('--rate <n>', 'max sends per minute')
    .action((o: ChannelOptions, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      const secret = readSecret(o);
      const ch = insertChannel(db, {
        name: o.name,
        kind: o.kind as ChannelKind,
        config: channelConfigFromOptions(o),
        secret,
        ratePerMin: o.rate ? Number(o.rate) : null,
      });
      if (secret && !activeSecretCodec().protects)
        log(
          'attention : aucun trousseau système dans ce mode, le secret est stocké sans chiffrement (l’application de bureau utilise safeStorage)',
        );
      printJsonLine(ch);
    });
  channels
    .command('list')
    .description('one JSON line per channel (no secrets)')
    .action((_o: unknown, cmd: Command) => {
      for (const c of listChannels(openDbFromCommand(cmd))) printJsonLine(c);
    });
  channels
    .command('secret <channel>')
    .description('replace a channel secret')
    .option('--secret-env <VAR>')
    .option('--secret-stdin')
    .action((name: string, o: ChannelOptions, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      const id = channelResolver(db)(name);
      setChannelSecret(db, id, readSecret(o));
      printJsonLine({ id, hasSecret: true });
    });

  alerts
    .command('push <id>')
    .description('push an item (or with --story a story) now: prints {"alertId","deliveryIds"}')
    .option('--story', 'the id is a story id')
    .option('--to <emails>', 'email recipients, comma-separated', '')
    .option('--channel <name|id>', 'channel (repeatable; default: the SMTP channels)', collect)
    .requiredOption('--severity <s>', 'info, urgent or flash')
    .option('--comment <text>', "analyst's comment")
    .option('--by <name>', 'who pushes (audit)', process.env.USER ?? 'analyste')
    .option('--send', 'work the outbox right away')
    .action(
      async (
        id: string,
        o: {
          story?: boolean;
          to: string;
          channel?: string[];
          severity: string;
          comment?: string;
          by: string;
          send?: boolean;
        },
        cmd: Command,
      ) => {
        const db = openDbFromCommand(cmd);
        const res = pushAlert(db, {
          itemId: o.story ? undefined : Number(id),
          storyId: o.story ? Number(id) : undefined,
          severity: o.severity as Severity,
          comment: o.comment ?? null,
          recipients: splitList(o.to),
          channels: o.channel,
          actor: o.by,
        });
        if (o.send) await new AlertSender(db, { kinds: ['smtp', 'webhook', 'matrix'] }).drain();
        printJsonLine({ ...res, deliveries: listDeliveries(db, { alertId: res.alertId }) });
      },
    );

  alerts
    .command('evaluate')
    .description('evaluate the rules for items (the pipeline does it after analysis)')
    .option('--ids <ids>', 'item ids, comma-separated')
    .option('--since-id <n>', 'every item with a larger id')
    .action((o: { ids?: string; sinceId?: string }, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      // Without --ids, the rules resume from their watermark (what the background does).
      const decided = o.ids
        ? evaluateRulesForItems(db, splitList(o.ids).map(Number))
        : o.sinceId
          ? evaluateRulesForItems(
              db,
              (
                db.prepare('SELECT id FROM items WHERE id > ? ORDER BY id').all(Number(o.sinceId)) as Array<{
                  id: number;
                }>
              ).map((r) => r.id),
            )
          : evaluatePendingRules(db);
      for (const a of decided) printJsonLine(a);
    });

  alerts
    .command('list')
    .description('recent alerts')
    .option('--limit <n>', 'default 50', '50')
    .action((o: { limit: string }, cmd: Command) => {
      for (const a of listAlerts(openDbFromCommand(cmd), Number(o.limit))) printJsonLine({ ...a, payload: undefined });
    });

  alerts
    .command('outbox')
    .description('deliveries with their status and last error')
    .option('--status <s>', 'pending, sending, sent or dead')
    .option('--limit <n>', 'default 200', '200')
    .action((o: { status?: string; limit: string }, cmd: Command) => {
      for (const d of listDeliveries(openDbFromCommand(cmd), { status: o.status as never, limit: Number(o.limit) }))
        printJsonLine(d);
    });

  alerts
    .command('retry <id>')
    .description('retry a dead-lettered delivery now')
    .action((id: string, _o: unknown, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      const row = retryDelivery(db, Number(id), Date.now());
      printJsonLine({ id: row.id, status: row.status });
    });

  alerts
    .command('send')
    .description('work the outbox once (SMTP, webhook, Matrix); prints {"sent","failed","dead","pending"}')
    .option('--max-ms <n>', 'stop after this long, ms (default 60000)', '60000')
    .option('--timeout-ms <n>', 'per-attempt timeout, ms (default 15000)', '15000')
    .action(async (o: { maxMs: string; timeoutMs: string }, cmd: Command) => {
      const db = openDbFromCommand(cmd);
      const r = await new AlertSender(db, {
        kinds: ['smtp', 'webhook', 'matrix'],
        timeoutMs: Number(o.timeoutMs),
      }).drain(Number(o.maxMs));
      const pending = (
        db
          .prepare(
            `SELECT COUNT(*) AS n FROM alert_outbox WHERE status IN ('pending','sending') AND channel_kind != 'desktop'`,
          )
          .get() as { n: number }
      ).n;
      printJsonLine({ ...r, pending });
    });

  alerts
    .command('audit')
    .description('audit log as JSON lines, or --csv FILE')
    .option('--csv <file>', 'write CSV (UTF-8 with BOM, every field quoted) to this file')
    .option('--separator <char>', "CSV field separator: ';' (French Excel) or ','", ';')
    .option('--from <iso>')
    .option('--to <iso>')
    .action((o: { csv?: string; separator: string; from?: string; to?: string }, cmd: Command) => {
      if (o.separator !== ';' && o.separator !== ',')
        throw new AppError('input.invalid', `--separator must be ';' or ',' (got ${JSON.stringify(o.separator)})`);
      const db = openDbFromCommand(cmd);
      if (o.csv) {
        fs.writeFileSync(o.csv, exportAuditCsv(db, { from: o.from, to: o.to, separator: o.separator }));
        log(`journal d'audit écrit dans ${o.csv}`);
      } else for (const e of listAudit(db, o)) printJsonLine(e);
    });
}
