import type { DepartmentConfig } from '../../../shared/config/department.js';
import type { Side } from '../../../shared/model/status.js';
import { allowedTransitions } from '../../../shared/model/status.js';
import type { RequestSummary, Status } from '../../../shared/model/request.js';
import type { AppState } from './store.js';

/** Which side of the open request the user is on, or null when it is neither of theirs. */
export function selectSide(state: AppState): Side | null {
  const dept = state.session?.profile?.department;
  const d = state.detail;
  if (!dept || !d) return null;
  if (d.toDepartment === dept) return 'provider';
  if (d.fromDepartment === dept) return 'requester';
  return null;
}

const NO_MOVES: Status[] = [];
export function selectAllowedMoves(state: AppState): Status[] {
  const side = selectSide(state);
  return side && state.detail ? allowedTransitions(state.detail.status, side) : NO_MOVES;
}

export const selectDepartment = (state: AppState): string => state.session?.profile?.department ?? '';

export const selectOtherDepartments = (state: AppState): string[] =>
  state.session?.departments.filter((d) => d !== state.session?.profile?.department) ?? [];

/** A department's configuration as the share has it, or undefined before it has arrived. */
export const selectDepartmentConfig = (state: AppState, name: string): DepartmentConfig | undefined =>
  state.config?.departments.find((d) => d.name === name)?.config;

const NO_ITEMS: RequestSummary[] = [];
let memo: { items: RequestSummary[] | undefined; query: string; result: RequestSummary[] } | null = null;

/** The list as narrowed by the search words (every word must appear); the same array while nothing changed. */
export function selectVisibleItems(state: AppState): RequestSummary[] {
  const items = state.list?.items;
  const query = state.query.trim().toLowerCase();
  if (memo && memo.items === items && memo.query === query) return memo.result;
  let result = items ?? NO_ITEMS;
  if (query && items) {
    const words = query.split(/\s+/);
    result = items.filter((r) => {
      const text = `${r.title} ${r.key} ${r.type} ${r.requester} ${r.assignee ?? ''} ${r.fromDepartment} ${r.toDepartment}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }
  memo = { items, query, result };
  return result;
}
