import type { Priority, Status } from '../../../shared/model/request.js';

/** How a queue is narrowed and ordered on screen (the list itself comes from main, due first). */
export interface QueueFilters {
  status: Status | 'any';
  priority: Priority | 'any';
  /** Due before the end of today / of this week (local), or already overdue. */
  due: 'any' | 'overdue' | 'today' | 'week';
  shortNotice: boolean;
  sort: 'due' | 'priority' | 'age' | 'updated';
}

export const NO_FILTERS: QueueFilters = { status: 'any', priority: 'any', due: 'any', shortNotice: false, sort: 'due' };
