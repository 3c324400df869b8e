import { PRIORITIES, STATUSES } from './request.js';
import type { Operation } from './operations.js';

/**
 * Checks an operation read from the shared folder, which is hostile: anything that does not
 * match is never applied. Hand-written rather than a schema because it runs a million times on
 * a cold start and must not copy what it checks. Limits are generous (the contract's are
 * tighter) so that a newer minor version's longer text still reads; unknown extra keys are kept.
 */
const ID = /^[^:]+:[1-9]\d*$/;
const HLC = /^\d{15}:\d{6}:.+$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/;
const PRIORITY_SET: ReadonlySet<string> = new Set(PRIORITIES);
const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

function validFields(type: unknown, f: Obj): boolean {
  switch (type) {
    case 'request.create':
      return (
        str(f.type, 500) &&
        str(f.title, 1000) &&
        str(f.details, 100_000) &&
        PRIORITY_SET.has(f.priority as string) &&
        typeof f.neededBy === 'string' &&
        ISO.test(f.neededBy) &&
        str(f.fromDepartment, 200) &&
        str(f.toDepartment, 200)
      );
    case 'request.status':
      return STATUS_SET.has(f.status as string) && (f.note === undefined || str(f.note, 10_000));
    case 'request.comment':
      return str(f.body, 100_000);
    default:
      return false;
  }
}

export function parseOperation(value: unknown): Operation | null {
  if (!isObj(value) || !isObj(value.actor) || !isObj(value.fields)) return null;
  const { id, hlc, actor, target, type, fields } = value;
  const ok =
    typeof id === 'string' &&
    ID.test(id) &&
    typeof hlc === 'string' &&
    HLC.test(hlc) &&
    str(actor.user, 200) &&
    str(actor.department, 200) &&
    typeof target === 'string' &&
    target.length > 0 &&
    target.length <= 100 &&
    validFields(type, fields);
  return ok ? (value as unknown as Operation) : null;
}
