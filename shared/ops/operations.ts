import type { LinkKind } from '../core/links.js';
import type { ChainFields } from './chainFields.js';
import type { ConfigSection, DepartmentConfig } from '../config/department.js';
import type { ServicePage } from '../config/servicePage.js';
import type { Template } from '../config/template.js';
import type { Schedule } from '../config/schedule.js';
import type { Actor } from '../core/actor.js';
import type { Priority } from '../core/priority.js';
import type { Status } from '../core/status.js';

/**
 * Every change to shared data is one of these named, typed operations (DESIGN.md §3).
 * `id` is `deviceId:seq`; `hlc` orders them; `target` is the request id.
 */
interface OperationBase<T extends string, F> {
  id: string;
  hlc: string;
  actor: Actor;
  type: T;
  target: string;
  fields: F;
}

export type CreateRequestOp = OperationBase<
  'request.create',
  {
    type: string;
    title: string;
    details: string;
    priority: Priority;
    neededBy: string;
    fromDepartment: string;
    toDepartment: string;
    /** The catalog type's id and the form's answers, when the request was made from the catalog. */
    typeId?: string;
    form?: Record<string, string>;
    /** Asked for sooner than the type's lead time allows (judged once, at intake). */
    shortNotice?: boolean;
    /** A recurring request's occurrence: its schedule (of `fromDepartment`) and the date it falls on (earlier builds drop it). */
    occurrence?: { schedule: string; date: string };
  }
>;

/**
 * `resumeAt` only with waiting_on_requester: the pause ends by itself then. `resumedByReply`: the
 * requesting department answered a request that waited on it, which resumes it (in_progress).
 * `reopened`: the requesting department reopens a done request (in_progress, with its reason in `note`).
 */
export type SetStatusOp = OperationBase<'request.status', { status: Status; note?: string; resumeAt?: string; resumedByReply?: true; reopened?: true }>;

export type SetPriorityOp = OperationBase<'request.priority', { priority: Priority }>;

/** Who in the providing department works on it; null takes the assignment away. */
export type AssignOp = OperationBase<'request.assign', { assignee: string | null }>;

/**
 * A reply, or with `internal` a note for the writer's own department: never a reply, never
 * shown to the other side, and it does not stop the first-response clock.
 */
export type AddCommentOp = OperationBase<'request.comment', { body: string; internal?: boolean }>;

/** The actor starts or stops watching the request (last writer wins per person). */
export type WatchOp = OperationBase<'request.watch', { watching: boolean }>;

export type LinkOp = OperationBase<'request.link', { kind: LinkKind; other: string; linked: boolean }>;

/** A file kept on the share under `blobs/<sha256>`; add-only, like comments. */
export type AttachOp = OperationBase<'request.attach', { name: string; size: number; sha256: string; mime: string }>;

/**
 * An internal note sealed with its department's key (docs/sync.md §Confidential notes): `box` is
 * the note's text encrypted with the key `key` names, bound to the request and the writer's
 * department, so only members holding that key read it, and it cannot be moved to another request.
 */
export type SealedNoteOp = OperationBase<'request.sealedNote', { key: string; box: string }>;

/**
 * What a request of a confidential type says (title, details, form answers), sealed
 * (docs/sync.md §Confidential requests): `box` is encrypted with a key of its own, bound to the
 * request; `seals` holds that key sealed to each of the two departments' locks, by department
 * (`key`: the department key whose lock it was sealed to). Its creation says only "Confidential
 * request". The latest from the requesting department counts.
 */
export type SealedContentOp = OperationBase<'request.sealedContent', { seals: Record<string, { key: string; sealed: string }>; box: string }>;

/**
 * A file on a confidential request, sealed (docs/sync.md §Confidential requests): the blob under
 * `sha256` (of `size` bytes) is the file encrypted with a key of its own, that key sealed to the
 * two departments' locks as a request's text is (`seals`); `box` holds its name, type and size.
 */
export type SealedAttachOp = OperationBase<
  'request.sealedAttach',
  { sha256: string; size: number; seals: Record<string, { key: string; sealed: string }>; box: string }
