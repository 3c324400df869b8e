import type { DepartmentConfig } from '../../../shared/config/department.js';
import type { Side } from '../../../shared/core/status.js';
import { allowedTransitions } from '../../../shared/core/status.js';
import type { Status } from '../../../shared/core/status.js';
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

export const selectOtherDepartments = (state: AppState): string[] => state.session?.departments.filter((d) => d !== state.session?.profile?.department) ?? [];

/** A department's configuration as the share has it, or undefined before it has arrived. */
export const selectDepartmentConfig = (state: AppState, name: string): DepartmentConfig | undefined =>
  state.config?.departments.find((d) => d.name === name)?.config;
