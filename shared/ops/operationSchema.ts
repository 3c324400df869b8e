// Over 300 lines on purpose: one hand-written check per operation type, side by side, so a field
// added to a type is checked where every other field of every type is.
import { departmentConfigSchema, departmentName, sectionSchemas } from '../config/schema.js';
import { CONFIG_SECTIONS } from '../config/department.js';
import { servicePageSchema } from '../config/servicePage.js';
import { templatesSchema } from '../config/template.js';
import { scheduleSchema } from '../config/schedule.js';
import { isDayText } from '../sla/calendar.js';
import { isChainFields } from './chainFields.js';
import { PRIORITIES } from '../core/priority.js';
import { STATUSES } from '../core/status.js';
import { isReservedName } from '../core/text.js';
import type { Operation } from './operations.js';
import { CONFIG_TARGET, OPERATION_TYPES, ROSTER_TARGET } from './operations.js';
import { LINK_KINDS } from '../core/links.js';

/**
 * Checks an operation read from the shared folder or the local log, which are hostile: anything
 * that does not match is never applied (docs/sync.md §Operations, §Mixed versions). Hand-written
 * rather than a schema because it runs a million times on a cold start and must not copy what it
 * checks. Limits are generous (the contract's are tighter) so that a newer minor version's longer
 * text still reads.
 *
 * The envelope (id, clock, actor, target, type) is checked strictly for every operation. An
 * operation of a type this build does not know is answered as it is, for the log to keep and the
 * fold to pass over. Of a known type, every field is checked for what it means; keys this build
 * does not know are removed from a creation, the one operation the queue keeps in memory.
 */
const DEVICE = '[\\w.-]{1,100}';
const ID = new RegExp(`^${DEVICE}:[1-9]\\d{0,15}$`);
const HLC = new RegExp(`^\\d{15}:\\d{6}:${DEVICE}$`);
const HLC_TIME = /^\d{15}:\d{6}:/;
/** A request id: a UUID as this build writes, or any short plain word a test or a newer build may use. */
const TARGET = /^[\w-]{1,100}$/;
/** A type a newer build may add: `<family>.<name>`, lower case. */
const TYPE = /^[a-z][a-z0-9]{0,30}(?:\.[a-z][a-zA-Z0-9]{0,30}){1,3}$/;

export const isOperationId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const DEVICE_ID = new RegExp(`^${DEVICE}$`);
/** A device id as operation ids and clocks may hold it. */
export const isDeviceId = (v: string): boolean => DEVICE_ID.test(v);
export const isHlc = (v: unknown): v is string => typeof v === 'string' && HLC.test(v);
const KNOWN_TYPES: ReadonlySet<string> = new Set(OPERATION_TYPES);
const PRIORITY_SET: ReadonlySet<string> = new Set(PRIORITIES);
const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);
const LINK_SET: ReadonlySet<string> = new Set(LINK_KINDS);
const SHA256 = /^[0-9a-f]{64}$/;
const SECTION_SET: ReadonlySet<string> = new Set(CONFIG_SECTIONS);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
/** A name used as a key (a department, a person): never one a plain object already answers to. */
const name = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200 && !isReservedName(v);

/** Instants are real dates from 1970 to before 2200: a date that matches the pattern but is not a date is refused. */
const EARLIEST_YEAR = 1970;
const LATEST_YEAR = 2200;
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?(Z|[+-](\d\d):(\d\d))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An ISO-8601 instant that names a real moment in a sane range (no 31 February, no hour 25), by
 * arithmetic on its digits: it runs for every creation of a first sync.
 */
export function isInstant(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 40) return false;
  const m = ISO.exec(v);
  if (!m) return false;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! + leap) return false;
  if (+m[4]! > 23 || +m[5]! > 59 || (m[6] !== undefined && +m[6] > 59)) return false;
  if (m[7] !== 'Z' && (+m[8]! > 18 || +m[9]! > 59)) return false;
  // Years, not instants: an offset moves a moment by hours, which no edge here cares about.
  return year >= EARLIEST_YEAR && year < LATEST_YEAR;
}

