import { STATUSES, STATUS_LABELS } from '../../../shared/core/status.js';
import type { Status } from '../../../shared/core/status.js';
import { narrowQueue } from '../../../shared/model/queueNarrowing.js';
import type { RequestSummary } from '../../../shared/model/request.js';
import type { QueueFilters } from './filters.js';
import { NO_FILTERS } from './filters.js';
import type { AppState } from './store.js';

const NO_ITEMS: RequestSummary[] = [];

/** How rows are grouped: the group's key for a row, in the order groups are shown. */
const STATUS_RANK = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<Status, number>;
const GROUP_KEY: Record<Exclude<QueueFilters['group'], 'none'>, (r: RequestSummary) => string> = {
  status: (r) => String(STATUS_RANK[r.status]),
  // Nobody first: unassigned work is what a lead looks for.
  assignee: (r) => (r.assignee ? `1${r.assignee.toLowerCase()}` : '0'),
};

export type QueueRow = { kind: 'group'; key: string; label: string; count: number } | { kind: 'request'; item: RequestSummary };

export type QueueSelectors = ReturnType<typeof createQueueSelectors>;

/**
 * The queue as the person narrowed it, as selectors that answer the same array while nothing
 * changed (so components re-render only when it does). Each store makes its own, so two stores
 * (two windows, two tests) never share a remembered answer.
 */
export function createQueueSelectors() {
  let visible: {
    items: RequestSummary[] | undefined;
    query: string;
    hits: AppState['textHits'];
    filters: QueueFilters;
    day: string;
    result: RequestSummary[];
  } | null = null;
  let rowsMemo: { items: RequestSummary[]; group: QueueFilters['group']; rows: QueueRow[] } | null = null;
  let choicesMemo: { items: RequestSummary[] | undefined; choices: { departments: string[]; assignees: string[] } } | null = null;

  /**
   * The list as the person narrowed and ordered it: search words (each must appear in the row's
   * text, or main found them all in the request's details and comments), filters, sort, and
   * grouping (rows of a group together, groups in order).
   */
  const visibleItems = (state: AppState, now: Date = new Date()): RequestSummary[] => {
    const items = state.list?.items;
    const query = state.query.trim().toLowerCase();
    const hits = state.textHits;
    const f = state.filters;
    const day = f.due === 'any' ? '' : `${now.toDateString()} ${f.due === 'overdue' ? now.getHours() * 60 + now.getMinutes() : ''}`;
    const m = visible;
    if (m && m.items === items && m.query === query && m.hits === hits && m.filters === f && m.day === day) return m.result;
    let result = items ?? NO_ITEMS;
    const found = hits && hits.query.toLowerCase() === query ? hits.ids : null;
    if (items && (query || f !== NO_FILTERS)) {
      result = narrowQueue(items, query, f, now, found);
      if (f.group !== 'none') {
        const key = GROUP_KEY[f.group];
        const keyed = result.map((r, i) => ({ r, i, k: key(r) }));
        result = keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i)).map((x) => x.r);
      }
    }
    visible = { items, query, hits, filters: f, day, result };
    return result;
  };

  /** The visible requests as table rows, with a heading row before each group when grouped. */
  const queueRows = (state: AppState): QueueRow[] => {
    const items = visibleItems(state);
    const group = state.filters.group;
    if (rowsMemo && rowsMemo.items === items && rowsMemo.group === group) return rowsMemo.rows;
    const rows: QueueRow[] = [];
    if (group === 'none') {
      for (const item of items) rows.push({ kind: 'request', item });
    } else {
      const key = GROUP_KEY[group];
      let head: Extract<QueueRow, { kind: 'group' }> | null = null;
      for (const item of items) {
        const k = key(item);
        if (!head || head.key !== k) {
          const label = group === 'status' ? STATUS_LABELS[item.status] : (item.assignee ?? 'Unassigned');
          head = { kind: 'group', key: k, label, count: 0 };
          rows.push(head);
        }
        head.count++;
        rows.push({ kind: 'request', item });
      }
    }
    rowsMemo = { items, group, rows };
    return rows;
  };

  /** Departments and assignees the current list holds, for the filter menus. */
  const filterChoices = (state: AppState): { departments: string[]; assignees: string[] } => {
    const items = state.list?.items;
    if (choicesMemo && choicesMemo.items === items) return choicesMemo.choices;
    const departments = new Set(state.session?.departments ?? []);
    const assignees = new Set<string>();
    for (const r of items ?? NO_ITEMS) {
      departments.add(r.fromDepartment).add(r.toDepartment);
      if (r.assignee) assignees.add(r.assignee);
    }
    const byName = (a: string, b: string) => a.localeCompare(b);
    const choices = { departments: [...departments].sort(byName), assignees: [...assignees].sort(byName) };
    choicesMemo = { items, choices };
    return choices;
  };

  return { visibleItems, queueRows, filterChoices };
}
