import { isOpen } from '../../../shared/model/status.js';
import { ageLabel } from '../../../shared/time/relative.js';
import { useEffect, useRef } from 'react';
import { useApp } from '../state/context.js';
import type { View } from '../state/store.js';
import type { QueueFilters } from '../state/filters.js';
import { NO_FILTERS } from '../state/filters.js';
import { PRIORITIES, PRIORITY_LABELS, STATUSES, STATUS_LABELS } from '../../../shared/model/request.js';
import { selectVisibleItems } from '../state/selectors.js';
import { DueLabel, PriorityBadge, ShortNoticeMark, SlaCell, StatusBadge } from './badges.js';
import { useNow } from './useNow.js';
import { SaveViewButton } from './SavedViews.js';
import { useVirtualRows } from './useVirtualRows.js';

/** Every row is this tall (styles.css agrees), which is what lets 100,000 rows scroll with ~40 in the DOM. */
export const ROW_HEIGHT = 48;
/** The sticky queue header and the table's column headings above the first row. */
const HEADER_HEIGHT = 128;

const TITLES = { incoming: 'Incoming', outgoing: 'Outgoing', assigned: 'Assigned to me' } as const;
const EMPTY: Record<View, (department: string) => string> = {
  incoming: (d) => `Nothing waiting for ${d}. New requests from other departments appear here.`,
  outgoing: (d) => `${d} has no open requests to other departments. Use “New request” to ask for something.`,
  assigned: () => 'Nothing is assigned to you. Open a request in Incoming and choose “Assign to me”.',
};

/** Status, priority, due window, short notice and order: narrowing what main sent, in the page. */
function QueueFilterBar() {
  const filters = useApp((s) => s.filters);
  const setFilters = useApp((s) => s.setFilters);
  const active = filters !== NO_FILTERS;
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
      <label className="toggle">
        <input type="checkbox" checked={filters.shortNotice} onChange={(e) => setFilters({ shortNotice: e.target.checked })} />
        Short notice only
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

export function QueueView() {
  const view = useApp((s) => s.view);
  const list = useApp((s) => s.list);
  const listState = useApp((s) => s.listState);
  const listError = useApp((s) => s.listError);
  const showClosed = useApp((s) => s.showClosed[s.view]);
  const setShowClosed = useApp((s) => s.setShowClosed);
  const selectedId = useApp((s) => s.selectedId);
  const openRequest = useApp((s) => s.openRequest);
  const department = useApp((s) => s.session?.profile?.department ?? '');
  const now = useNow();
  const counterpart = view === 'outgoing' ? 'To' : 'From';
  const scroller = useRef<HTMLElement>(null);
  const items = useApp(selectVisibleItems);
  const query = useApp((s) => s.query);
  const setQuery = useApp((s) => s.setQuery);
  const cursorId = useApp((s) => s.cursorId);
  const rows = useVirtualRows(scroller, items.length, ROW_HEIGHT, HEADER_HEIGHT);

  // The keyboard's row stays in view: scrolled to by arithmetic, since it may not be in the DOM.
  useEffect(() => {
    const el = scroller.current;
    const index = cursorId ? items.findIndex((r) => r.id === cursorId) : -1;
    if (!el || index < 0) return;
    const top = HEADER_HEIGHT + index * ROW_HEIGHT;
    if (top < el.scrollTop + HEADER_HEIGHT) el.scrollTop = top - HEADER_HEIGHT;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [cursorId, items]);

  return (
    <section className="queue" aria-labelledby="queue-title" ref={scroller}>
      <header className="queue-header">
        <h1 id="queue-title">
          {TITLES[view]} <span className="muted">· {department}</span>
        </h1>
        <div className="queue-tools">
          <input
            type="search"
            id="queue-search"
            aria-label="Search this queue"
            placeholder="Search ( / )"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (e.currentTarget.blur(), setQuery(''))}
          />
          <label className="toggle">
            <input type="checkbox" checked={showClosed} onChange={(e) => void setShowClosed(e.target.checked)} />
            Show closed
          </label>
        </div>
      </header>
      <QueueFilterBar />
      {listState === 'error' && (
        <p role="alert" className="state-message error">
          {listError}
        </p>
      )}
      {listState === 'loading' && !list && <p className="state-message muted">Loading…</p>}
      {list && list.items.length === 0 && (
        <p className="state-message muted">
          {EMPTY[view](department)}
        </p>
      )}
      {list && list.items.length > 0 && items.length === 0 && (
        <p className="state-message muted">{query ? `No request here matches “${query}”.` : 'No request here matches these filters.'}</p>
      )}
      {items.length > 0 && (
        <table className="queue-table" aria-label={`${TITLES[view]} requests`} aria-rowcount={items.length + 1}>
          <thead>
            <tr>
              <th scope="col" className="col-priority">
                Pri
              </th>
              <th scope="col" className="col-title">
                Request
              </th>
              <th scope="col" className="col-party">
                {counterpart}
              </th>
              <th scope="col" className="col-status">
                Status
              </th>
              <th scope="col" className="col-age">
                Age
              </th>
              <th scope="col" className="col-sla">
                Service level
              </th>
              <th scope="col" className="col-due">
                Due
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.before > 0 && <tr aria-hidden="true" className="spacer" style={{ height: rows.before }} />}
            {items.slice(rows.first, rows.last).map((r, i) => (
              <tr
                key={r.id}
                aria-rowindex={rows.first + i + 2}
                aria-selected={r.id === selectedId}
                aria-current={r.id === cursorId ? 'true' : undefined}
                className={[r.id === selectedId && 'selected', r.id === cursorId && 'cursor'].filter(Boolean).join(' ') || undefined}
                onClick={() => void openRequest(r.id)}
              >
                <td className="col-priority">
                  <PriorityBadge priority={r.priority} />
                </td>
                <td className="col-title">
                  <button type="button" className="row-link">
                    {r.title}
                  </button>
                  <span className="row-sub">
                    {r.key} · {r.type}
                    {r.assignee ? ` · ${r.assignee}` : ''}
                    {r.commentCount > 0 ? ` · ${r.commentCount} comment${r.commentCount === 1 ? '' : 's'}` : ''}
                    {r.shortNotice && <ShortNoticeMark />}
                  </span>
                </td>
                <td className="col-party">{view === 'outgoing' ? r.toDepartment : r.fromDepartment}</td>
                <td className="col-status">
                  <StatusBadge status={r.status} />
                </td>
                <td className="col-age">{ageLabel(new Date(r.createdAt), now)}</td>
                <td className="col-sla">{isOpen(r.status) ? <SlaCell sla={r.sla} /> : <span className="muted">—</span>}</td>
                <td className="col-due">
                  <DueLabel due={r.dueAt} status={r.status} now={now} />
                </td>
              </tr>
            ))}
            {rows.after > 0 && <tr aria-hidden="true" className="spacer" style={{ height: rows.after }} />}
          </tbody>
        </table>
      )}
    </section>
  );
}
