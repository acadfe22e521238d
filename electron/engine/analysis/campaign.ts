/**
 * Copy-paste campaign detection (in the spirit of VIGINUM's D3lta): the same text, once
 * normalised (case, accents, links, mentions, punctuation), posted by several distinct social
 * accounts within a short window.
 */
import { foldedTokens } from './lexicon-match';

/** Normalised fingerprint of a post: folded words without links, mentions and hashtag marks. */
export function campaignFingerprint(title: string, text?: string | null): string {
  const raw = `${title} ${text ?? ''}`.replace(/https?:\/\/\S+/g, ' ').replace(/@\w+/g, ' ');
  return foldedTokens(raw)
    .filter((t) => t !== 'url' && t !== 'user' && t !== 'rt')
    .join(' ');
}

/** A post for campaign detection. */
export interface CampaignPost {
  fingerprint: string;
  account: string;
  time: number | null;
}

/** Number of distinct accounts that posted each post's fingerprint within `windowMs` of it. */
export function campaignAccounts(posts: readonly CampaignPost[], windowMs = 6 * 3_600_000): number[] {
  const groups = new Map<string, number[]>();
  posts.forEach((p, i) => {
    if (p.fingerprint.split(' ').length >= 5)
      (groups.get(p.fingerprint) ?? groups.set(p.fingerprint, []).get(p.fingerprint)!).push(i);
  });
  const out = new Array<number>(posts.length).fill(1);
  for (const idx of groups.values()) {
    if (idx.length < 2) continue;
    for (const i of idx) {
      const accounts = new Set<string>();
      const ti = posts[i]!.time;
      for (const j of idx) {
        const tj = posts[j]!.time;
        if (ti == null || tj == null || Math.abs(ti - tj) <= windowMs) accounts.add(posts[j]!.account);
      }
      out[i] = accounts.size;
    }
  }
  return out;
}
