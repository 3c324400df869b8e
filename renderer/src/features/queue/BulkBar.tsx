import { useState } from 'react';
import { useApp } from '../../state/context.js';
import { UNASSIGNED } from '../../state/filters.js';

const NO_MEMBERS: string[] = [];

/** What to do with the ticked rows: acknowledge them, or hand them to someone. */
export function BulkBar({ visibleIds }: { visibleIds: string[] }) {
  const checked = useApp((s) => s.checked);
  const setChecked = useApp((s) => s.setChecked);
  const bulkUpdate = useApp((s) => s.bulkUpdate);
  const members = useApp((s) => s.list?.members ?? NO_MEMBERS);
  const me = useApp((s) => s.session?.profile?.name ?? '');
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  if (checked.size === 0) {
    return outcome ? (
      <p role="status" className={`bulk-outcome ${outcome.error ? 'error' : ''}`}>
        {outcome.text}
      </p>
    ) : null;
  }
  const people = [...new Set([me, ...members])];
  const run = async (action: Parameters<typeof bulkUpdate>[0], verb: string) => {
    setBusy(true);
    const r = await bulkUpdate(action);
    setBusy(false);
    if ('message' in r) return setOutcome({ text: r.message, error: true });
    const skipped = r.skipped.map((x) => `${x.key}: ${x.reason}`).join(' ');
    setOutcome({
      text: `${verb} ${r.done.length} request${r.done.length === 1 ? '' : 's'}.${r.skipped.length ? ` ${r.skipped.length} left as they were. ${skipped}` : ''}`,
      error: r.skipped.length > 0,
    });
  };
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
      <span>
        <strong>{checked.size}</strong> selected
      </span>
      <button type="button" className="primary" disabled={busy} onClick={() => void run({ kind: 'acknowledge' }, 'Acknowledged')}>
        Acknowledge
      </button>
      <label>
        Assign to
        <select
          aria-label="Assign selected to"
          value=""
          disabled={busy}
          onChange={(e) => {
            const v = e.target.value;
            if (v) void run({ kind: 'assign', assignee: v === UNASSIGNED ? null : v }, v === UNASSIGNED ? 'Unassigned' : `Assigned to ${v}:`);
          }}
        >
          <option value="">Choose…</option>
          {people.map((p) => (
            <option key={p} value={p}>
              {p === me ? `${p} (me)` : p}
            </option>
          ))}
          <option value={UNASSIGNED}>Nobody (unassign)</option>
        </select>
      </label>
      {checked.size < visibleIds.length && (
        <button type="button" className="link" onClick={() => setChecked(visibleIds)}>
          Select all {visibleIds.length}
        </button>
      )}
      <button type="button" className="link" onClick={() => setChecked([])}>
        Clear selection
      </button>
    </div>
  );
}
