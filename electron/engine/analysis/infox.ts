/**
 * Infox suspicion of one item (0–100) with reasons: imported source reliability, sensational
 * style, uncorroborated claims of an official document, similarity to a fact-checked item,
 * copy-paste campaign, missing source or link, and the analysts' learned judgement. The story
 * context (corroboration, debunks, campaigns) is computed by the caller and passed in.
 */
import type { Reason } from '../../../shared/types/domain';
import { SENSATIONAL_PATTERNS, OFFICIAL_CLAIM, DEBUNK_WORDS } from './lexicons/infox-style';
import { foldItem, unionPattern, type FoldedItem } from './lexicon-match';
import { predict, explain, type LogisticModel } from './learner';
import {
  lookupRating,
  domainModelOf,
  domainProbability,
  domainFeatures,
  resemblancePoints,
  hostOf,
  type ReliabilityList,
} from './reliability';
import { letterCounts, toScore } from './controversy';

/** What the item says about itself. */
export interface InfoxInput {
  title: string;
  text?: string | null;
  url?: string | null;
  sourceType?: string | null;
  /** The same title and text already folded (foldItem's raw and joined), when the caller has them: spares a second folding. */
  folded?: Pick<FoldedItem, 'raw' | 'joined'>;
}

/** What the item's story says about it. */
export interface InfoxContext {
  reliability?: ReliabilityList;
  /** A fact-check item in the same story (known debunk). */
  debunk?: { title: string; link: string | null } | null;
  /** The claim of an official document is corroborated by an official source or trusted press. */
  officialCorroborated?: boolean;
  /**
   * Deadline (ISO) of the corroboration delay when it is still running: an uncorroborated claim
   * then gets the lighter "pending" reason, upgraded by the sweep (corroboration.ts) at the deadline.
   * Absent: the delay is over (or unknown, as in `vigie score`) and the full reason applies.
   */
  claimPendingUntil?: string | null;
  /** Distinct social accounts that posted the same text within the campaign window. */
  campaignAccounts?: number;
  /** Model learned from analyst verdicts (absent until verdicts exist). */
  model?: LogisticModel | null;
}

const RATING_POINTS = { unreliable: 55, questionable: 30, satire: 35, reliable: -25 } as const;
/** Points of a claimed official document nobody trusted echoed within the delay. */
export const UNCORROBORATED_CLAIM_POINTS = 20;
/** Source types whose echo corroborates a claimed official document (ingest, `vigie score`, the sweep). */
export const TRUSTED_SOURCE_TYPES: ReadonlySet<string> = new Set(['official', 'press-national', 'tv', 'radio']);
/** Points while the delay runs: unverified yet, not yet suspicious by silence. */
export const PENDING_CLAIM_POINTS = 8;

const ACCENTED: Record<string, string> = {
  arrete: 'arrêté',
  prefectoral: 'préfectoral',
  ministeriel: 'ministériel',
  ministerielle: 'ministérielle',
  decret: 'décret',
  communique: 'communiqué',
};

/** Matches wherever a style, claim or denial pattern does: most items have none, and one scan settles them. */
const ANY_STYLE = unionPattern([...SENSATIONAL_PATTERNS.map(([re]) => re), OFFICIAL_CLAIM, DEBUNK_WORDS]);

/** The item's title and text lead folded (the caller's foldItem, or folded here): `joined` is what the patterns read. */
function foldedOf(input: InfoxInput): Pick<FoldedItem, 'raw' | 'joined'> {
  return input.folded ?? foldItem(input.title, input.text);
}

/** The official document an item claims ("arrêté préfectoral", "décret"…), or null. */
export function claimedDocument(input: InfoxInput): string | null {
  const m = OFFICIAL_CLAIM.exec(foldedOf(input).joined);
  return m
    ? m[0]
        .split(' ')
        .map((w) => ACCENTED[w] ?? w)
        .join(' ')
    : null;
}

/** Style features (shared by the score and the learned model). */
export function infoxFeatures(input: InfoxInput): Map<string, number> {
  const { raw, joined: folded } = foldedOf(input);
  const f = new Map<string, number>();
  const { letters, upper } = letterCounts(input.title);
  const caps = letters >= 10 ? upper / letters : 0;
  if (caps > 0.4) f.set('style:caps', caps);
  // Two words of four capitals need eight capitals: most titles are settled without the regex.
  const capsWords = upper >= 8 ? (input.title.match(/\b\p{Lu}{4,}\b/gu) ?? []).length : 0;
  if (capsWords >= 2) f.set('style:caps-words', Math.min(5, capsWords) / 5);
  if (/!{2,}/.test(raw)) f.set('style:exclamations', 1);
  else if (/!/.test(input.title)) f.set('style:exclamation', 1);
  if (ANY_STYLE.test(folded)) {
    for (const [re, label] of SENSATIONAL_PATTERNS) if (re.test(folded)) f.set('phrase:' + label, 1);
    if (OFFICIAL_CLAIM.test(folded)) f.set('claim:official-document', 1);
    // Denial vocabulary ("faux", "démenti", "rumeur"…): the item reports on the claim instead of carrying it.
    if (DEBUNK_WORDS.test(folded)) f.set('stance:refutes', 1);
  }
  if (!input.url) f.set('no-link', 1);
  if (input.sourceType === 'social') f.set('source:social', 1);
  return f;
}

