import { format } from 'date-fns';
import { useEffect, useMemo, useState } from 'react';
import type { ScheduleView } from '../../../../shared/contract/api.js';
import type { Schedule } from '../../../../shared/config/schedule.js';
import { MAX_SKIPS } from '../../../../shared/config/schedule.js';
import { useApp } from '../../state/context.js';
import { StatusBadge } from '../../ui/badges.js';
import { formatDateTime, formatDay as dayText } from '../../ui/format.js';
import { recurrenceText } from './recurrenceText.js';
import { ScheduleForm, blankSchedule } from './ScheduleForm.js';

const today = () => format(new Date(), 'yyyy-MM-dd');
/** Ended as of yesterday, so nothing more is asked from today; one that has not started yet ends on its start, paused. */
function ending(s: Schedule): Partial<Schedule> {
  const yesterday = format(new Date(Date.now() - 86_400_000), 'yyyy-MM-dd');
  return yesterday >= s.start ? { end: yesterday } : { end: s.start, paused: true };
}
const STATE_LABEL: Record<ScheduleView['state'], string> = { active: 'Active', paused: 'Paused', ended: 'Ended' };

/**
 * The department's recurring requests (docs/sync.md §Recurring requests): what each asks of whom
 * and how often, when it asks next, and what it asked; its leads add, change, pause, skip and end them.
 */
