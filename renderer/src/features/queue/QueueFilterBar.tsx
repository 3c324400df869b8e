import { STATUSES, STATUS_LABELS } from '../../../../shared/core/status.js';
import type { QueueFilters } from '../../state/filters.js';
import { NO_FILTERS, UNASSIGNED } from '../../state/filters.js';
import { useApp, useQueueSelectors } from '../../state/context.js';
import type { Choice } from '../../ui/LabelledSelect.js';
import { LabelledSelect, PRIORITY_CHOICES, named } from '../../ui/LabelledSelect.js';
import { SaveViewButton } from './SavedViews.js';

const ANY: Choice<string> = { value: '', label: 'Any' };
const STATUS_CHOICES: Choice<QueueFilters['status']>[] = [{ value: 'any', label: 'Any' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))];
const PRIORITY_FILTER: Choice<QueueFilters['priority']>[] = [{ value: 'any', label: 'Any' }, ...PRIORITY_CHOICES];
const DUE_CHOICES: Choice<QueueFilters['due']>[] = [
  { value: 'any', label: 'Any time' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'today', label: 'By end of today' },
  { value: 'week', label: 'By end of this week' },
];
const GROUP_CHOICES: Choice<QueueFilters['group']>[] = [
  { value: 'none', label: 'None' },
  { value: 'status', label: 'Status' },
  { value: 'assignee', label: 'Assignee' },
];
const SORT_CHOICES: Choice<QueueFilters['sort']>[] = [
  { value: 'due', label: 'Due date' },
  { value: 'priority', label: 'Priority' },
  { value: 'age', label: 'Oldest first' },
  { value: 'updated', label: 'Last update' },
];

/** Status, priority, due window, short notice and order: narrowing what main sent, in the page. */
export function QueueFilterBar() {
  const filters = useApp((s) => s.filters);
  const setFilters = useApp((s) => s.setFilters);
  const view = useApp((s) => s.view);
  const choices = useApp(useQueueSelectors().filterChoices);
  const active = filters !== NO_FILTERS;
  // A filter that cannot narrow this view (Incoming all goes to my department) is not offered.
  const byRequester = view !== 'outgoing';
  const byProvider = view !== 'incoming' && view !== 'assigned';
  const departments = [ANY, ...named(choices.departments)];
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <LabelledSelect label="Status" value={filters.status} choices={STATUS_CHOICES} onChange={(status) => setFilters({ status })} />
      <LabelledSelect label="Priority" value={filters.priority} choices={PRIORITY_FILTER} onChange={(priority) => setFilters({ priority })} />
      <LabelledSelect label="Due" value={filters.due} choices={DUE_CHOICES} onChange={(due) => setFilters({ due })} />
      {byRequester && <DepartmentFilter side="fromDepartment" label="From" name="Requesting department" choices={departments} />}
      {byProvider && <DepartmentFilter side="toDepartment" label="To" name="Providing department" choices={departments} />}
      {view !== 'assigned' && (
        <LabelledSelect
          label="Assignee"
          value={filters.assignee}
          choices={[{ value: '', label: 'Anyone' }, { value: UNASSIGNED, label: 'Nobody' }, ...named(choices.assignees)]}
          onChange={(assignee) => setFilters({ assignee })}
        />
      )}
      <label className="toggle">
        <input type="checkbox" checked={filters.shortNotice} onChange={(e) => setFilters({ shortNotice: e.target.checked })} />
        Short notice only
      </label>
      <LabelledSelect label="Group" name="Group by" value={filters.group} choices={GROUP_CHOICES} onChange={(group) => setFilters({ group })} />
      <LabelledSelect label="Sort by" value={filters.sort} choices={SORT_CHOICES} onChange={(sort) => setFilters({ sort })} />
      {active && (
        <button type="button" className="link" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </button>
      )}
      <SaveViewButton />
    </div>
  );
}

/** The requesting or the providing department, one of the departments or any. */
function DepartmentFilter({ side, label, name, choices }: { side: 'fromDepartment' | 'toDepartment'; label: string; name: string; choices: Choice<string>[] }) {
  const value = useApp((s) => s.filters[side]);
  const setFilters = useApp((s) => s.setFilters);
  return (
    <LabelledSelect
      label={label}
      name={name}
      value={value}
      choices={choices}
      onChange={(department) => setFilters(side === 'fromDepartment' ? { fromDepartment: department } : { toDepartment: department })}
    />
  );
}
