/** The result envelope every contract method answers (DESIGN.md §2). */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'unauthorized',
  'not_set_up',
  'not_found',
  'forbidden',
  'invalid_transition',
  'storage_failed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** A sentence a person can act on: what happened and what to do next. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
