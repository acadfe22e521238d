/**
 * Scores a batch of items with no database (`vigie score`): clusters the batch into stories,
 * derives each story's context (virality, corroboration, debunks, campaigns) and scores every
 * item. Virality is relative to the batch ("now" = the latest date in it).
 */
import type { Reason } from '../../../shared/types/domain';
import { REACH_BY_TYPE } from '../../../shared/defaults';
import type { SourceType } from '../../../shared/types/domain';
import { clusterDocs } from './cluster-batch';
import { controversyInStory, scoreControversy, scoreStoryControversy } from './controversy';
import { scoreInfox, TRUSTED_SOURCE_TYPES } from './infox';
import { scoreStoryVirality, scoreItemVirality, type ViralItem } from './virality';
import { campaignAccounts, campaignFingerprint } from './campaign';
import { DEBUNK_WORDS } from './lexicons/infox-style';
import { foldedTokens } from './lexicon-match';
import { hostOf, type ReliabilityList } from './reliability';
import type { LogisticModel } from './learner';

/** One input line of `vigie score`. */
export interface ScoreInput {
  id: string | number;
  title: string;
  text?: string | null;
  url?: string | null;
  source?: string | null;
  sourceType?: string | null;
  published?: string | null;
}

/** One output line of `vigie score`. */
export interface ScoreOutput {
  id: string | number;
  virality: number;
  controversy: number;
  infox: number;
  reasons: Reason[];
}

/** Options of scoreBatch. */
export interface ScoreBatchOptions {
  reliability?: ReliabilityList;
  model?: LogisticModel | null;
}

/** Scores every item of the batch (see module doc). */
export function scoreBatch(inputs: readonly ScoreInput[], options: ScoreBatchOptions = {}): ScoreOutput[] {
  const times = inputs
    .map((i) => (i.published ? Date.parse(i.published) : NaN))
    .map((t) => (Number.isFinite(t) ? t : null));
  const labels = clusterDocs(inputs.map((i, k) => ({ title: i.title ?? '', text: i.text, time: times[k] })));
  const now = Math.max(0, ...times.filter((t): t is number => t != null));
  const sourceOf = (i: ScoreInput) => i.source || hostOf(i.url) || `item:${i.id}`;
  const campaigns = campaignAccounts(
    inputs.map((i, k) => ({
      fingerprint: campaignFingerprint(i.title ?? '', i.text),
      account: sourceOf(i),
      time: times[k] ?? null,
    })),
  );
  const stories = new Map<number, number[]>();
  labels.forEach((l, k) => (stories.get(l) ?? stories.set(l, []).get(l)!).push(k));
  const viral = inputs.map((i, k): ViralItem => ({
    time: times[k] ?? now,
    source: sourceOf(i),
    sourceType: i.sourceType ?? 'web',
    reach: REACH_BY_TYPE[(i.sourceType ?? 'web') as SourceType] ?? 0.3,
  }));
  const controversy = inputs.map((i) => scoreControversy(i.title ?? '', i.text));
  const out: ScoreOutput[] = new Array(inputs.length);
  for (const members of stories.values()) {
    const storyViral = scoreStoryVirality(
      members.map((k) => viral[k]!),
      now,
    );
    const storyContro = scoreStoryControversy(
      members.map((k) => ({ score: controversy[k]!.score, tone: controversy[k]!.tone })),
    );
    const debunkIdx = members.find(
      (k) =>
        inputs[k]!.sourceType === 'factcheck' &&
        DEBUNK_WORDS.test(foldedTokens(`${inputs[k]!.title} ${inputs[k]!.text ?? ''}`).join(' ')),
    );
    const corroborated = members.some((k) => TRUSTED_SOURCE_TYPES.has(inputs[k]!.sourceType ?? ''));
    // Only named sources count as outlets here (sourceOf falls back to one pseudo-source per item).
    const outlets = new Set(members.map((k) => inputs[k]!.source || hostOf(inputs[k]!.url)).filter(Boolean)).size;
    for (const k of members) {
      const it = inputs[k]!;
      const v = scoreItemVirality(storyViral, viral[k]!, 0);
      const debunk =
        debunkIdx !== undefined && debunkIdx !== k && it.sourceType !== 'factcheck'
          ? { title: inputs[debunkIdx]!.title, link: inputs[debunkIdx]!.url ?? null }
          : null;
      const inf = scoreInfox(it, {
        reliability: options.reliability,
        debunk,
        officialCorroborated: corroborated,
        campaignAccounts: it.sourceType === 'social' || !it.sourceType ? campaigns[k] : 0,
        model: options.model,
      });
      const c = controversyInStory(controversy[k]!, storyContro, members.length, outlets);
      const reasons: Reason[] = [
        ...prefix('virality', [...storyViral.reasons, ...v.reasons.slice(1)]),
        ...prefix('controversy', c.reasons),
        ...prefix('infox', inf.reasons),
      ];
      out[k] = { id: it.id, virality: v.score, controversy: c.score, infox: inf.score, reasons };
    }
  }
  return out;
}

function prefix(family: string, reasons: Reason[]): Reason[] {
  return reasons.map((r) => ({ ...r, signal: `${family}.${r.signal}` }));
}
