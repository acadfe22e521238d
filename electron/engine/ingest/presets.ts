/**
 * Source presets (pure): turn what an analyst knows — a Mastodon handle, a hashtag, a Bluesky
 * handle, a YouTube channel id, a subreddit, a Google News query — into the platform's public
 * feed URL, so social sources need no API key.
 */
import { AppError } from '../../../shared/errors';
import type { NewSource } from '../../../shared/types/domain';

/** Preset kinds accepted by `vigie sources add --preset`. */
export const PRESET_KINDS = ['mastodon', 'mastodon-tag', 'bluesky', 'youtube', 'reddit', 'googlenews'] as const;
/** One of PRESET_KINDS. */
export type PresetKind = (typeof PRESET_KINDS)[number];

/** Names the UI uses for a kind (`google-news`), mapped to the kind itself. */
const KIND_ALIASES: Record<string, PresetKind> = { 'google-news': 'googlenews' };

/** Instance used for a hashtag given without one. */
export const DEFAULT_MASTODON_INSTANCE = 'mastodon.social';

const invalid = (kind: string, value: string, hint: string) =>
  new AppError('input.invalid', `preset ${kind}: cannot read "${value}" (${hint})`, { kind, value });

function tryUrl(value: string): URL | null {
  if (!/^https?:\/\//i.test(value)) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** True when a Mastodon value names a hashtag (`#tag`, `#tag@instance`, `https://instance/tags/tag`), not an account. */
function isMastodonTag(value: string): boolean {
  const u = tryUrl(value);
  return u ? /^\/tags\//.test(u.pathname) : value.startsWith('#');
}

/** `@user@instance`, `user@instance` or `https://instance/@user` → feed of the account. */
function mastodon(value: string): NewSource {
  if (isMastodonTag(value)) return mastodonTag(value);
  const u = tryUrl(value);
  let user: string | undefined;
  let host: string | undefined;
  if (u) {
    host = u.host;
    user = /^\/@([^/]+)/.exec(u.pathname)?.[1];
  } else {
    const m = /^@?([^@\s/]+)@([^@\s/]+\.[^@\s/]+)$/.exec(value);
    user = m?.[1];
    host = m?.[2];
  }
  if (!user || !host || user.includes('#'))
    throw invalid('mastodon', value, 'expected @user@instance, https://instance/@user or #tag@instance');
  user = user.replace(/\.rss$/, '');
  return { name: `Mastodon @${user}@${host}`, url: `https://${host.toLowerCase()}/@${user}.rss`, type: 'social' };
}

/** `#tag@instance`, `tag@instance`, `#tag` (mastodon.social) or `https://instance/tags/tag` → hashtag feed. */
function mastodonTag(value: string): NewSource {
  const u = tryUrl(value);
  let tag: string | undefined;
  let host: string | undefined;
  if (u) {
    host = u.host;
    tag = /^\/tags\/([^/]+)/.exec(u.pathname)?.[1];
  } else {
    const m = /^#?([^@\s#/]+)(?:@([^@\s/]+\.[^@\s/]+))?$/.exec(value);
    tag = m?.[1];
    host = m?.[2] ?? DEFAULT_MASTODON_INSTANCE;
  }
  if (!tag || !host) throw invalid('mastodon-tag', value, 'expected #tag@instance or https://instance/tags/tag');
  tag = decodeURIComponent(tag.replace(/\.rss$/, ''));
  return {
    name: `Mastodon #${tag} (${host})`,
    url: `https://${host.toLowerCase()}/tags/${encodeURIComponent(tag)}.rss`,
    type: 'social',
  };
}

/** `@handle`, `handle` or `https://bsky.app/profile/handle` → Bluesky's profile RSS. */
function bluesky(value: string): NewSource {
  const u = tryUrl(value);
  const handle = u ? /^\/profile\/([^/]+)/.exec(u.pathname)?.[1] : value.replace(/^@/, '');
  if (!handle || !/^[A-Za-z0-9.:-]+$/.test(handle) || !(handle.includes('.') || handle.startsWith('did:'))) {
    throw invalid('bluesky', value, 'expected a handle such as @name.bsky.social');
  }
  return { name: `Bluesky @${handle}`, url: `https://bsky.app/profile/${handle}/rss`, type: 'social' };
}

/** `UC…` channel id or a /channel/UC… URL → YouTube's channel feed. */
function youtube(value: string): NewSource {
  const u = tryUrl(value);
  const id = u ? (/^\/channel\/(UC[\w-]{22})/.exec(u.pathname)?.[1] ?? u.searchParams.get('channel_id')) : value;
  // @handles and /c/ names need a page fetch to resolve; a preset stays offline and exact.
  if (!id || !/^UC[\w-]{22}$/.test(id))
    throw invalid('youtube', value, 'expected a channel id UC… (24 characters) or a /channel/UC… URL');
  return { name: `YouTube ${id}`, url: `https://www.youtube.com/feeds/videos.xml?channel_id=${id}`, type: 'social' };
}

/** `name`, `r/name` or a reddit URL → the subreddit's RSS. */
function reddit(value: string): NewSource {
  const u = tryUrl(value);
  const name = u ? /^\/r\/([^/]+)/.exec(u.pathname)?.[1] : value.replace(/^\/?r\//, '');
  if (!name || !/^\w{2,21}$/.test(name)) throw invalid('reddit', value, 'expected a subreddit name such as r/france');
  return { name: `Reddit r/${name}`, url: `https://www.reddit.com/r/${name}/.rss`, type: 'social' };
}

/** A search query → Google News RSS in French for France. */
function googleNews(value: string): NewSource {
  const q = value.trim();
  if (!q) throw invalid('googlenews', value, 'expected a search query');
  return {
    name: `Google News : ${q}`,
    url: `https://news.google.com/rss/search?q=${encodeURIComponent(q)}&hl=fr&gl=FR&ceid=FR:fr`,
    type: 'web',
    language: 'fr',
  };
}

/**
 * Builds the NewSource (name, feed URL, type) of a preset; throws `input.invalid` on bad input.
 * The one builder for the CLI, the API and the UI: `mastodon` given a hashtag builds the tag feed,
 * `google-news` is `googlenews`.
 */
export function buildPresetSource(kind: string, value: string): NewSource {
  const v = value.trim();
  switch (KIND_ALIASES[kind] ?? kind) {
    case 'mastodon':
      return mastodon(v);
    case 'mastodon-tag':
      return mastodonTag(v);
    case 'bluesky':
      return bluesky(v);
    case 'youtube':
      return youtube(v);
    case 'reddit':
      return reddit(v);
    case 'googlenews':
      return googleNews(v);
    default:
      throw new AppError('input.invalid', `unknown preset "${kind}" (expected one of ${PRESET_KINDS.join(', ')})`, {
        kind,
      });
  }
}
