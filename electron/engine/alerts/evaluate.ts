/**
 * Rule evaluation right after analysis (`evaluateRulesForItems`) and the dry run over the last
 * 24 h offered before saving a rule (`testRule`). Decisions and their outbox rows are written in
 * one transaction; sending happens later, in the sender.
 */
import type { Db } from '../db/open';
import type { AlertChannel, RuleDefinition, Severity } from '../../../shared/types/alerts';
import {
  advanceRuleWatermark,
  countStoryItemsBetween,
  getChannel,
  getStoryMemory,
  listRules,
  loadEvalItems,
  loadEvalItemsBetween,
  lowestRuleWatermark,
  readEvaluableIds,
  readWatchedEntities,
  saveStoryMemory,
} from '../db/alerts-store';
import {
  compileRule,
  decideForItem,
  severityRank,
  storyKeyOf,
  type CompiledRule,
  type EvalItem,
  type StoryMemory,
} from './rules';
import { renderAlertMessage } from './message';
import { enqueueAlert, planDeliveries, signalOutbox } from './outbox';

/** Options of evaluateRulesForItems. */
export interface EvaluateOptions {
  /** Items older than this (by published time) never fire a rule: no storm when a backlog is ingested. Default 24 h. */
  maxItemAgeHours?: number;
  /**
   * The items were scored before and rescored since (a claim flagged at its corroboration
   * deadline): the rule watermark does not hide them and is not moved; the story memory still
   * keeps a rule from alerting twice at the same tier.
   */
  rescored?: boolean;
}

/** One alert decided by a rule. */
export interface DecidedAlert {
  alertId: number;
  ruleId: number;
  itemId: number;
  severity: Severity;
  isUpdate: boolean;
  deliveryIds: number[];
}

const HOUR_MS = 3_600_000;

function itemTime(item: EvalItem): string {
  return item.published ?? item.fetchedAt;
}

function needsGrowth(rule: CompiledRule): boolean {
  return rule.def.tiers.some((t) => t.minGrowth != null);
}

function withGrowth(db: Db, rule: CompiledRule, item: EvalItem, refIso: string): EvalItem {
  if (!needsGrowth(rule) || item.storyId == null) return item;
  const from = new Date(Date.parse(refIso) - rule.def.growthWindowMin * 60_000).toISOString();
  return { ...item, growth: countStoryItemsBetween(db, item.storyId, from, refIso) };
}

function resolveChannels(db: Db, ids: number[]): AlertChannel[] {
  const out: AlertChannel[] = [];
  for (const id of ids) {
    try {
      out.push(getChannel(db, id));
    } catch {
      /* a deleted channel is skipped; the audit shows no-channel */
    }
  }
  return out;
}

/**
 * Evaluates every enabled rule against freshly analysed items. Integration point: call it with
 * the ids `analyzeNewItems` just scored, right after that transaction. Only items above each
 * rule's watermark (or of a story the rule already alerted on, for escalation) are considered,
 * so a restart or a full re-analysis never replays old alerts.
 */
