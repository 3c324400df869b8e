import type { ApiOutputs } from '../../shared/contract/api.js';
import type { ApiMethod } from '../../shared/contract/methods.js';
import type { ApiInputs } from '../../shared/contract/schemas.js';

/** Anything that calls the API and unwraps: in-process services, a server process, a preview over HTTP. */
export interface ApiCaller {
  must<M extends ApiMethod>(method: M, input: ApiInputs[M]): Promise<ApiOutputs[M]>;
}

/**
 * The share's admin (its creator) answers every request to join as a lead would: each colleague
 * who asked becomes a lead of the departments they asked for (so they may also configure them),
 * and hears of it on their next sync.
 */
export async function admitAsked(admin: ApiCaller, ...colleagues: ApiCaller[]): Promise<void> {
  for (const c of colleagues) await c.must('syncNow', {});
  await admin.must('syncNow', {});
  for (const person of (await admin.must('getPeople', {})).people) {
    for (const department of person.asking) await admin.must('grantRole', { key: person.key, role: 'lead', department });
  }
  await admin.must('syncNow', {});
  for (const c of colleagues) await c.must('syncNow', {});
}
