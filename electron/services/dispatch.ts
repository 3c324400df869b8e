import type { ApiOutputs } from '../../shared/contract/api.js';
import type { ApiMethod } from '../../shared/contract/methods.js';
import { isApiMethod } from '../../shared/contract/methods.js';
import type { Result } from '../../shared/contract/result.js';
import { fail, ok } from '../../shared/contract/result.js';
import type { ApiParsedInputs } from '../../shared/contract/schemas.js';
import { apiInputSchemas, describeInvalidInput } from '../../shared/contract/schemas.js';
import { AppFailure } from './failure.js';

/** One handler per contract method, given the payload its schema has already checked. */
export type Handlers = {
  [M in ApiMethod]: (input: ApiParsedInputs[M]) => ApiOutputs[M] | Promise<ApiOutputs[M]>;
};

export type Dispatch = (method: string, payload: unknown) => Promise<Result<unknown>>;

/**
 * The one door into the services, shared by both transports: it validates the payload with the
 * method's schema before any handler runs, and always answers an envelope, never a throw.
 */
export function createDispatcher(handlers: Handlers, log: Pick<Console, 'error'> = console): Dispatch {
  return async (method, payload) => {
    if (!isApiMethod(method)) return fail('unknown_method', `Interdesk has no operation called "${method}". The app may be out of date; restart it.`);
    const parsed = apiInputSchemas[method].safeParse(payload ?? {});
    if (!parsed.success) return fail('invalid_input', describeInvalidInput(parsed.error));
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (err) {
      if (err instanceof AppFailure) return fail(err.code, err.message);
      log.error(`Interdesk: ${method} failed`, err);
      const storage = (err as NodeJS.ErrnoException).code;
      if (storage && /^E[A-Z]+$/.test(storage)) {
        return fail(
          'storage_failed',
          `Interdesk could not write to its data folder (${storage}). Nothing was saved; check free disk space and permissions, then try again.`,
        );
      }
      return fail('internal', `Something went wrong in ${method}: ${(err as Error).message}. Try again; if it repeats, restart Interdesk and report it.`);
    }
  };
}
