import type { DepartmentConfig } from '../../../shared/config/department.js';
import type { Side } from '../../../shared/model/status.js';
import { allowedTransitions } from '../../../shared/model/status.js';
import type { Priority, RequestSummary, Status } from '../../../shared/model/request.js';
import { isOpen } from '../../../shared/model/status.js';
import type { QueueFilters } from './filters.js';
import { NO_FILTERS } from './filters.js';
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
let memo: { items: RequestSummary[] | undefined; query: string; filters: QueueFilters; day: string; result: RequestSummary[] } | null = null;

const PRIORITY_RANK: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };
const ORDER: Record<QueueFilters['sort'], ((a: RequestSummary, b: RequestSummary) => number) | null> = {
  due: null, // main's order: open first, soonest due first
  priority: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.dueAt.localeCompare(b.dueAt),
  age: (a, b) => a.createdAt.localeCompare(b.createdAt),
  updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
};

function dueLimit(due: QueueFilters['due'], now: Date): number {
  if (due === 'overdue') return now.getTime();
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  if (due === 'week') end.setDate(end.getDate() + ((7 - end.getDay()) % 7) + 1); // through Sunday
  return end.getTime();
}

/**
 * The list as the person narrowed and ordered it: search words (every word must appear), filters
 * and sort. The same array while nothing changed, so components re-render only when it does.
 */
export function selectVisibleItems(state: AppState, now: Date = new Date()): RequestSummary[] {
  const items = state.list?.items;
  const query = state.query.trim().toLowerCase();
  const f = state.filters;
  const day = f.due === 'any' ? '' : `${now.toDateString()} ${f.due === 'overdue' ? now.getHours() * 60 + now.getMinutes() : ''}`;
  if (memo && memo.items === items && memo.query === query && memo.filters === f && memo.day === day) return memo.result;
  let result = items ?? NO_ITEMS;
  const words = query ? query.split(/\s+/) : [];
  const limit = f.due === 'any' ? Infinity : dueLimit(f.due, now);
  if (items && (words.length || f !== NO_FILTERS)) {
    result = items.filter((r) => {
      if (f.status !== 'any' && r.status !== f.status) return false;
      if (f.priority !== 'any' && r.priority !== f.priority) return false;
      if (f.shortNotice && !r.shortNotice) return false;
      if (f.due !== 'any' && !(isOpen(r.status) && Date.parse(r.dueAt) < limit)) return false;
      if (!words.length) return true;
      const text = `${r.title} ${r.key} ${r.type} ${r.requester} ${r.assignee ?? ''} ${r.fromDepartment} ${r.toDepartment}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
    const order = ORDER[f.sort];
    if (order) result = [...result].sort(order);
  }
  memo = { items, query, filters: f, day, result };
  return result;
}
