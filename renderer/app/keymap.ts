/**
 * The keyboard map: which key does what, pure so it can be tested and listed in the help overlay.
 * Single keys as in mail/feed readers (j/k like Gmail, Miniflux): j/k move, o opens, s stars,
 * e escalates, a archives, / focuses search, ? shows help; u undoes; x selects for bulk actions.
 */

/** Commands the app understands. */
export type KeyCommand =
  | 'next'
  | 'prev'
  | 'open'
  | 'star'
  | 'escalate'
  | 'archive'
  | 'follow'
  | 'seen'
  | 'search'
  | 'help'
  | 'undo'
  | 'select'
  | 'push'
  | 'back'
  | 'go-inbox'
  | 'go-stories'
  | 'go-sources'
  | 'go-dashboard'
  | 'go-alerts'
  | 'go-briefs'
  | 'go-settings';

/** One binding: the key as KeyboardEvent.key, the command, and the i18n key describing it. */
export interface KeyBinding {
  key: string;
  command: KeyCommand;
  label: string;
}

/** Every binding, in help-overlay order. The "g then x" pairs navigate between screens. */
export const KEY_BINDINGS: KeyBinding[] = [
  { key: 'j', command: 'next', label: 'keys.next' },
  { key: 'k', command: 'prev', label: 'keys.prev' },
  { key: 'o', command: 'open', label: 'keys.open' },
  { key: 'Enter', command: 'open', label: 'keys.open' },
  { key: 's', command: 'star', label: 'keys.star' },
  { key: 'e', command: 'escalate', label: 'keys.escalate' },
  { key: 'a', command: 'archive', label: 'keys.archive' },
  { key: 'f', command: 'follow', label: 'keys.follow' },
  { key: 'v', command: 'seen', label: 'keys.seen' },
  { key: 'x', command: 'select', label: 'keys.select' },
  { key: 'u', command: 'undo', label: 'keys.undo' },
  { key: 'p', command: 'push', label: 'keys.push' },
  { key: '/', command: 'search', label: 'keys.search' },
  { key: '?', command: 'help', label: 'keys.help' },
  { key: 'Escape', command: 'back', label: 'keys.back' },
  { key: 'g i', command: 'go-inbox', label: 'keys.goInbox' },
  { key: 'g r', command: 'go-stories', label: 'keys.goStories' },
  { key: 'g f', command: 'go-sources', label: 'keys.goSources' },
  { key: 'g d', command: 'go-dashboard', label: 'keys.goDashboard' },
  { key: 'g l', command: 'go-alerts', label: 'keys.goAlerts' },
  { key: 'g b', command: 'go-briefs', label: 'keys.goBriefs' },
  { key: 'g p', command: 'go-settings', label: 'keys.goSettings' },
];

/** The parts of a KeyboardEvent the map reads (so tests can pass plain objects). */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The focused element's tag and editability, to leave typing alone. */
  target?: { tagName?: string; isContentEditable?: boolean } | null;
}

/** True when the key is being typed into a field (then only Escape is ours). */
export function isTypingTarget(target: KeyInput['target']): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? '').toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}

/** State kept between keys: the pending prefix of a two-key sequence ("g"). */
export interface KeyState {
  pending: string | null;
}

/**
 * Resolves one key press to a command (or null) and the next state. Modified keys (Ctrl/Meta/Alt)
 * belong to the browser and the OS; keys typed in fields belong to the field, except Escape.
 */
export function resolveKey(input: KeyInput, state: KeyState): { command: KeyCommand | null; state: KeyState } {
  if (input.ctrlKey || input.metaKey || input.altKey) return { command: null, state: { pending: null } };
  if (isTypingTarget(input.target)) {
    return { command: input.key === 'Escape' ? 'back' : null, state: { pending: null } };
  }
  if (state.pending) {
    const seq = `${state.pending} ${input.key}`;
    const hit = KEY_BINDINGS.find((b) => b.key === seq);
    return { command: hit ? hit.command : null, state: { pending: null } };
  }
  if (KEY_BINDINGS.some((b) => b.key.startsWith(`${input.key} `)))
    return { command: null, state: { pending: input.key } };
  const hit = KEY_BINDINGS.find((b) => b.key === input.key);
  return { command: hit ? hit.command : null, state: { pending: null } };
}

/** Moves a cursor within [0, count), clamped; -1 (nothing selected) moves to the first row. */
export function moveCursor(cursor: number, delta: number, count: number): number {
  if (count <= 0) return -1;
  if (cursor < 0) return delta > 0 ? 0 : 0;
  return Math.max(0, Math.min(count - 1, cursor + delta));
}
