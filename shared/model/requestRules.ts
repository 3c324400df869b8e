import type { CreateRequestOp, Operation, RequestOperation, TransferOp } from '../ops/operations.js';
import { parseOperationId } from '../ops/operations.js';

/**
 * Who may make each change to a request: rules the fold applies (docs/sync.md §Rules), so what
 * the share says happened is what the rules allow, whoever wrote the file. An operation that
 * breaks one is kept in the log and passed over by the fold.
 *
 * - provider: the providing department's work (status but cancel, priority, assignment, handing over);
 *   the providing department is the one that provided at the change's clock (transfers.ts);
 * - requester: the requesting department's (cancelling; reopening what is done; saying whether it would choose the provider again; escalating; correcting what it asked; resuming by its reply what waited on it; a confidential request's sealed text);
 * - party: either of the two (replies, links, attachments, proposing and accepting dates: that an
 *   acceptance comes from the department that did not propose is judged where dates are agreed);
 * - anyone: watching.
 */
export type Need = 'provider' | 'requester' | 'party' | 'anyone';

/** Which department must have made `op`, given the request it changes. Creations are judged apart (`creationRefusal`). */
export function needOf(op: Exclude<RequestOperation, CreateRequestOp>): Need {
  switch (op.type) {
    case 'request.status':
      // The requester cancels, and resumes what waited on it by answering; the rest is the provider's work.
      return op.fields.status === 'cancelled' || op.fields.resumedByReply === true || op.fields.reopened === true ? 'requester' : 'provider';
    case 'request.priority':
    case 'request.assign':
    case 'request.transfer':
      return 'provider';
    case 'request.comment':
    case 'request.sealedNote':
      return 'party';
    case 'request.link':
    case 'request.attach':
    case 'request.proposeDate':
    case 'request.acceptDate':
    case 'request.sealedAttach':
      return 'party';
    case 'request.sealedContent':
    case 'request.escalate':
    case 'request.edit':
    case 'request.rate':
    case 'request.chain':
      return 'requester';
    case 'request.watch':
      return 'anyone';
  }
}

/** Why `department` may not make a change that needs `need` on a request from `from` to `to`, or null when it may. */
export function sideRefusal(need: Need, department: string, from: string, to: string): string | null {
  if (need === 'anyone') return null;
  if (need === 'provider') return department === to ? null : `only ${to}, the providing department, may make this change`;
  if (need === 'requester') return department === from ? null : `only ${from}, the requesting department, may make this change`;
  return department === from || department === to ? null : `only ${from} and ${to} take part in this request`;
}

/**
 * A confidential request's sealed text written by the computer that sent it: it is part of the
 * sending, so it counts as its creation does, from a member or not (an unverified newcomer's
 * request is readable too). Anyone else's needs a member of the requesting department.
 */
export function sealedByItsSender(op: Operation, create: CreateRequestOp): boolean {
  return op.type === 'request.sealedContent' && parseOperationId(op.id).deviceId === parseOperationId(create.id).deviceId;
}

/** Why the fold passes over `op` on the request `create` made, `provider` providing it at the op's clock; null when it is folded. */
export function requestRefusal(op: Exclude<RequestOperation, CreateRequestOp>, create: CreateRequestOp, provider = create.fields.toDepartment): string | null {
  return sideRefusal(needOf(op), op.actor.department, create.fields.fromDepartment, provider);
}

/** Why a hand-over makes no sense whoever made it: to the department that has the request, or to the one that asked. */
export function transferRefusal(op: TransferOp, create: CreateRequestOp, provider: string): string | null {
  if (op.fields.toDepartment === provider) return `it hands the request to ${provider}, which already has it`;
  if (op.fields.toDepartment === create.fields.fromDepartment) return `it hands the request to ${create.fields.fromDepartment}, which asked for it`;
  return null;
}

/** A request is asked for by the department that sends it: a creation in another's name is passed over. */
export function creationRefusal(op: CreateRequestOp): string | null {
  return op.actor.department === op.fields.fromDepartment ? null : `it asks in the name of ${op.fields.fromDepartment}, not of ${op.actor.department}`;
}

/** Why a change from a device that was not a member of the department it acts for is passed over. */
export const notMember = (op: Operation): string => `its device was not a member of ${op.actor.department} when it was made`;

/** A change the fold passed over, for admins ("Refused changes"): who, when, what and why. */
export interface Refusal {
  id: string;
  hlc: string;
  actor: Operation['actor'];
  type: string;
  target: string;
  why: string;
}

export const refusalOf = (op: Operation, why: string): Refusal => ({ id: op.id, hlc: op.hlc, actor: op.actor, type: op.type, target: op.target, why });
