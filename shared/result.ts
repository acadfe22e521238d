/** The `{ok, value} | {ok, error}` envelope used on every boundary. */
import type { SerializedError } from './errors';

/** Success or a serialized error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** Wraps a value in a success envelope. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** Wraps an error in a failure envelope. */
export const fail = <T = never>(error: SerializedError): Result<T> => ({ ok: false, error });
