/**
 * Undo for triage: every triage change (single or bulk) records what each item was before, so
 * "u" (or the toast's Annuler button) restores exactly that. Pure and bounded.
 */
import type { TriageState } from '../../../shared/types/domain';

/** What one item was before a change. */
export interface TriagePrior {
  id: number;
  triage: TriageState;
  starred: boolean;
}

/** One undoable change: its label (for the toast) and the prior state of every item it touched. */
export interface TriageChange {
  label: string;
  priors: TriagePrior[];
}

/** A bounded stack of changes, newest last. */
export interface UndoStack {
  changes: TriageChange[];
  limit: number;
}

/** An empty stack keeping at most `limit` changes (default 50). */
export function createUndoStack(limit = 50): UndoStack {
  return { changes: [], limit };
}

/** Records a change; a change touching nothing is not recorded. Oldest entries fall off. */
export function pushChange(stack: UndoStack, change: TriageChange): UndoStack {
  if (change.priors.length === 0) return stack;
  const changes = [...stack.changes, change];
  return { ...stack, changes: changes.length > stack.limit ? changes.slice(changes.length - stack.limit) : changes };
}

/** Takes the newest change off the stack; returns null when there is nothing to undo. */
export function popChange(stack: UndoStack): { stack: UndoStack; change: TriageChange } | null {
  if (stack.changes.length === 0) return null;
  return { stack: { ...stack, changes: stack.changes.slice(0, -1) }, change: stack.changes[stack.changes.length - 1] };
}

/** Groups priors by the state to restore, so a bulk undo becomes one request per state. */
export function groupPriorsByState(priors: TriagePrior[]): Map<TriageState, number[]> {
  const groups = new Map<TriageState, number[]>();
  for (const p of priors) {
    const ids = groups.get(p.triage) ?? [];
    ids.push(p.id);
    groups.set(p.triage, ids);
  }
  return groups;
}

/** Applies a triage state to the rows in memory (optimistic update), returning new rows and the priors. */
export function applyTriage<T extends { id: number; triage: TriageState; starred: boolean }>(
  rows: T[],
  ids: ReadonlySet<number>,
  patch: { triage?: TriageState; starred?: boolean },
): { rows: T[]; priors: TriagePrior[] } {
  const priors: TriagePrior[] = [];
  const next = rows.map((r) => {
    if (!ids.has(r.id)) return r;
    priors.push({ id: r.id, triage: r.triage, starred: r.starred });
    return { ...r, ...patch };
  });
  return { rows: next, priors };
}

/** Restores priors onto rows (used when undoing, or when the back end refused a change). */
export function restorePriors<T extends { id: number; triage: TriageState; starred: boolean }>(
  rows: T[],
  priors: TriagePrior[],
): T[] {
  const byId = new Map(priors.map((p) => [p.id, p]));
  return rows.map((r) => {
    const p = byId.get(r.id);
    return p ? { ...r, triage: p.triage, starred: p.starred } : r;
  });
}