>;

/** The requesting department escalates a request that is at risk or late: the provider's leads hear at once. */
export type EscalateOp = OperationBase<'request.escalate', { reason: string }>;

/** Either department proposes a new needed-by date, saying why (docs/sync.md §Agreed dates). */
export type ProposeDateOp = OperationBase<'request.proposeDate', { neededBy: string; reason: string }>;

/**
 * The other department accepts a proposed date; `proposal` is its operation id, or the creation's
 * id: the provider accepts a short-notice request's date as asked.
 */
export type AcceptDateOp = OperationBase<'request.acceptDate', { proposal: string }>;

/**
 * The requesting department corrects what it asked (docs/sync.md §Corrections): `field` is
 * `title`, `details` or `form.<field id>` (an empty answer removes it); the latest per field counts.
 */
export type EditRequestOp = OperationBase<'request.edit', { field: string; value: string }>;

/**
 * The providing department hands the request over to another (docs/sync.md §Transfers): its
 * request type there (`typeId`, named `type`) and its service levels apply from then on.
 */
export type TransferOp = OperationBase<'request.transfer', { toDepartment: string; typeId: string; type: string; note?: string }>;

/**
 * Satisfaction per handoff: the requesting department answers "Would you choose <provider> again
 * for this?" once the request is done (yes or no, and a comment). The latest answer counts.
 */
export type RateOp = OperationBase<'request.rate', { again: boolean; comment?: string }>;

/**
 * A chain of requests launched from a template (issue 19), written on its parent request in the
 * same batch as the parent and every step: which template, the anchor date, and each step's
 * request with what it waits for.
 */
export type ChainOp = OperationBase<'request.chain', ChainFields>;

export type RequestOperation =
  | CreateRequestOp
  | ChainOp
  | RateOp
  | TransferOp
  | EditRequestOp
  | EscalateOp
  | ProposeDateOp
  | AcceptDateOp
  | SealedAttachOp
  | SetStatusOp
  | SetPriorityOp
  | AssignOp
  | AddCommentOp
  | WatchOp
  | LinkOp
  | AttachOp
  | SealedNoteOp
  | SealedContentOp;

/** Configuration operations all name this target; request targets are UUIDs. */
export const CONFIG_TARGET = 'config';

/**
 * The configuration every department starts with, written by a machine's first setup. The
 * earliest seed on the share wins and any explicit edit beats every seed (docs/sync.md).
 */
export type SeedConfigOp = OperationBase<'config.seed', { departments: Record<string, DepartmentConfig> }>;

export type SetDepartmentConfigOp = OperationBase<
  'config.department',
  { [S in ConfigSection]: { department: string; section: S; value: DepartmentConfig[S] } }[ConfigSection]
>;

/**
 * The request types of a department whose requests are confidential (docs/sync.md §Confidential
 * requests): its own operation, not a field of the catalog, so builds before it still read the
 * catalog. The latest per department counts.
 */
export type SetConfidentialTypesOp = OperationBase<'config.confidential', { department: string; types: string[] }>;

/**
 * A department's service page (docs/sync.md §Service pages): its own operation so builds before
 * it still read the rest of the configuration. The latest per department counts.
 */
export type SetServicePageOp = OperationBase<'config.service', { department: string; page: ServicePage }>;
/** A department's templates of work that crosses departments (issue 19), the whole list: the latest its leads wrote counts. */
export type SetTemplatesOp = OperationBase<'config.templates', { department: string; templates: Template[] }>;

/** One of a department's recurring requests (issue 19), whole: the latest its leads wrote counts, per schedule. */
export type SetScheduleOp = OperationBase<'config.schedule', { department: string; schedule: Schedule }>;

export type ConfigOperation = SeedConfigOp | SetDepartmentConfigOp | SetConfidentialTypesOp | SetServicePageOp | SetTemplatesOp | SetScheduleOp;

/** Roster operations all name this target (docs/sync.md §Roster). */
export const ROSTER_TARGET = 'roster';

