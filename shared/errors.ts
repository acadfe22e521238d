/** Errors are codes, not prose: the UI and the CLI pick the words. */

/** Every error code the app raises, `area.reason`. */
export type ErrorCode =
  | 'fetch.timeout'
  | 'fetch.network'
  | 'fetch.too_large'
  | 'fetch.too_many_redirects'
  | 'fetch.invalid_url'
  | 'fetch.aborted'
  | `http.${number}`
  | 'parse.empty'
  | 'parse.invalid'
  | 'parse.not_a_feed'
  | 'parse.encoding'
  | 'parse.too_complex'
  | 'db.constraint'
  | 'db.not_found'
  | 'db.busy'
  | 'db.open'
  | 'input.invalid'
  | 'opml.invalid'
  | 'alert.smtp'
  | 'alert.webhook'
  | 'alert.matrix'
  | 'alert.rate_limited'
  | 'alert.config'
  | 'alert.secret_required'
  | 'brief.render'
  | 'geo.gazetteer'
  | 'auth.denied'
  | 'internal';

/** Application error with a stable code, context for the UI and an optional cause. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly context: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.context = context;
  }
}

/** Serialized form of an error crossing a process or network boundary. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  context?: Record<string, unknown>;
}

/** Turns anything thrown into a SerializedError (unknown errors become `internal`). */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof AppError) return { code: err.code, message: err.message, context: err.context };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}

/** Type guard for AppError with an optional code check. */
export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