export function RecurringScreen() {
  const department = useApp((s) => s.session?.profile?.department ?? '');
  const schedules = useApp((s) => s.schedules);
  const error = useApp((s) => s.schedulesError);
  const load = useApp((s) => s.loadSchedules);
  const save = useApp((s) => s.saveSchedule);
  const config = useApp((s) => s.config);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Schedule | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const others = useMemo(
    () => (config?.departments ?? []).filter((d) => d.name !== department).map((d) => ({ name: d.name, catalog: d.config.catalog })),
    [config, department],
  );
  const open = schedules?.schedules.find((v) => v.schedule.id === openId) ?? schedules?.schedules[0] ?? null;

  const saveAndClose = async (schedule: Schedule) => {
    const err = await save(schedule);
    if (!err) {
      setEditing(null);
      setOpenId(schedule.id);
    }
    return err?.message ?? null;
  };
  const change = async (p: Partial<Schedule>) => {
    if (!open) return;
    const err = await save({ ...open.schedule, ...p });
    setActionError(err?.message ?? null);
  };

  return (
    <section className="settings recurring" aria-labelledby="recurring-title">
      <header className="queue-header">
        <h1 id="recurring-title">Recurring requests</h1>
        {schedules?.mayEdit && !editing && (
          <button type="button" className="primary" onClick={() => setEditing(blankSchedule(others, today()))}>
            New recurring request
          </button>
        )}
      </header>
      <div className="settings-body">
        <p className="muted small">
          What {department} asks for again and again. Each request is sent ahead of its date, once, by whichever of {department}’s computers runs first.
        </p>
        {error ? (
          <p role="alert" className="state-message error">
            {error}
          </p>
        ) : !schedules ? (
          <p className="state-message muted">Loading recurring requests…</p>
        ) : (
          <>
            {editing && <ScheduleForm key={editing.id} initial={editing} departments={others} onSave={saveAndClose} onCancel={() => setEditing(null)} />}
            {schedules.schedules.length === 0 && !editing && (
              <p className="state-message muted">
                {department} has no recurring requests yet.
                {schedules.mayEdit ? ' Add one for what you ask for every week or month.' : ' A lead of your department adds them.'}
              </p>
            )}
            {schedules.schedules.length > 0 && (
              <table className="compact">
                <caption className="visually-hidden">{department}’s recurring requests</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Asked of</th>
                    <th scope="col">Repeats</th>
                    <th scope="col">Next</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {schedules.schedules.map((v) => (
                    <tr key={v.schedule.id} className={v === open ? 'selected' : undefined}>
                      <th scope="row">
                        <button type="button" className="link" aria-current={v === open ? 'true' : undefined} onClick={() => setOpenId(v.schedule.id)}>
                          {v.schedule.name}
                        </button>
                      </th>
                      <td>{v.schedule.department}</td>
                      <td>{recurrenceText(v.schedule.recurrence)}</td>
                      <td>{v.next ? dayText(v.next) : '—'}</td>
                      <td>{v.problem ? 'Cannot ask' : STATE_LABEL[v.state]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {open && !editing && (
              <ScheduleDetail
                view={open}
                typeName={others.find((d) => d.name === open.schedule.department)?.catalog.find((t) => t.id === open.schedule.typeId)?.name}
                mayEdit={schedules.mayEdit}
                error={actionError}
                onEdit={() => setEditing(open.schedule)}
                onChange={(p) => void change(p)}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}

/** One schedule: what it asks, its dates, the actions a lead has, and what it asked for. */
function ScheduleDetail({
  view: v,
  typeName,
  mayEdit,
  error,
  onEdit,
  onChange,
}: {
  view: ScheduleView;
  typeName: string | undefined;
  mayEdit: boolean;
  error: string | null;
  onEdit(): void;
  onChange(p: Partial<Schedule>): void;
}) {
  const showRequest = useApp((s) => s.showRequest);
  const s = v.schedule;
  return (
    <section className="schedule-detail" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{s.name}</h2>
      {v.problem && (
        <p className="notice" role="note">
          {v.problem}
        </p>
      )}
      <dl className="facts">
        <dt>Asks</dt>
        <dd>
          {s.department} › {typeName ?? s.typeId}: “{s.title}”, {s.priority}
        </dd>
        <dt>Repeats</dt>
        <dd>
          {recurrenceText(s.recurrence)}, from {dayText(s.start)}
          {s.end ? ` until ${dayText(s.end)}` : ''}
        </dd>
        <dt>Sent</dt>
        <dd>{s.aheadDays === 0 ? 'On the day' : `${s.aheadDays} of ${s.department}’s working days before each date`}</dd>
        <dt>Next</dt>
        <dd>{v.next ? dayText(v.next) : v.state === 'paused' ? 'Paused: nothing is asked for until it is resumed' : 'Nothing more'}</dd>
        {s.skips.length > 0 && (
          <>
            <dt>Skipped</dt>
            <dd>{s.skips.map(dayText).join(', ')}</dd>
          </>
        )}
      </dl>
      {mayEdit && (
        <div className="row-form">
          {v.state !== 'ended' && (
            <button type="button" onClick={() => onChange({ paused: !s.paused })}>
              {s.paused ? 'Resume' : 'Pause'}
            </button>
          )}
          {v.next && (
            <button type="button" onClick={() => onChange({ skips: [...s.skips, v.next!].sort().slice(-MAX_SKIPS) })}>
              Skip {dayText(v.next)}
            </button>
          )}
          {/* An ended schedule is changed to run again (a later end, or none). */}
          <button type="button" onClick={onEdit}>
            Change
          </button>
          {v.state !== 'ended' && (
            <button type="button" className="danger" onClick={() => onChange(ending(s))}>
              End
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <h3>What it asked for</h3>
      {v.history.length === 0 ? (
        <p className="muted">Nothing yet.{v.next ? ` ${dayText(v.next)}’s request is sent ${s.aheadDays} working days before it.` : ''}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">For</th>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Needed by</th>
            </tr>
          </thead>
          <tbody>
            {v.history.map((h) => (
              <tr key={h.id}>
                <td>{dayText(h.date)}</td>
                <td>
                  <button type="button" className="link" onClick={() => void showRequest(h.id)}>
                    {h.title}
                  </button>
                </td>
                <td>
                  <StatusBadge status={h.status} />
                </td>
                <td>{formatDateTime(h.neededBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