/** Result of scoreInfox. */
export interface InfoxResult {
  score: number;
  reasons: Reason[];
}

/** Scores the infox suspicion of an item. */
export function scoreInfox(input: InfoxInput, ctx: InfoxContext = {}): InfoxResult {
  const reasons: Reason[] = [];
  const rated = ctx.reliability ? lookupRating(ctx.reliability, input.url) : null;
  if (rated)
    reasons.push({
      signal: 'source-reliability',
      weight: RATING_POINTS[rated.rating],
      evidence: `${rated.domain} : ${rated.rating}`,
    });
  else if (ctx.reliability && input.url) {
    // Unlisted domain: how much its name resembles the list's unreliable sites (learned).
    const model = domainModelOf(ctx.reliability);
    const host = hostOf(input.url);
    if (model && host) {
      const p = domainProbability(model, domainFeatures(host));
      const w = Math.round(resemblancePoints(model, p) * 10) / 10;
      if (Math.abs(w) >= 1)
        reasons.push({
          signal: 'domain-resemblance',
          weight: w,
          evidence: `${host} non listé ; ressemble à ${w > 0 ? 'des sites peu fiables' : 'des sites fiables'} de la liste (p=${p.toFixed(2)}, neutre ${model.neutral.toFixed(2)})`,
        });
    }
  }
  const f = infoxFeatures(input);
  if (f.has('style:caps') || f.has('style:caps-words'))
    reasons.push({ signal: 'sensational-style', weight: 10, evidence: 'titre en capitales' });
  if (f.has('style:exclamations'))
    reasons.push({ signal: 'sensational-style', weight: 8, evidence: 'points d’exclamation multiples' });
  for (const [, label, pts] of SENSATIONAL_PATTERNS)
    if (f.has('phrase:' + label)) reasons.push({ signal: 'sensational-style', weight: pts, evidence: label });
  // An item that denies the claim, or comes from an official or fact-check desk, relays the
  // debunk: flagging it as infox would bury the correction under the rumour it corrects.
  const relaysDenial = f.has('stance:refutes') || input.sourceType === 'official' || input.sourceType === 'factcheck';
  if (f.has('claim:official-document') && !ctx.officialCorroborated && !relaysDenial) {
    const doc = claimedDocument(input) ?? 'document officiel';
    if (ctx.claimPendingUntil)
      reasons.push({
        signal: 'official-claim-pending',
        weight: PENDING_CLAIM_POINTS,
        evidence: `« ${doc} » invoqué ; en attente d’une reprise par une source officielle ou la presse de confiance (jusqu’au ${ctx.claimPendingUntil.slice(0, 16).replace('T', ' ')} UTC)`,
      });
    else
      reasons.push({
        signal: 'uncorroborated-official-claim',
        weight: UNCORROBORATED_CLAIM_POINTS,
        evidence: `« ${doc} » invoqué, non repris par une source officielle ou la presse de confiance`,
      });
  }
  if (ctx.debunk && !relaysDenial)
    reasons.push({
      signal: 'already-debunked',
      weight: 35,
      evidence: `déjà démenti : ${ctx.debunk.title}${ctx.debunk.link ? ' — ' + ctx.debunk.link : ''}`,
    });
  else if (ctx.debunk)
    reasons.push({ signal: 'relays-debunk', weight: -15, evidence: `reprend le démenti : ${ctx.debunk.title}` });
  if ((ctx.campaignAccounts ?? 0) >= 3)
    reasons.push({
      signal: 'copy-paste-campaign',
      weight: Math.min(35, 10 + 5 * ctx.campaignAccounts!),
      evidence: `même texte publié par ${ctx.campaignAccounts} comptes en peu de temps`,
    });
  if (f.has('no-link') && input.sourceType !== 'official')
    reasons.push({ signal: 'no-source-link', weight: 6, evidence: 'aucun lien ni source' });
  if (ctx.model && ctx.model.seen > 0) {
    const p = predict(ctx.model, f);
    const w = Math.round((p - 0.5) * 40);
    const top = explain(ctx.model, f)
      .slice(0, 2)
      .map(([k, v]) => `${k} ${v >= 0 ? '+' : ''}${v.toFixed(2)}`)
      .join(', ');
    if (w !== 0)
      reasons.push({
        signal: 'analyst-verdicts',
        weight: w,
        evidence: `modèle appris sur ${ctx.model.seen} verdicts (p=${p.toFixed(2)}${top ? '; ' + top : ''})`,
      });
  }
  const points = reasons.reduce((a, r) => a + r.weight, 0);
  return { score: toScore(points, 35), reasons };
}