const CREATE_KEYS = ['type', 'title', 'details', 'priority', 'neededBy', 'fromDepartment', 'toDepartment', 'typeId', 'form', 'shortNotice', 'occurrence'];
/** The fields each known type has; any other key is dropped after the check. */
const FIELD_KEYS: Record<string, ReadonlySet<string>> = {
  'request.create': new Set(CREATE_KEYS),
  'request.status': new Set(['status', 'note', 'resumeAt', 'resumedByReply', 'reopened']),
  'request.priority': new Set(['priority']),
  'request.assign': new Set(['assignee']),
  'request.comment': new Set(['body', 'internal']),
  'request.watch': new Set(['watching']),
  'request.link': new Set(['kind', 'other', 'linked']),
  'request.attach': new Set(['name', 'size', 'sha256', 'mime']),
  'request.sealedNote': new Set(['key', 'box']),
  'request.sealedContent': new Set(['seals', 'box']),
  'request.sealedAttach': new Set(['sha256', 'size', 'seals', 'box']),
  'request.escalate': new Set(['reason']),
  'request.proposeDate': new Set(['neededBy', 'reason']),
  'request.acceptDate': new Set(['proposal']),
  'request.edit': new Set(['field', 'value']),
  'request.transfer': new Set(['toDepartment', 'typeId', 'type', 'note']),
  'request.rate': new Set(['again', 'comment']),
  'request.chain': new Set(['template', 'name', 'anchor', 'steps']),
  'config.seed': new Set(['departments']),
  'config.department': new Set(['department', 'section', 'value']),
  'config.confidential': new Set(['department', 'types']),
  'config.service': new Set(['department', 'page']),
  'config.templates': new Set(['department', 'templates']),
  'config.schedule': new Set(['department', 'schedule']),
  'roster.ask': new Set(['name', 'departments']),
  'roster.grant': new Set(['key', 'name', 'role', 'department']),
  'roster.revoke': new Set(['key', 'role', 'department', 'reason']),
  'roster.sealKey': new Set(['sealKey']),
  'roster.departmentKey': new Set(['department', 'keyId', 'sealed']),
  'roster.departmentLock': new Set(['department', 'keyId', 'lock']),
};
/** A public key as devices publish them (electron/sync/format/signature.ts). */
const KEY = /^[A-Za-z0-9_-]{43}$/;
const ROLE_SET: ReadonlySet<string> = new Set(['admin', 'lead', 'member']);
/** A department key's id: 16 random bytes (electron/sync/format/sealing.ts). */
const KEY_ID = /^[A-Za-z0-9_-]{22}$/;
/** A department key sealed to one seal key: ephemeral key, nonce, the key and its tag (92 bytes). */
const SEALED_KEY = /^[A-Za-z0-9_-]{123}$/;
/** A sealed note: nonce, text of at most 20,000 characters (80,000 bytes) and tag. */
const BOX = /^[A-Za-z0-9_-]{38,110000}$/;
/** A confidential request's text (title, details, form: at most about 120,000 bytes) with nonce and tag. */
const CONTENT_BOX = /^[A-Za-z0-9_-]{38,170000}$/;
/** A sealed file's name, type and size (a name of at most 500 characters). */
const FILE_BOX = /^[A-Za-z0-9_-]{38,3000}$/;
/** A request type's id, as the catalog allows it. */
const TYPE_ID = /^[A-Za-z][\w-]{0,39}$/;

/** A request's field the requester corrects, with the same limits as a creation's. */
const EDITED_FORM_FIELD = /^form\.[\w-]{1,100}$/;
function editedField(field: unknown, value: unknown): boolean {
  if (field === 'title') return str(value, 1000);
  if (field === 'details') return str(value, 100_000);
  return typeof field === 'string' && EDITED_FORM_FIELD.test(field) && !isReservedName(field.slice(5)) && str(value, 10_000);
}

