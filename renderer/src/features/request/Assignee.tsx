import { useState } from 'react';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { useApp } from '../../state/context.js';

/** Who works on it: take it, hand it to a colleague, or give it back. */
export function Assignee({ detail, editable, me }: { detail: RequestDetail; editable: boolean; me: string }) {
  const assignRequest = useApp((s) => s.assignRequest);
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const assign = async (to: string | null) => {
    const err = await assignRequest(to);
    setError(err?.message ?? null);
    if (!err) setOther('');
  };
  return (
    <>
      {detail.assignee ?? <span className="muted">Nobody yet</span>}
      {editable && (
        <span className="assign-controls">
          {detail.assignee !== me && (
            <button type="button" className="link" onClick={() => void assign(me)}>
              Assign to me
            </button>
          )}
          {detail.assignee && (
            <button type="button" className="link" onClick={() => void assign(null)}>
              Unassign
            </button>
          )}
          <form
            className="assign-other"
            onSubmit={(e) => {
              e.preventDefault();
              if (other.trim()) void assign(other.trim());
            }}
          >
            <input
              aria-label="Assign to a colleague"
              placeholder="Colleague’s name"
              list="department-members"
              value={other}
              maxLength={80}
              onChange={(e) => setOther(e.target.value)}
            />
            <datalist id="department-members">
              {detail.members
                .filter((m) => m !== me)
                .map((m) => (
                  <option key={m} value={m} />
                ))}
            </datalist>
            <button type="submit" disabled={!other.trim()}>
              Assign
            </button>
          </form>
        </span>
      )}
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </>
  );
}
