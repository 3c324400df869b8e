import { isOpen } from '../../../../shared/core/status.js';
import { ageLabel } from '../../../../shared/time/relative.js';
import { useEffect, useMemo, useRef } from 'react';
import type { RequestSummary } from '../../../../shared/model/request.js';
import { useApp, useQueueSelectors } from '../../state/context.js';
import type { View } from '../../state/store.js';
import { NO_FILTERS } from '../../state/filters.js';
import { BulkBar } from './BulkBar.js';
import { QueueFilterBar } from './QueueFilterBar.js';
import { WaitingLine } from './WaitingLine.js';
import { ConfidentialMark, DueLabel, EscalatedMark, PriorityBadge, ShortNoticeMark, SlaCell, StatusBadge, UnverifiedMark } from '../../ui/badges.js';
import { useNow } from '../../ui/useNow.js';
import { useVirtualRows } from '../../ui/useVirtualRows.js';

/** Every row is this tall (styles.css agrees): the virtual list's estimate, which lets 100,000 rows scroll with ~40 in the DOM. */
export const ROW_HEIGHT = 48;

const VIEW_TITLES: Record<View, string> = {
  incoming: 'Incoming',
  escalated: 'Escalated',
  outgoing: 'Outgoing',
  waiting: 'Waiting on us',
  assigned: 'Assigned to me',
  watching: 'Watching',
  all: 'All departments',
};
const EMPTY: Record<View, (department: string) => string> = {
  incoming: (d) => `Nothing waiting for ${d}. New requests from other departments appear here.`,
  escalated: (d) => `Nothing escalated to ${d}. When a department escalates a request at risk or overdue, it appears here.`,
  outgoing: (d) => `${d} has no open requests to other departments. Use “New request” to ask for something.`,
  waiting: (d) => `No department waits on ${d}. When one pauses a request of ${d}'s to ask something, it appears here.`,
  assigned: () => 'Nothing is assigned to you. Open a request in Incoming and choose “Assign to me”.',
  watching: () => 'You watch no open requests. Open any request and choose “Watch” to follow it here.',
  all: () => 'No department has open requests.',
};
/** Views of the user's own department's work, where rows can be ticked for a bulk action. */
const BULK_VIEWS: ReadonlySet<View> = new Set(['incoming', 'assigned']);

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
  const scroller = useRef<HTMLElement>(null);
  const selectors = useQueueSelectors();
  const items = useApp(selectors.visibleItems);
  const rows = useApp(selectors.queueRows);
  const query = useApp((s) => s.query);
  const filters = useApp((s) => s.filters);
  const setQuery = useApp((s) => s.setQuery);
  const searching = useApp((s) => s.searching);
  const cursorId = useApp((s) => s.cursorId);
  const checked = useApp((s) => s.checked);
  const toggleChecked = useApp((s) => s.toggleChecked);
  const setChecked = useApp((s) => s.setChecked);
  const stuck = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const span = useVirtualRows(scroller, body, stuck, rows.length, ROW_HEIGHT);
  const bulk = BULK_VIEWS.has(view);
  const visibleIds = useMemo(() => items.map((r) => r.id), [items]);
  const allChecked = bulk && items.length > 0 && items.every((r) => checked.has(r.id));
  const columns = bulk ? 8 : 7;

  // The keyboard's row stays in view, clear of the bars stuck over the top: scrolled to by
  // arithmetic, since it may not be in the DOM.
  useEffect(() => {
    const el = scroller.current;
    const index = cursorId ? rows.findIndex((r) => r.kind === 'request' && r.item.id === cursorId) : -1;
    if (!el || index < 0) return;
    const covered = stuck.current?.offsetHeight ?? 0;
    const row = span.virtualizer.measurementsCache[index];
    if (!row) return;
    if (row.start < el.scrollTop + covered) el.scrollTop = row.start - covered;
    else if (row.end > el.scrollTop + el.clientHeight) el.scrollTop = row.end - el.clientHeight;
  }, [cursorId, rows, span.virtualizer]);

  /** Views across departments show both ends of a request. */
  const both = view === 'watching' || view === 'all';
  const party = (r: RequestSummary) =>
    view === 'outgoing' || view === 'waiting'
      ? r.toDepartment
      : view === 'incoming' || view === 'assigned'
        ? r.fromDepartment
        : `${r.fromDepartment} → ${r.toDepartment}`;

  return (
    <section className="queue" aria-labelledby="queue-title" ref={scroller}>
      <div className="queue-top" ref={stuck}>
        <header className="queue-header">
          <h1 id="queue-title">
            {VIEW_TITLES[view]} {view !== 'all' && <span className="muted">· {department}</span>}
            {view === 'all' && <span className="muted small"> · read-only overview</span>}
          </h1>
          <div className="queue-tools">
            {searching && (
              <span className="muted small" role="status">
                Searching details and comments…
              </span>
            )}
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
        {bulk && <BulkBar visibleIds={visibleIds} />}
      </div>
      {listState === 'error' && (
        <p role="alert" className="state-message error">
          {listError}
        </p>
      )}
      {listState === 'loading' && !list && <p className="state-message muted">Loading…</p>}
      {list && list.total > list.items.length && (
        <p className="state-message muted small" role="note">
          Showing the first {list.items.length.toLocaleString()} of {list.total.toLocaleString()} requests. Search or filter to narrow the overview.
        </p>
      )}
      {list && list.items.length === 0 && (view !== 'all' || (!query && filters === NO_FILTERS)) && (
        <p className="state-message muted">{EMPTY[view](department)}</p>
      )}
      {list && (list.items.length > 0 || (view === 'all' && (query || filters !== NO_FILTERS))) && items.length === 0 && (
        <p className="state-message muted">{query ? `No request here matches “${query}”.` : 'No request here matches these filters.'}</p>
      )}
      {items.length > 0 && (
        <table className="queue-table" aria-label={`${VIEW_TITLES[view]} requests`} aria-rowcount={rows.length + 1}>
          <thead>
            <tr>
              {bulk && (
                <th scope="col" className="col-check">
                  <input type="checkbox" aria-label="Select all shown" checked={allChecked} onChange={(e) => setChecked(e.target.checked ? visibleIds : [])} />
                </th>
              )}
              <th scope="col" className="col-priority">
                Pri
              </th>
              <th scope="col" className="col-title">
                Request
              </th>
              <th scope="col" className={both ? 'col-party both' : 'col-party'}>
                {view === 'outgoing' || view === 'waiting' ? 'To' : view === 'incoming' || view === 'assigned' ? 'From' : 'From → To'}
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
          <tbody ref={body}>
            {span.before > 0 && <Spacer height={span.before} />}
            {rows.slice(span.first, span.last).map((row, i) =>
              row.kind === 'group' ? (
                <tr key={`group:${row.key}`} className="group-row" aria-rowindex={span.first + i + 2}>
                  <th scope="rowgroup" colSpan={columns}>
                    {row.label} <span className="muted">· {row.count}</span>
                  </th>
                </tr>
              ) : (
                <QueueRowView
                  key={row.item.id}
                  r={row.item}
                  index={span.first + i + 2}
                  party={party(row.item)}
                  selected={row.item.id === selectedId}
                  cursor={row.item.id === cursorId}
                  checked={bulk ? checked.has(row.item.id) : null}
                  now={now}
                  onOpen={openRequest}
                  onCheck={toggleChecked}
                />
              ),
            )}
            {span.after > 0 && <Spacer height={span.after} />}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Stands for the rows not in the DOM, so the scroll bar is as long as the whole list. */
function Spacer({ height }: { height: number }) {
  // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty row has nothing to focus; hidden, screen readers count only real rows
  return <tr aria-hidden="true" className="spacer" style={{ height }} />;
}

interface RowProps {
  r: RequestSummary;
  index: number;
  party: string;
  selected: boolean;
  cursor: boolean;
  /** null where rows cannot be ticked. */
  checked: boolean | null;
  now: Date;
  onOpen(id: string): void;
  onCheck(id: string): void;
}

function QueueRowView({ r, index, party, selected, cursor, checked, now, onOpen, onCheck }: RowProps) {
  if (r.unreadable) return <UnreadableRow r={r} index={index} selected={selected} cursor={cursor} checked={checked} onOpen={onOpen} />;
  return (
    <tr
      aria-rowindex={index}
      aria-selected={selected}
      aria-current={cursor ? 'true' : undefined}
      className={[selected && 'selected', cursor && 'cursor'].filter(Boolean).join(' ') || undefined}
      onClick={() => void onOpen(r.id)}
    >
      {checked !== null && (
        <td className="col-check" onClick={(e) => e.stopPropagation()}>
          <input type="checkbox" aria-label={`Select ${r.key}`} checked={checked} onChange={() => onCheck(r.id)} />
        </td>
      )}
      <td className="col-priority">
        <PriorityBadge priority={r.priority} />
      </td>
      <td className="col-title">
        <button type="button" className="row-link">
          {r.title}
        </button>
        <span className="row-sub">
          {r.key} ·{' '}
          {r.waiting ? (
            <WaitingLine r={r} />
          ) : r.escalated ? (
            <span className="escalation-line" title={`${r.fromDepartment} escalated: ${r.escalated.reason}`}>
              escalated: {r.escalated.reason}
            </span>
          ) : (
            r.type
          )}
          {r.assignee ? ` · ${r.assignee}` : ''}
          {r.commentCount > 0 ? ` · ${r.commentCount} comment${r.commentCount === 1 ? '' : 's'}` : ''}
          {r.shortNotice && <ShortNoticeMark />}
          {r.escalated && <EscalatedMark reason={r.escalated.reason} count={r.escalated.count} />}
          {r.unverified && <UnverifiedMark />}
          {r.confidential && <ConfidentialMark locked={r.confidential === 'locked'} />}
        </span>
      </td>
      <td className="col-party">{party}</td>
      <td className="col-status">
        <StatusBadge status={r.status} />
      </td>
      <td className="col-age">{ageLabel(new Date(r.createdAt), now)}</td>
      <td className="col-sla">{isOpen(r.status) ? <SlaCell sla={r.sla} /> : <span className="muted">—</span>}</td>
      <td className="col-due">
        <DueLabel due={r.dueAt} status={r.status} now={now} />
      </td>
    </tr>
  );
}

/** A request whose data could not be made into a row: it holds its place, and says why. */
function UnreadableRow({ r, index, selected, cursor, checked, onOpen }: Pick<RowProps, 'r' | 'index' | 'selected' | 'cursor' | 'checked' | 'onOpen'>) {
  return (
    <tr
      aria-rowindex={index}
      aria-selected={selected}
      aria-current={cursor ? 'true' : undefined}
      className={['unreadable', selected && 'selected', cursor && 'cursor'].filter(Boolean).join(' ')}
      onClick={() => void onOpen(r.id)}
    >
      {checked !== null && <td className="col-check" />}
      <td className="col-priority" />
      <td className="col-title" colSpan={6}>
        <button type="button" className="row-link">
          {r.title}
        </button>
        <span className="row-sub">
          {r.key} · {r.unreadable}
        </span>
      </td>
    </tr>
  );
}
