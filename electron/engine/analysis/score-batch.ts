/**
 * Scores a batch of items with no database (`vigie score`): clusters the batch into stories,
 * derives each story's context (virality, corroboration, debunks, campaigns) and scores every
 * item. Each item's virality is as of its own date (what the batch held up to then, as at ingest),
 * against the batch's own baselines (each outlet's output, the typical story of the day).
 */
import type { Reason } from '../../../shared/types/domain';
import { REACH_BY_TYPE } from '../../../shared/defaults';
import type { SourceType } from '../../../shared/types/domain';
import { clusterDocs, vectorizeBatch } from './cluster-batch';
import type { SparseVector } from './vectors';
import { controversyInStory, scoreControversy, scoreStoryControversy } from './controversy';
import { scoreInfox, TRUSTED_SOURCE_TYPES } from './infox';
import { scoreStoryVirality, scoreItemVirality, type ViralItem, type StoryVirality } from './virality';
import { ViralBaselines } from './viral-baselines';
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
  /** Virality of every item as of the batch's end instead of its own date (compared in npm run eval). */
  asOfEnd?: boolean;
}

/** Outlet of the items without source or link: one pooled outlet (they are no evidence of spread). */
const UNATTRIBUTED = '(sans source)';

/** Scores every item of the batch (see module doc). */
export function scoreBatch(inputs: readonly ScoreInput[], options: ScoreBatchOptions = {}): ScoreOutput[] {
  return scoreBatchStories(inputs, options).out;
}

/** scoreBatch with the story label of each input (equal label = same story), for measures. */
export function scoreBatchStories(
  inputs: readonly ScoreInput[],
  options: ScoreBatchOptions = {},
): { out: ScoreOutput[]; stories: number[] } {
  const times = inputs
    .map((i) => (i.published ? Date.parse(i.published) : NaN))
    .map((t) => (Number.isFinite(t) ? t : null));
  const docs = inputs.map((i, k) => ({ title: i.title ?? '', text: i.text, time: times[k] }));
  const labels = clusterDocs(docs);
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
  const coherence = storyCoherence(vectorizeBatch(docs), stories);
  const baselines = new ViralBaselines();
  const viral = inputs.map((i, k): ViralItem => {
    const type = i.sourceType ?? 'web';
    const time = times[k] ?? now;
    // The source names the outlet; a link's host only when no source is given.
    const outlet = i.source || hostOf(i.url) || UNATTRIBUTED;
    baselines.add(outlet, labels[k]!, time);
    return {
      time,
      arrival: time,
      outlet,
      sourceType: type,
      reach: REACH_BY_TYPE[type as SourceType] ?? 0.3,
      coherence: coherence[k]!,
      frontPage: false,
      feeds: 1,
    };
  });
  const endContext = baselines.context(now);
  const storyAt = new Map<string, StoryVirality>();
  const viralityOf = (story: number, members: number[], asOf: number): StoryVirality => {
    const key = `${story} ${asOf}`;
    let v = storyAt.get(key);
    if (!v) {
      const ctx = asOf === now ? endContext : baselines.context(asOf);
      storyAt.set(
        key,
        (v = scoreStoryVirality(
          members.map((k) => viral[k]!),
          asOf,
          ctx,
        )),
      );
    }
    return v;
  };
  const controversy = inputs.map((i) => scoreControversy(i.title ?? '', i.text));
  const out: ScoreOutput[] = new Array(inputs.length);
  for (const [story, members] of stories) {
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
      const storyViral = viralityOf(story, members, options.asOfEnd ? now : viral[k]!.time);
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
  return { out, stories: labels };
}

/**
 * Each item's similarity to the rest of its story (cosine to the centroid of the other members):
 * a headline the clusterer attached to a group it barely resembles is weak evidence of it.
 */
function storyCoherence(vectors: readonly SparseVector[], stories: Map<number, number[]>): number[] {
  const out = new Array<number>(vectors.length).fill(1);
  for (const members of stories.values()) {
    if (members.length < 2) continue;
    const sum = new Map<number, number>();
    for (const k of members) {
      const v = vectors[k]!;
      v.keys.forEach((t, j) => sum.set(t, (sum.get(t) ?? 0) + v.weights[j]!));
    }
    let sq = 0;
    for (const x of sum.values()) sq += x * x;
    // Vectors are normalised: |sum − v|² = |sum|² − 2 v·sum + 1, and v·(sum − v) = v·sum − 1.
    for (const k of members) {
      const v = vectors[k]!;
      let dot = 0;
      v.keys.forEach((t, j) => (dot += v.weights[j]! * sum.get(t)!));
      const rest = Math.sqrt(Math.max(1e-12, sq - 2 * dot + 1));
      out[k] = Math.max(0, (dot - 1) / rest);
    }
  }
  return out;
}

function prefix(family: string, reasons: Reason[]): Reason[] {
  return reasons.map((r) => ({ ...r, signal: `${family}.${r.signal}` }));
}
