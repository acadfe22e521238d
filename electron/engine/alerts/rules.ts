/**
 * Watch rules: validation of a definition and the pure per-item decision (filters, tiers of
 * thresholds, one alert per story, update when a higher tier or severity is reached).
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { SOURCE_TYPES, type Reason, type SourceType } from '../../../shared/types/domain';
import { SEVERITIES, type RuleDefinition, type RuleTier, type Severity } from '../../../shared/types/alerts';
import { compileQuery, makeMatchDoc, matchesAnyEntity, type QueryMatcher } from './query';

/** A département or région code: 2 or 3 digits, or 2A/2B (Corsica). */
const INSEE_AREA = /^(\d{2,3}|2[AB])$/;

const score = z.number().min(0).max(100).nullable().optional();

const tierSchema = z.object({
  severity: z.enum(SEVERITIES),
  minVirality: score,
  minControversy: score,
  minInfox: score,
  minGrowth: z.number().int().min(1).nullable().optional(),
});

/** Zod schema of a rule definition, with the defaults of a new rule. */
export const ruleDefinitionSchema = z.object({
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  query: z.string().max(2000).default(''),
  sourceIds: z.array(z.number().int()).default([]),
  sourceTypes: z.array(z.enum(SOURCE_TYPES)).default([]),
  departements: z.array(z.string().regex(INSEE_AREA)).default([]),
  regions: z.array(z.string().regex(INSEE_AREA)).default([]),
  entities: z.array(z.string().trim().min(1)).default([]),
  watchedEntities: z.boolean().default(false),
  match: z.enum(['any', 'all']).default('any'),
  tiers: z.array(tierSchema).min(1),
  growthWindowMin: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  recipients: z.array(z.string().trim().email()).default([]),
  channelIds: z.array(z.number().int()).default([]),
});

/** Validates a rule definition (and its query syntax); throws `input.invalid` with the zod issues. */
export function parseRuleDefinition(input: unknown): RuleDefinition {
  const parsed = ruleDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'input.invalid',
      'Règle invalide : ' + parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      { issues: parsed.error.issues },
    );
  }
  compileQuery(parsed.data.query);
  return parsed.data as RuleDefinition;
}

/** Rank of a severity: info 0 < urgent 1 < flash 2. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** An item as rules see it (scores, story growth, source). */
export interface EvalItem {
  id: number;
  title: string;
  summary: string | null;
  contentText: string | null;
  categories: string[];
  link: string | null;
  published: string | null;
  fetchedAt: string;
  sourceId: number;
  sourceName: string | null;
  sourceType: SourceType | null;
  storyId: number | null;
  virality: number | null;
  controversy: number | null;
  infox: number | null;
  reasons: { virality: Reason[]; controversy: Reason[]; infox: Reason[] };
  /** Items added to the story within the rule's growth window (null when unknown). */
  growth: number | null;
  /** Départements and régions the item concerns (its places; absent = none known). */
  departements?: string[];
  regions?: string[];
}

/** What a rule already said about a story. */
export interface StoryMemory {
  severityRank: number;
  tier: number;
  lastAlertId: number;
}

/** A rule's verdict for one item. */
export interface RuleVerdict {
  tier: number;
  severity: Severity;
  isUpdate: boolean;
  previousAlertId: number | null;
}

/** A rule with its query compiled once and its effective entity list. */
export interface CompiledRule {
  def: RuleDefinition;
  matcher: QueryMatcher;
  entities: string[];
}

/** Compiles a rule's query; `watched` is the workstation's watched-entities list (used when def.watchedEntities). */
export function compileRule(def: RuleDefinition, watched: string[] = []): CompiledRule {
  return {
    def,
    matcher: compileQuery(def.query),
    entities: def.watchedEntities ? [...def.entities, ...watched] : def.entities,
  };
}

/** Dedup key of the item's story (an unclustered item is its own story). */
export function storyKeyOf(item: Pick<EvalItem, 'id' | 'storyId'>): string {
  return item.storyId != null ? `s:${item.storyId}` : `i:${item.id}`;
}

/** True when the rule names no territory, or the item concerns one of its départements or régions. */
function inTerritory(def: RuleDefinition, item: EvalItem): boolean {
  const deps = def.departements ?? [],
    regions = def.regions ?? [];
  if (!deps.length && !regions.length) return true;
  return (
    (item.departements ?? []).some((d) => deps.includes(d)) || (item.regions ?? []).some((r) => regions.includes(r))
  );
}

/** True when the item passes the rule's filters (sources, source types, query, entities). */
export function passesFilters(rule: CompiledRule, item: EvalItem): boolean {
  const { def } = rule;
  if (def.sourceIds.length && !def.sourceIds.includes(item.sourceId)) return false;
  if (def.sourceTypes.length && (!item.sourceType || !def.sourceTypes.includes(item.sourceType))) return false;
  if (!inTerritory(def, item)) return false;
  // A rule restricted to watched entities while the list is empty matches nothing (not everything).
  if (def.watchedEntities && rule.entities.length === 0) return false;
  if (!def.query.trim() && rule.entities.length === 0) return true;
  const doc = makeMatchDoc(item.title, item.summary, item.contentText, item.categories.join(' '));
  return rule.matcher(doc) && matchesAnyEntity(doc, rule.entities);
}

function tierReached(tier: RuleTier, match: 'any' | 'all', item: EvalItem): boolean {
  const checks: boolean[] = [];
  const add = (min: number | null | undefined, value: number | null) => {
    if (min != null) checks.push(value != null && value >= min);
  };
  add(tier.minVirality, item.virality);
  add(tier.minControversy, item.controversy);
  add(tier.minInfox, item.infox);
  add(tier.minGrowth, item.growth);
  if (checks.length === 0) return true;
  return match === 'all' ? checks.every(Boolean) : checks.some(Boolean);
}

/** Index of the highest tier the item reaches, or -1. */
export function highestTier(rule: CompiledRule, item: EvalItem): number {
  for (let i = rule.def.tiers.length - 1; i >= 0; i--)
    if (tierReached(rule.def.tiers[i], rule.def.match, item)) return i;
  return -1;
}

/**
 * Decides whether the rule fires for the item: a first alert for a story, an update when the
 * story reaches a higher tier or severity than already sent, nothing otherwise.
 */
export function decideForItem(rule: CompiledRule, item: EvalItem, memory: StoryMemory | undefined): RuleVerdict | null {
  if (!passesFilters(rule, item)) return null;
  const tier = highestTier(rule, item);
  if (tier < 0) return null;
  const severity = rule.def.tiers[tier].severity;
  if (!memory) return { tier, severity, isUpdate: false, previousAlertId: null };
  if (tier > memory.tier || severityRank(severity) > memory.severityRank) {
    return { tier, severity, isUpdate: true, previousAlertId: memory.lastAlertId };
  }
  return null;
}