/** A confidential request's key, sealed to its two departments: department → key id and sealed copy. */
function validContentSeals(v: unknown): boolean {
  if (!isObj(v)) return false;
  const entries = Object.entries(v);
  return (
    entries.length >= 1 &&
    entries.length <= 2 &&
    entries.every(
      ([department, s]) =>
        name(department) && isObj(s) && typeof s.key === 'string' && KEY_ID.test(s.key) && typeof s.sealed === 'string' && SEALED_KEY.test(s.sealed),
    )
  );
}

/** A department key is sealed to each member at once: at most this many in one operation. */
export const MAX_SEALS_PER_OPERATION = 500;

function validSeals(v: unknown): boolean {
  if (!isObj(v)) return false;
  let n = 0;
  for (const key in v) if (++n > MAX_SEALS_PER_OPERATION || !KEY.test(key) || typeof v[key] !== 'string' || !SEALED_KEY.test(v[key] as string)) return false;
  return n > 0;
}

/** Roster changes: a key, a role, and a department for every role but admin; keys for sealing, and a department's sealed key. */
function validRoster(type: string, f: Obj): boolean {
  if (type === 'roster.sealKey') return typeof f.sealKey === 'string' && KEY.test(f.sealKey);
  if (type === 'roster.departmentKey') return name(f.department) && typeof f.keyId === 'string' && KEY_ID.test(f.keyId) && validSeals(f.sealed);
  if (type === 'roster.departmentLock')
    return name(f.department) && typeof f.keyId === 'string' && KEY_ID.test(f.keyId) && typeof f.lock === 'string' && KEY.test(f.lock);
  if (type === 'roster.ask')
    return name(f.name) && Array.isArray(f.departments) && f.departments.length >= 1 && f.departments.length <= 20 && f.departments.every(name);
  const role = f.role as string;
  const all = type === 'roster.revoke' && role === 'all';
  return (
    typeof f.key === 'string' &&
    KEY.test(f.key) &&
    (ROLE_SET.has(role) || all) &&
    (role === 'admin' || all ? f.department === undefined : name(f.department)) &&
    (type === 'roster.grant' ? name(f.name) : optional(f.reason, (v) => str(v, 2_000)))
  );
}
const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['id', 'hlc', 'actor', 'type', 'target', 'fields']);
const ACTOR_KEYS: ReadonlySet<string> = new Set(['user', 'department']);

function form(v: unknown): boolean {
  if (!isObj(v)) return false;
  let n = 0;
  for (const key in v) {
    if (++n > 100 || isReservedName(key) || !str(v[key], 10_000)) return false;
  }
  return true;
}

/** A recurring request's schedule and date (the schedule's id as schedules allow it). */
function isOccurrence(v: unknown): boolean {
  if (!isObj(v) || Object.keys(v).length !== 2) return false;
  return typeof v.schedule === 'string' && TYPE_ID.test(v.schedule) && !isReservedName(v.schedule) && typeof v.date === 'string' && isDayText(v.date);
}

/** Configuration is rare and richly structured: checked with the same schemas as the admin screen's input. */
function validConfig(type: unknown, f: Obj): boolean {
  if (type === 'config.confidential')
    return (
      departmentName.safeParse(f.department).success &&
      Array.isArray(f.types) &&
      f.types.length <= 100 &&
      f.types.every((t) => typeof t === 'string' && TYPE_ID.test(t) && !isReservedName(t))
    );
  if (type === 'config.service') return departmentName.safeParse(f.department).success && servicePageSchema.safeParse(f.page).success;
  if (type === 'config.templates') return departmentName.safeParse(f.department).success && templatesSchema.safeParse(f.templates).success;
  if (type === 'config.schedule') return departmentName.safeParse(f.department).success && scheduleSchema.safeParse(f.schedule).success;
  if (type === 'config.seed') {
    if (!isObj(f.departments)) return false;
    const entries = Object.entries(f.departments);
    return (
      entries.length <= 200 && entries.every(([name, config]) => departmentName.safeParse(name).success && departmentConfigSchema.safeParse(config).success)
    );
  }
  return (
    departmentName.safeParse(f.department).success &&
    SECTION_SET.has(f.section as string) &&
    sectionSchemas[f.section as keyof typeof sectionSchemas].safeParse(f.value).success
  );
}

