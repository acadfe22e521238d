/** Reading JSON stored in TEXT columns. */

/** Parses a JSON column, tolerating a null or damaged value (returns the fallback). */
export function parseJsonColumn<T>(s: string | null, fallback: T): T {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}
