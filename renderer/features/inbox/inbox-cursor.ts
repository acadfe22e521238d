/**
 * Lets the item screen walk the Priorité list with j/k (as mail readers do) without going back:
 * the inbox, which stays mounted, registers how to move its cursor and which item is now under it.
 */

type Stepper = (delta: number) => number | null;
let stepper: Stepper | null = null;

/** Called by the inbox: registers (or clears) its cursor stepper. */
export function registerInboxStepper(fn: Stepper | null): void {
  stepper = fn;
}

/** Moves the inbox cursor by delta; resolves to the item id now under it, or null (no list / at an end). */
export function stepInbox(delta: number): number | null {
  return stepper ? stepper(delta) : null;
}