function validFields(type: string, target: string, f: Obj): boolean {
  switch (type) {
    case 'request.create':
      // A creation names a request: its id is a plain word (other operations only touch one).
      return (
        TARGET.test(target) &&
        str(f.type, 500) &&
        str(f.title, 1000) &&
        str(f.details, 100_000) &&
        PRIORITY_SET.has(f.priority as string) &&
        isInstant(f.neededBy) &&
        name(f.fromDepartment) &&
        name(f.toDepartment) &&
        optional(f.typeId, (v) => str(v, 200)) &&
        optional(f.form, form) &&
        optional(f.shortNotice, (v) => typeof v === 'boolean') &&
        optional(f.occurrence, isOccurrence)
      );
    case 'request.status':
      return (
        STATUS_SET.has(f.status as string) &&
        optional(f.note, (v) => str(v, 10_000)) &&
        optional(f.resumeAt, isInstant) &&
        optional(f.resumedByReply, (v) => v === true && f.status === 'in_progress') &&
        optional(f.reopened, (v) => v === true && f.status === 'in_progress')
      );
    case 'request.priority':
      return PRIORITY_SET.has(f.priority as string);
    case 'request.assign':
      return f.assignee === null || name(f.assignee);
    case 'request.comment':
      return str(f.body, 100_000) && optional(f.internal, (v) => typeof v === 'boolean');
    case 'request.watch':
      return typeof f.watching === 'boolean';
    case 'request.link':
      return LINK_SET.has(f.kind as string) && typeof f.other === 'string' && TARGET.test(f.other) && typeof f.linked === 'boolean';
    case 'request.attach':
      return (
        str(f.name, 500) && Number.isSafeInteger(f.size) && (f.size as number) >= 0 && typeof f.sha256 === 'string' && SHA256.test(f.sha256) && str(f.mime, 200)
      );
    case 'config.seed':
    case 'config.department':
    case 'config.confidential':
    case 'config.service':
    case 'config.templates':
    case 'config.schedule':
      return validConfig(type, f);
    case 'request.sealedNote':
      return typeof f.key === 'string' && KEY_ID.test(f.key) && typeof f.box === 'string' && BOX.test(f.box);
    case 'request.sealedContent':
      return validContentSeals(f.seals) && typeof f.box === 'string' && CONTENT_BOX.test(f.box);
    case 'request.escalate':
      return typeof f.reason === 'string' && f.reason.trim().length > 0 && f.reason.length <= 2_000;
    case 'request.proposeDate':
      return isInstant(f.neededBy) && typeof f.reason === 'string' && f.reason.trim().length > 0 && f.reason.length <= 2_000;
    case 'request.acceptDate':
      return isOperationId(f.proposal);
    case 'request.edit':
      return editedField(f.field, f.value);
    case 'request.chain':
      return isChainFields(f);
    case 'request.rate':
      return typeof f.again === 'boolean' && optional(f.comment, (v) => str(v, 2_000));
    case 'request.transfer':
      return name(f.toDepartment) && typeof f.typeId === 'string' && TYPE_ID.test(f.typeId) && str(f.type, 500) && optional(f.note, (v) => str(v, 10_000));
    case 'request.sealedAttach':
      return (
        typeof f.sha256 === 'string' &&
        SHA256.test(f.sha256) &&
        Number.isSafeInteger(f.size) &&
        (f.size as number) >= 0 &&
        validContentSeals(f.seals) &&
        typeof f.box === 'string' &&
        FILE_BOX.test(f.box)
      );
    case 'roster.ask':
    case 'roster.grant':
    case 'roster.revoke':
    case 'roster.sealKey':
    case 'roster.departmentKey':
    case 'roster.departmentLock':
      return validRoster(type, f);
    default:
      return false;
  }
}