/** A role on the roster: admins keep the roster, leads run a department, members work in it. */
export type RosterRole = 'admin' | 'lead' | 'member';

/** A device's person asks to join departments; it is unverified until a lead admits it. */
export type RosterAskOp = OperationBase<'roster.ask', { name: string; departments: string[] }>;

/** A key (a person's device) given a role; `department` for leads and members. */
export type RosterGrantOp = OperationBase<'roster.grant', { key: string; name: string; role: RosterRole; department?: string }>;

/**
 * A role taken away (or a request to join refused); `all`: the key is removed from everything (a
 * lost laptop, someone who left), and nothing it signs afterwards counts.
 */
export type RosterRevokeOp = OperationBase<'roster.revoke', { key: string; role: RosterRole | 'all'; department?: string; reason?: string }>;

/** A device's key for receiving sealed secrets (X25519), published by the device itself. */
export type RosterSealKeyOp = OperationBase<'roster.sealKey', { sealKey: string }>;

/**
 * A department's key for its confidential notes, sealed to members' seal keys (by their person's
 * key); a new `keyId` is a new key (made when the department had none, or after a member left),
 * a known one adds seals for members who lacked it. Only a member of the department may write it.
 */
export type RosterDepartmentKeyOp = OperationBase<'roster.departmentKey', { department: string; keyId: string; sealed: Record<string, string> }>;

/**
 * A department key's lock: the public half of an X25519 key derived from it, so anyone can seal a
 * secret that only the department's members open (a confidential request to it). Only a member
 * of the department may publish it.
 */
export type RosterDepartmentLockOp = OperationBase<'roster.departmentLock', { department: string; keyId: string; lock: string }>;

export type RosterOperation = RosterAskOp | RosterGrantOp | RosterRevokeOp | RosterSealKeyOp | RosterDepartmentKeyOp | RosterDepartmentLockOp;

export type Operation = RequestOperation | ConfigOperation | RosterOperation;
export type OperationType = Operation['type'];

/**
 * Every type this build folds. A segment may hold others, written by a newer build: they are kept
 * in the log and passed over by the fold (docs/sync.md §Mixed versions), so `Operation` values
 * read from the log or the share are checked with `isKnownOperation` before they are folded.
 */
export const OPERATION_TYPES = [
  'request.create',
  'request.status',
  'request.priority',
  'request.assign',
  'request.comment',
  'request.watch',
  'request.link',
  'request.attach',
  'request.sealedNote',
  'request.sealedContent',
  'request.sealedAttach',
  'request.escalate',
  'request.proposeDate',
  'request.acceptDate',
  'request.edit',
  'request.transfer',
  'request.rate',
  'request.chain',
  'config.seed',
  'config.department',
  'config.confidential',
  'config.service',
  'config.templates',
  'config.schedule',
  'roster.ask',
  'roster.grant',
  'roster.revoke',
  'roster.sealKey',
  'roster.departmentKey',
  'roster.departmentLock',
] as const satisfies readonly OperationType[];

export function isConfigOperation(op: Operation): op is ConfigOperation {
  return op.target === CONFIG_TARGET;
}

export function isRosterOperation(op: Operation): op is RosterOperation {
  return op.target === ROSTER_TARGET;
}

/** An operation on a request (not configuration, not the roster). */
export function isRequestOperation(op: Operation): op is RequestOperation {
  return op.target !== CONFIG_TARGET && op.target !== ROSTER_TARGET;
}

export function operationId(deviceId: string, seq: number): string {
  return `${deviceId}:${seq}`;
}

export function parseOperationId(id: string): { deviceId: string; seq: number } {
  const at = id.lastIndexOf(':');
  const seq = Number(id.slice(at + 1));
  if (at <= 0 || !Number.isSafeInteger(seq) || seq < 1) throw new Error(`Not an operation id: ${JSON.stringify(id)}`);
  return { deviceId: id.slice(0, at), seq };
}

/** Structural equality of two JSON values (key order ignored): the same operation, not just the same id. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
