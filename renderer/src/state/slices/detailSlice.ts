import type { ApiOutputs } from '../../../../shared/contract/api.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { LinkKind } from '../../../../shared/core/links.js';
import type { Priority } from '../../../../shared/core/priority.js';
import type { Status } from '../../../../shared/core/status.js';
import type { RequestDetail } from '../../../../shared/model/request.js';
import type { GetState, SetState, StoreDeps } from './kit.js';
import { applyToOpenRequest } from './kit.js';
import type { Loadable } from './listSlice.js';

/** The open request: its page, and every change made to it from there. */
export interface DetailSlice {
  selectedId: string | null;
  detail: RequestDetail | null;
  detailState: Loadable;
  detailError: string | null;
  openRequest(id: string): Promise<void>;
  closeRequest(): void;
  /** Brings a request to the front (from a toast, the tray or a native notification); null: the Incoming queue. */
  showRequest(id: string | null): Promise<void>;
  changeStatus(status: Status, options?: { note?: string; resumeAt?: string }): Promise<AppError | null>;
  escalateRequest(reason: string): Promise<AppError | null>;
  /** The provider hands the request over to another department, as one of its request types. */
  transferRequest(toDepartment: string, typeId: string, note: string): Promise<AppError | null>;
  /** The requester says whether it would choose the provider again for this (once it is done). */
  rateRequest(again: boolean, comment: string): Promise<AppError | null>;
  /** The requester reopens a done request, saying what is still wrong. */
  reopenRequest(reason: string): Promise<AppError | null>;
  /** The requester's corrections: only the fields given change. */
  editRequest(changes: { title?: string; details?: string; form?: Record<string, string> }): Promise<AppError | null>;
  /** Proposes a new needed-by date (an instant) with a reason; the other department accepts or counters. */
  proposeDate(neededBy: string, reason: string): Promise<AppError | null>;
  /** A chain's date moves: each open step's new date goes to its department as a proposal. */
  moveAnchor(anchor: string): Promise<AppError | null>;
  /** Accepts the pending proposal, or (the request's own id) a short-notice request's date as asked. */
  acceptDate(proposal: string): Promise<AppError | null>;
  changePriority(priority: Priority): Promise<AppError | null>;
  assignRequest(assignee: string | null): Promise<AppError | null>;
  addComment(body: string, internal?: boolean): Promise<AppError | null>;
  watchRequest(watching: boolean): Promise<AppError | null>;
  linkRequest(kind: LinkKind, other: string, linked: boolean): Promise<AppError | null>;
  addAttachment(file: { name: string; mime: string; data: string }): Promise<AppError | null>;
  /** The attachment's bytes (base64) to save or open, or the reason it cannot be had now. */
  getAttachment(attachment: string): Promise<ApiOutputs['getAttachment'] | AppError>;
}

export const createDetailSlice = (set: SetState, get: GetState, { client }: StoreDeps): DetailSlice => {
  /** The open request's id, and the call that changes it; nothing when no request is open. */
  const onOpen = (change: (id: string) => ReturnType<typeof client.getRequest>): Promise<AppError | null> => {
    const id = get().selectedId;
    return id ? applyToOpenRequest(set, get, change(id)) : Promise.resolve(null);
  };

  return {
    selectedId: null,
    detail: null,
    detailState: 'idle',
    detailError: null,
    async openRequest(id) {
      set({ selectedId: id, detailState: 'loading', detailError: null, detail: get().detail?.id === id ? get().detail : null });
      const r = await client.getRequest({ id });
      if (get().selectedId !== id) return;
      set(r.ok ? { detail: r.value, detailState: 'ready', detailError: null } : { detailState: 'error', detailError: r.error.message });
    },
    closeRequest() {
      set({ selectedId: null, detail: null, detailState: 'idle', detailError: null });
    },
    async showRequest(id) {
      if (!id) return get().setView('incoming');
      if (get().screen !== 'queue') set({ screen: 'queue' });
      await get().openRequest(id);
    },
    changeStatus(status, { note, resumeAt } = {}) {
      return onOpen((id) => client.changeStatus({ id, status, ...(note ? { note } : {}), ...(resumeAt ? { resumeAt } : {}) }));
    },
    escalateRequest(reason) {
      return onOpen((id) => client.escalateRequest({ id, reason }));
    },
    transferRequest(toDepartment, typeId, note) {
      return onOpen((id) => client.transferRequest({ id, toDepartment, typeId, ...(note ? { note } : {}) }));
    },
    rateRequest(again, comment) {
      return onOpen((id) => client.rateRequest({ id, again, ...(comment ? { comment } : {}) }));
    },
    reopenRequest(reason) {
      return onOpen((id) => client.reopenRequest({ id, reason }));
    },
    editRequest(changes) {
      return onOpen((id) => client.editRequest({ id, ...changes }));
    },
    moveAnchor(anchor) {
      return onOpen((id) => client.moveAnchor({ id, anchor }));
    },
    proposeDate(neededBy, reason) {
      return onOpen((id) => client.proposeDate({ id, neededBy, reason }));
    },
    acceptDate(proposal) {
      return onOpen((id) => client.acceptDate({ id, proposal }));
    },
    changePriority(priority) {
      return onOpen((id) => client.changePriority({ id, priority }));
    },
    assignRequest(assignee) {
      return onOpen((id) => client.assignRequest({ id, assignee }));
    },
    addComment(body, internal = false) {
      return onOpen((id) => client.addComment({ id, body, internal }));
    },
    watchRequest(watching) {
      return onOpen((id) => client.watchRequest({ id, watching }));
    },
    linkRequest(kind, other, linked) {
      return onOpen((id) => client.linkRequest({ id, kind, other, linked }));
    },
    addAttachment(file) {
      return onOpen((id) => client.addAttachment({ id, ...file }));
    },
    async getAttachment(attachment) {
      const id = get().selectedId;
      if (!id) return { code: 'not_found', message: 'Open the request first.' };
      const r = await client.getAttachment({ id, attachment });
      return r.ok ? r.value : r.error;
    },
  };
};
