import type { ApiInputs } from '../../shared/contract/schemas.js';

/** An instant `days` from now, as the contract carries it. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** The request most tests send: a laptop, from whoever is set up, to `toDepartment`. */
export function laptopRequest(toDepartment = 'Engineering'): ApiInputs['createRequest'] {
  return { toDepartment, typeId: 'general', title: 'Laptop for Dana', details: 'Starts Monday', priority: 'P2', neededBy: inDays(3) };
}
