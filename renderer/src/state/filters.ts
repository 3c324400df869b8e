import type { SavedView } from '../../../shared/contract/schemas.js';

/**
 * How a queue is narrowed and ordered on screen (the list itself comes from main, due first): status,
 * priority, a due window (overdue, by end of today or of this week, local) and short notice. The
 * same shape is stored in saved views, so its schema lives with the contract.
 */
export type QueueFilters = SavedView['filters'];

export const NO_FILTERS: QueueFilters = {
  status: 'any',
  priority: 'any',
  due: 'any',
  shortNotice: false,
  sort: 'due',
  fromDepartment: '',
  toDepartment: '',
  assignee: '',
  group: 'none',
};

export { UNASSIGNED } from '../../../shared/model/queueNarrowing.js';
