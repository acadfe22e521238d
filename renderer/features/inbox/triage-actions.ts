/**
 * Triage and star through the API with one shared undo stack (the inbox and the item screen both
 * push to it, "u" undoes the newest). Triage undo uses the engine's undoId; star undo re-applies
 * the prior values.
 */
import { call } from '../../api';
import type { SerializedError } from '../../../shared/errors';
import type { TriageState } from '../../../shared/types/domain';
import {
  createUndoStack,
  groupPriorsByState,
  popChange,
  pushChange,
  type TriageChange,
  type TriagePrior,
  type UndoStack,
} from './triage-undo';

/** A change with what the engine needs to undo it. */
interface RecordedChange extends TriageChange {
  kind: 'triage' | 'star';
  undoId?: number;
}

let stack: UndoStack = createUndoStack();

/** Items this window changed recently (id → expiry, ms): their items:changed echo needs no re-query. */
const ownChanges = new Map<number, number>();
const OWN_ECHO_MS = 5000;
/** Remembers ids this window is about to change (their items:changed echo is then ignored). */
export function markOwn(ids: number[]): void {
  const until = Date.now() + OWN_ECHO_MS;
  for (const id of ids) ownChanges.set(id, until);
}
/** True when every id was changed by this window in the last few seconds (the event is our own echo). */
export function isOwnChange(ids: number[]): boolean {
  const now = Date.now();
  return ids.length > 0 && ids.every((id) => (ownChanges.get(id) ?? 0) > now);
}

/** Sets a triage state; records the priors for undo. Resolves to an error or null. */
export async function setTriage(
  ids: number[],
  state: TriageState,
  priors: TriagePrior[],
  label: string,
): Promise<SerializedError | null> {
  if (ids.length === 0) return null;
  markOwn(ids);
  const r = await call('items:setTriage', { ids, state });
  if (!r.ok) return r.error;
  stack = pushChange(stack, { label, priors, kind: 'triage', undoId: r.value.undoId } as RecordedChange);
  return null;
}

/** Stars or unstars; records the priors for undo. */
export async function setStarred(
  ids: number[],
  starred: boolean,
  priors: TriagePrior[],
  label: string,
): Promise<SerializedError | null> {
  if (ids.length === 0) return null;
  markOwn(ids);
  const r = await call('items:setStarred', { ids, starred });
  if (!r.ok) return r.error;
  stack = pushChange(stack, { label, priors, kind: 'star' } as RecordedChange);
  return null;
}

/** Undoes the newest change; resolves to the priors restored (to patch rows in memory) or null. */
export async function undoLast(): Promise<{ priors: TriagePrior[]; label: string } | null> {
  const popped = popChange(stack);
  if (!popped) return null;
  stack = popped.stack;
  const change = popped.change as RecordedChange;
  markOwn(change.priors.map((p) => p.id));
  if (change.kind === 'triage') {
    const r = await call('items:undoTriage', change.undoId ? { undoId: change.undoId } : {});
    if (!r.ok) {
      // Fall back to setting each prior state explicitly (e.g. the engine forgot the undo record).
      for (const [state, ids] of groupPriorsByState(change.priors)) await call('items:setTriage', { ids, state });
    }
  } else {
    const on = change.priors.filter((p) => p.starred).map((p) => p.id);
    const off = change.priors.filter((p) => !p.starred).map((p) => p.id);
    if (on.length) await call('items:setStarred', { ids: on, starred: true });
    if (off.length) await call('items:setStarred', { ids: off, starred: false });
  }
  return { priors: change.priors, label: change.label };
}

/** How many changes can be undone (for tests and the toolbar). */
export function undoDepth(): number {
  return stack.changes.length;
}

/** Clears the stack (tests). */
export function resetUndo(): void {
  stack = createUndoStack();
}
