import { departmentConfigSchema, departmentName, sectionSchemas } from '../config/schema.js';
import { CONFIG_SECTIONS } from '../config/department.js';
import { PRIORITIES } from '../core/priority.js';
import { STATUSES } from '../core/status.js';
import type { Operation } from './operations.js';
import { CONFIG_TARGET } from './operations.js';
import { LINK_KINDS } from '../core/links.js';

/**
 * Checks an operation read from the shared folder, which is hostile: anything that does not
 * match is never applied. Hand-written rather than a schema because it runs a million times on
 * a cold start and must not copy what it checks. Limits are generous (the contract's are
 * tighter) so that a newer minor version's longer text still reads; unknown extra keys are kept.
 */
const ID = /^[^:]+:[1-9]\d*$/;
const HLC = /^\d{15}:\d{6}:.+$/;

export const isOperationId = (v: unknown): v is string => typeof v === 'string' && v.length <= 300 && ID.test(v);
export const isHlc = (v: unknown): v is string => typeof v === 'string' && v.length <= 300 && HLC.test(v);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/;
const PRIORITY_SET: ReadonlySet<string> = new Set(PRIORITIES);
const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const iso = (v: unknown) => typeof v === 'string' && ISO.test(v);
const form = (v: unknown) => isObj(v) && Object.keys(v).length <= 100 && Object.values(v).every((x) => str(x, 10_000));
const LINK_SET: ReadonlySet<string> = new Set(LINK_KINDS);
const SHA256 = /^[0-9a-f]{64}$/;
const SECTION_SET: ReadonlySet<string> = new Set(CONFIG_SECTIONS);

/** Configuration is rare and richly structured: checked with the same schemas as the admin screen's input. */
function validConfig(type: unknown, f: Obj): boolean {
  if (type === 'config.seed') {
    return (
      isObj(f.departments) &&
      Object.entries(f.departments).every(([name, config]) => departmentName.safeParse(name).success && departmentConfigSchema.safeParse(config).success)
    );
  }
  return (
    departmentName.safeParse(f.department).success &&
    SECTION_SET.has(f.section as string) &&
    sectionSchemas[f.section as keyof typeof sectionSchemas].safeParse(f.value).success
  );
}

function validFields(type: unknown, f: Obj): boolean {
  switch (type) {
    case 'request.create':
      return (
        str(f.type, 500) &&
        str(f.title, 1000) &&
        str(f.details, 100_000) &&
        PRIORITY_SET.has(f.priority as string) &&
        iso(f.neededBy) &&
        str(f.fromDepartment, 200) &&
        str(f.toDepartment, 200) &&
        optional(f.typeId, (v) => str(v, 200)) &&
        optional(f.form, form) &&
        optional(f.shortNotice, (v) => typeof v === 'boolean')
      );
    case 'request.status':
      return STATUS_SET.has(f.status as string) && optional(f.note, (v) => str(v, 10_000)) && optional(f.resumeAt, iso);
    case 'request.priority':
      return PRIORITY_SET.has(f.priority as string);
    case 'request.assign':
      return f.assignee === null || str(f.assignee, 200);
    case 'request.comment':
      return str(f.body, 100_000) && optional(f.internal, (v) => typeof v === 'boolean');
    case 'request.watch':
      return typeof f.watching === 'boolean';
    case 'request.link':
      return LINK_SET.has(f.kind as string) && typeof f.other === 'string' && f.other.length > 0 && f.other.length <= 100 && typeof f.linked === 'boolean';
    case 'request.attach':
      return (
        str(f.name, 500) && Number.isSafeInteger(f.size) && (f.size as number) >= 0 && typeof f.sha256 === 'string' && SHA256.test(f.sha256) && str(f.mime, 200)
      );
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
    (target === CONFIG_TARGET ? (type === 'config.seed' || type === 'config.department') && validConfig(type, fields) : validFields(type, fields));
  return ok ? (value as unknown as Operation) : null;
}