export function evaluateRulesForItems(
  db: Db,
  itemIds: number[],
  now: Date = new Date(),
  opts: EvaluateOptions = {},
): DecidedAlert[] {
  if (itemIds.length === 0) return [];
  const nowIso = now.toISOString();
  const oldest = now.getTime() - (opts.maxItemAgeHours ?? 24) * HOUR_MS;
  const decided: DecidedAlert[] = [];
  // IMMEDIATE: two processes on one database (a cron `vigie fetch --once` beside `vigie serve`)
  // take turns, so each reads the watermark the other left.
  db.transaction(() => {
    const rules = listRules(db, true);
    if (rules.length === 0) return;
    const items = loadEvalItems(db, itemIds);
    const watched = readWatchedEntities(db);
    const maxId = items.reduce((m, i) => Math.max(m, i.id), 0);
    for (const rule of rules) {
      const compiled = compileRule(rule, watched);
      const channels = resolveChannels(db, rule.channelIds);
      for (const base of items) {
        const t = Date.parse(itemTime(base));
        if (!(t >= oldest)) continue;
        const storyKey = storyKeyOf(base);
        const memory = getStoryMemory(db, rule.id, storyKey);
        if (base.id <= rule.watermarkItemId && !memory && !opts.rescored) continue;
        const item = withGrowth(db, compiled, base, nowIso);
        const verdict = decideForItem(compiled, item, memory);
        if (!verdict) continue;
        const message = renderAlertMessage({
          item,
          severity: verdict.severity,
          isUpdate: verdict.isUpdate,
          comment: null,
          origin: `Règle « ${rule.name} »`,
          growthWindowMin: rule.growthWindowMin,
        });
        const { alertId, deliveryIds } = enqueueAlert(
          db,
          {
            origin: 'rule',
            ruleId: rule.id,
            itemId: item.id,
            storyKey,
            severity: verdict.severity,
            tier: verdict.tier,
            isUpdate: verdict.isUpdate,
            previousAlertId: verdict.previousAlertId,
            subject: message.subject,
            payload: message,
            comment: null,
            actor: `règle:${rule.name}`,
            createdAt: nowIso,
          },
          message,
          planDeliveries(channels, rule.recipients),
          now.getTime(),
          'decided',
        );
        saveStoryMemory(
          db,
          rule.id,
          storyKey,
          { severityRank: severityRank(verdict.severity), tier: verdict.tier, lastAlertId: alertId },
          nowIso,
        );
        decided.push({
          alertId,
          ruleId: rule.id,
          itemId: item.id,
          severity: verdict.severity,
          isUpdate: verdict.isUpdate,
          deliveryIds,
        });
      }
      if (maxId > rule.watermarkItemId && !opts.rescored) advanceRuleWatermark(db, rule.id, maxId);
    }
  }).immediate();
  if (decided.some((d) => d.deliveryIds.length)) signalOutbox();
  return decided;
}

/** Items per evaluation transaction when catching up. */
const EVAL_CHUNK = 2000;

/**
 * Evaluates the rules on every analysed item above the lowest rule watermark, oldest first,
 * stopping at the first item not analysed yet: the watermark only ever moves past items the
 * rules have seen, so a crash after a commit (before analysis or before the rules) loses no
 * alert — the next call, after a restart, picks them up. Callers run it after each analysis.
 */
export function evaluatePendingRules(db: Db, now: Date = new Date(), opts: EvaluateOptions = {}): DecidedAlert[] {
  const decided: DecidedAlert[] = [];
  let after = lowestRuleWatermark(db);
  while (after !== null) {
    const ids = readEvaluableIds(db, after, EVAL_CHUNK);
    if (ids.length === 0) break;
    decided.push(...evaluateRulesForItems(db, ids, now, { maxItemAgeHours: opts.maxItemAgeHours }));
    after = ids[ids.length - 1];
    if (ids.length < EVAL_CHUNK) break;
  }
  return decided;
}

/** One alert a rule would have sent in the dry run. */
export interface SimulatedAlert {
  itemId: number;
  title: string;
  source: string | null;
  at: string;
  severity: Severity;
  isUpdate: boolean;
}

/** Dry-run result: « aurait déclenché N alertes (dont U mises à jour) ». */
export interface RuleTestResult {
  from: string;
  to: string;
  itemsScanned: number;
  wouldFire: number;
  updates: number;
  alerts: SimulatedAlert[];
}

/**
 * Replays the last `hours` (default 24) of items through a rule definition, oldest first, with
 * the same dedup/escalation as live evaluation and growth measured at each item's own time.
 * Writes nothing.
 */
export function testRule(db: Db, def: RuleDefinition, now: Date = new Date(), hours = 24): RuleTestResult {
  const to = now.toISOString();
  const from = new Date(now.getTime() - hours * HOUR_MS).toISOString();
  const compiled = compileRule(def, readWatchedEntities(db));
  const items = loadEvalItemsBetween(db, from, to);
  const memory = new Map<string, StoryMemory>();
  const alerts: SimulatedAlert[] = [];
  for (const base of items) {
    const item = withGrowth(db, compiled, base, itemTime(base));
    const key = storyKeyOf(item);
    const verdict = decideForItem(compiled, item, memory.get(key));
    if (!verdict) continue;
    memory.set(key, { severityRank: severityRank(verdict.severity), tier: verdict.tier, lastAlertId: -1 });
    alerts.push({
      itemId: item.id,
      title: item.title,
      source: item.sourceName,
      at: itemTime(item),
      severity: verdict.severity,
      isUpdate: verdict.isUpdate,
    });
  }
  return {
    from,
    to,
    itemsScanned: items.length,
    wouldFire: alerts.length,
    updates: alerts.filter((a) => a.isUpdate).length,
    alerts,
  };
}
