import { z } from 'zod';
import { PRIORITIES, STATUSES } from './request.js';
import type { Operation } from './operations.js';

/**
 * The shape of an operation read from the shared folder, which is hostile: anything that does
 * not match is never applied. Limits are generous (the contract's own are tighter) so that a
 * newer minor version's longer text still reads.
 */
const str = (max: number) => z.string().max(max);
const actor = z.object({ user: str(200), department: str(200) });
const base = {
  id: z.string().regex(/^[^:]+:[1-9]\d*$/),
  hlc: z.string().regex(/^\d{15}:\d{6}:.+$/),
  actor,
  target: z.string().min(1).max(100),
};

export const operationSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('request.create'),
    fields: z.object({
      type: str(500),
      title: str(1000),
      details: str(100_000),
      priority: z.enum(PRIORITIES),
      neededBy: z.iso.datetime({ offset: true }),
      fromDepartment: str(200),
      toDepartment: str(200),
    }),
  }),
  z.object({ ...base, type: z.literal('request.status'), fields: z.object({ status: z.enum(STATUSES), note: str(10_000).optional() }) }),
  z.object({ ...base, type: z.literal('request.comment'), fields: z.object({ body: str(100_000) }) }),
]);

export function parseOperation(value: unknown): Operation | null {
  const r = operationSchema.safeParse(value);
  return r.success ? (r.data as Operation) : null;
}
