import type { ErrorCode } from '../../shared/contract/result.js';

/** Thrown by services for an expected refusal; the dispatcher turns it into an error envelope. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
