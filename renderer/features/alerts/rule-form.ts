/** The rule editor's form state ⇄ a RuleDefinition (pure; the alert engine validates the rest). */
import type { AlertRule, RuleDefinition, Severity } from '../../../shared/types/alerts';
import type { SourceType } from '../../../shared/types/domain';

/** What the editor edits: flat strings for text fields. */
export interface RuleForm {
  id?: number;
  name: string;
  enabled: boolean;
  query: string;
  sourceTypes: SourceType[];
  entities: string;
  recipients: string;
  /** Alert destinations (configured channels) the rule delivers to. */
  channelIds: number[];
  match: 'any' | 'all';
  tiers: Array<{
    severity: Severity;
    minVirality: string;
    minControversy: string;
    minInfox: string;
    minGrowth: string;
  }>;
  growthWindowMin: number;
}

/** A new rule: one "urgent" tier at infox ≥ 70 or virality ≥ 70. */
export const EMPTY_RULE: RuleForm = {
  name: '',
  enabled: true,
  query: '',
  sourceTypes: [],
  entities: '',
  recipients: '',
  channelIds: [],
  match: 'any',
  growthWindowMin: 60,
  tiers: [{ severity: 'urgent', minVirality: '70', minControversy: '', minInfox: '70', minGrowth: '' }],
};

const num = (s: string): number | null => (s.trim() === '' || Number.isNaN(Number(s)) ? null : Number(s));
const list = (s: string): string[] =>
  s
    .split(/[\n,;]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Converts the form into a definition. */
export function toDefinition(f: RuleForm): RuleDefinition {
  return {
    name: f.name.trim(),
    enabled: f.enabled,
    query: f.query.trim(),
    sourceIds: [],
    sourceTypes: f.sourceTypes,
    entities: list(f.entities),
    match: f.match,
    growthWindowMin: f.growthWindowMin,
    recipients: list(f.recipients),
    channelIds: f.channelIds,
    tiers: f.tiers.map((t) => ({
      severity: t.severity,
      minVirality: num(t.minVirality),
      minControversy: num(t.minControversy),
      minInfox: num(t.minInfox),
      minGrowth: num(t.minGrowth),
    })),
  };
}

/** Loads a stored rule into the form. */
export function fromRule(r: AlertRule): RuleForm {
  const s = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    query: r.query,
    sourceTypes: r.sourceTypes,
    entities: r.entities.join('\n'),
    recipients: r.recipients.join('\n'),
    channelIds: r.channelIds,
    match: r.match,
    growthWindowMin: r.growthWindowMin,
    tiers: r.tiers.map((t) => ({
      severity: t.severity,
      minVirality: s(t.minVirality),
      minControversy: s(t.minControversy),
      minInfox: s(t.minInfox),
      minGrowth: s(t.minGrowth),
    })),
  };
}
