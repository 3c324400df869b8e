import type { Actor, Priority, Status } from './request.js';

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
  }
>;

export type SetStatusOp = OperationBase<'request.status', { status: Status; note?: string }>;

export type AddCommentOp = OperationBase<'request.comment', { body: string }>;

export type Operation = CreateRequestOp | SetStatusOp | AddCommentOp;
export type OperationType = Operation['type'];

export function operationId(deviceId: string, seq: number): string {
  return `${deviceId}:${seq}`;
}

export function parseOperationId(id: string): { deviceId: string; seq: number } {
  const at = id.lastIndexOf(':');
  const seq = Number(id.slice(at + 1));
  if (at <= 0 || !Number.isSafeInteger(seq) || seq < 1) throw new Error(`Not an operation id: ${JSON.stringify(id)}`);
  return { deviceId: id.slice(0, at), seq };
}
