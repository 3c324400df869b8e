import { PRIORITIES, PRIORITY_LABELS, STATUSES, STATUS_LABELS } from '../../../shared/model/request.js';
import { useApp } from '../state/context.js';
import type { QueueFilters } from '../state/filters.js';
import { NO_FILTERS, UNASSIGNED } from '../state/filters.js';
import { selectFilterChoices } from '../state/selectors.js';
import { SaveViewButton } from './SavedViews.js';

/** Status, priority, due window, short notice and order: narrowing what main sent, in the page. */
export function QueueFilterBar() {
  const filters = useApp((s) => s.filters);
  const setFilters = useApp((s) => s.setFilters);
  const view = useApp((s) => s.view);
  const choices = useApp(selectFilterChoices);
  const active = filters !== NO_FILTERS;
  // A filter that cannot narrow this view (Incoming all goes to my department) is not offered.
  const byRequester = view !== 'outgoing';
  const byProvider = view !== 'incoming' && view !== 'assigned';
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <label>
        Status
        <select aria-label="Status" value={filters.status} onChange={(e) => setFilters({ status: e.target.value as QueueFilters['status'] })}>
          <option value="any">Any</option>
          {STATUSES.map((st) => (
            <option key={st} value={st}>
              {STATUS_LABELS[st]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select aria-label="Priority" value={filters.priority} onChange={(e) => setFilters({ priority: e.target.value as QueueFilters['priority'] })}>
          <option value="any">Any</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Due
        <select aria-label="Due" value={filters.due} onChange={(e) => setFilters({ due: e.target.value as QueueFilters['due'] })}>
          <option value="any">Any time</option>
          <option value="overdue">Overdue</option>
          <option value="today">By end of today</option>
          <option value="week">By end of this week</option>
        </select>
      </label>
      {byRequester && (
        <label>
          From
          <select aria-label="Requesting department" value={filters.fromDepartment} onChange={(e) => setFilters({ fromDepartment: e.target.value })}>
            <option value="">Any</option>
            {choices.departments.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
      )}
      {byProvider && (
        <label>
          To
          <select aria-label="Providing department" value={filters.toDepartment} onChange={(e) => setFilters({ toDepartment: e.target.value })}>
            <option value="">Any</option>
            {choices.departments.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
      )}
      {view !== 'assigned' && (
        <label>
          Assignee
          <select aria-label="Assignee" value={filters.assignee} onChange={(e) => setFilters({ assignee: e.target.value })}>
            <option value="">Anyone</option>
            <option value={UNASSIGNED}>Nobody</option>
            {choices.assignees.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
      )}
      <label className="toggle">
        <input type="checkbox" checked={filters.shortNotice} onChange={(e) => setFilters({ shortNotice: e.target.checked })} />
        Short notice only
      </label>
      <label>
        Group
        <select aria-label="Group by" value={filters.group} onChange={(e) => setFilters({ group: e.target.value as QueueFilters['group'] })}>
          <option value="none">None</option>
          <option value="status">Status</option>
          <option value="assignee">Assignee</option>
        </select>
      </label>
      <label>
        Sort by
        <select aria-label="Sort by" value={filters.sort} onChange={(e) => setFilters({ sort: e.target.value as QueueFilters['sort'] })}>
          <option value="due">Due date</option>
          <option value="priority">Priority</option>
          <option value="age">Oldest first</option>
          <option value="updated">Last update</option>
        </select>
      </label>
      {active && (
        <button type="button" className="link" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </button>
      )}
      <SaveViewButton />
    </div>
  );
}