/** Removes the keys of `o` that are not in `known` (a newer build's fields: the log keeps them, memory does not). */
function dropUnknown(o: Obj, known: ReadonlySet<string>): void {
  for (const key in o) if (!known.has(key)) delete o[key];
}

/** How deep a JSON value nests, counted without recursion and given up past `max`. */
function nestsWithin(v: unknown, max: number): boolean {
  let level: unknown[] = [v];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > max) return false;
    const next: unknown[] = [];
    for (const x of level) if (typeof x === 'object' && x !== null) for (const key in x) next.push((x as Obj)[key]);
    level = next;
  }
  return true;
}

/**
 * An operation's clock names the device its id names (every build's clock does): with the id's
 * check, that is the whole clock check, at half the cost of a second pattern for every operation.
 */
function sameDevice(id: string, hlc: string, device?: string): boolean {
  if (device !== undefined) return hlc.length === 23 + device.length && hlc.endsWith(device) && HLC_TIME.test(hlc);
  const at = id.lastIndexOf(':');
  return hlc.length === 23 + at && HLC_TIME.test(hlc) && hlc.startsWith(id.slice(0, at), 23);
}

/** What a segment's reader knows of each operation before reading it: its id, and its device (checked once by isDeviceId). */
export interface ExpectedOperation {
  id: string;
  device: string;
}

/** Whether an operation is of a type this build folds; others are a newer build's, kept in the log and passed over. */
export function isKnownOperation(op: { type: string }): op is Operation {
  return KNOWN_TYPES.has(op.type);
}

/**
 * The operation, checked, or null; `expected`, when the caller knows what the id must be (a
 * segment's reader does, and has checked the device once). A creation's unknown keys are removed in place. An operation
 * of an unknown type is answered when its envelope is sound and its fields nest at most 16 deep
 * (so writing it out again cannot exhaust the stack); `isKnownOperation` tells them apart.
 */
export function parseOperation(value: unknown, expected?: ExpectedOperation): Operation | null {
  if (!isObj(value) || !isObj(value.actor) || !isObj(value.fields)) return null;
  const { id, hlc, actor, target, type, fields } = value;
  const envelope =
    typeof id === 'string' &&
    // A segment's reader knows each id already (its device checked once, by isDeviceId).
    (expected === undefined ? ID.test(id) : id === expected.id) &&
    typeof hlc === 'string' &&
    sameDevice(id, hlc, expected?.device) &&
    name(actor.user) &&
    name(actor.department) &&
    typeof type === 'string' &&
    typeof target === 'string' &&
    target.length > 0 &&
    target.length <= 100;
  if (!envelope) return null;
  if (!KNOWN_TYPES.has(type)) return TYPE.test(type) && nestsWithin(fields, 16) ? (value as unknown as Operation) : null;
  const isConfig = type.startsWith('config.');
  const isRoster = type.startsWith('roster.');
  if (isConfig !== (target === CONFIG_TARGET) || isRoster !== (target === ROSTER_TARGET) || !validFields(type, target, fields)) return null;
  // A creation is what the queue keeps of a request, for as long as the app runs: it holds no key
  // a newer build added. Other operations are folded into registers and let go, so the cost of
  // looking at every key of a million of them on a join is not paid for nothing.
  if (type === 'request.create') {
    dropUnknown(value, ENVELOPE_KEYS);
    dropUnknown(actor, ACTOR_KEYS);
    dropUnknown(fields, FIELD_KEYS[type]!);
  }
  return value as unknown as Operation;
}
