import { formatHlc } from '../../shared/ops/hlc.js';
import type { RequestOperation } from '../../shared/ops/operations.js';
import type { Actor } from '../../shared/core/actor.js';
import type { Status } from '../../shared/core/status.js';

const sales: Actor = { user: 'Sam', department: 'Sales' };
const eng: Actor = { user: 'Eve', department: 'Engineering' };

export const REQUEST_A = '00000000-0000-4000-8000-00000000000a';
export const REQUEST_B = '00000000-0000-4000-8000-00000000000b';

const hlc = (wall: number, device: string, counter = 0) => formatHlc({ wall, counter, device });

export function createOp(target: string, device: string, seq: number, wall: number, title = 'Laptop for Dana'): RequestOperation {
  return {
    id: `${device}:${seq}`,
    hlc: hlc(wall, device),
    actor: sales,
    type: 'request.create',
    target,
    fields: {
      type: 'Hardware',
      title,
      details: '',
      priority: 'P3',
      neededBy: '2026-12-01T16:00:00.000Z',
      fromDepartment: 'Sales',
      toDepartment: 'Engineering',
    },
  };
}

export function statusOp(target: string, device: string, seq: number, wall: number, status: Status): RequestOperation {
  return { id: `${device}:${seq}`, hlc: hlc(wall, device), actor: eng, type: 'request.status', target, fields: { status } };
}

export function commentOp(target: string, device: string, seq: number, wall: number, body: string): RequestOperation {
  return { id: `${device}:${seq}`, hlc: hlc(wall, device), actor: eng, type: 'request.comment', target, fields: { body } };
}

/** An internal note by Engineering (the provider): never a reply. */
export function noteOp(target: string, device: string, seq: number, wall: number, body: string): RequestOperation {
  return { id: `${device}:${seq}`, hlc: hlc(wall, device), actor: eng, type: 'request.comment', target, fields: { body, internal: true } };
}

export function watchOp(target: string, device: string, seq: number, wall: number, watching: boolean, actor: Actor = sales): RequestOperation {
  return { id: `${device}:${seq}`, hlc: hlc(wall, device), actor, type: 'request.watch', target, fields: { watching } };
}

export function linkOp(target: string, device: string, seq: number, wall: number, other: string, linked = true): RequestOperation {
  return { id: `${device}:${seq}`, hlc: hlc(wall, device), actor: sales, type: 'request.link', target, fields: { kind: 'parent', other, linked } };
}
