/**
 * Escaping of feed text for the chat formats webhooks post to. A feed title is hostile: in
 * Mattermost Markdown `@channel` pings everyone, `![x](https://tracker)` loads a remote image and
 * `[gouv.fr](https://evil)` disguises a link; in Slack mrkdwn `<!channel>` and `<https://evil|gouv.fr>`
 * do the same; Teams cards render Markdown links. Each escaper leaves the words readable and makes
 * only our own markup (bold subject, the article link) active.
 */

/** U+2060 WORD JOINER: invisible, but `@\u2060channel` is no mention in Mattermost or Slack. */
const WORD_JOINER = '\u2060';

/** Breaks @-mentions (`@channel`, `@here`, `@all`, `@user`) without changing what one reads. */
function defuseMentions(text: string): string {
  return text.replace(/@(?=[\w.-])/g, `@${WORD_JOINER}`);
}

/**
 * Mattermost (CommonMark-based): the punctuation that opens emphasis, code, a link or image text,
 * raw HTML, a table or a heading is backslash-escaped; `(` and `!` are inert once `[` is.
 */
export function mattermostText(text: string): string {
  return defuseMentions(text.replace(/([\\`*_[\]<>~|#])/g, '\\$1'));
}

/** Slack mrkdwn: `&`, `<`, `>` as entities (Slack's own rule; no `<…>` link, mention or command survives). */
export function slackText(text: string): string {
  return defuseMentions(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Teams Adaptive Card TextBlock: Markdown links and emphasis broken with an invisible joiner. */
export function teamsText(text: string): string {
  return text.replace(/([\][*_])/g, `$1${WORD_JOINER}`);
}

/** A safe http(s) URL made fit for a Markdown or mrkdwn link destination (no `(`, `)`, `|`, `>` left). */
export function chatLinkUrl(url: string): string {
  return url.replace(/[()|<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
