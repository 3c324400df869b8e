import type { RequestDetail } from '../../../../shared/model/request.js';
import { useApp } from '../../state/context.js';
import { StatusBadge } from '../../ui/badges.js';
import { formatDateTime } from '../../ui/format.js';

/** A chain's steps on its parent's page: who does each, where it stands, what it waits for; and who holds the chain now. */
export function ChainSteps({ chain }: { chain: NonNullable<RequestDetail['chain']> }) {
  const showRequest = useApp((s) => s.showRequest);
  const open = chain.steps.filter((s) => s.status !== null && !['done', 'declined', 'cancelled'].includes(s.status));
  const holding = [...new Set(open.filter((s) => !s.waitingFor).map((s) => s.department))];
  return (
    <section aria-labelledby="chain-title">
      <h3 id="chain-title">Steps</h3>
      <p className="muted small">
        {open.length === 0 ? 'Every department has done its part.' : `Held by ${holding.join(' and ') || 'nobody yet'} now.`} Dates count from {chain.anchor}.
      </p>
      <table className="compact chain-steps">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Department</th>
            <th scope="col">Status</th>
            <th scope="col">Needed by</th>
          </tr>
        </thead>
        <tbody>
          {chain.steps.map((s) => (
            <tr key={s.step}>
              <th scope="row">
                <button type="button" className="link" onClick={() => void showRequest(s.id)}>
                  {s.key} {s.title}
                </button>
                {s.waitingFor && <span className="muted small"> · waiting for {s.waitingFor}</span>}
              </th>
              <td>{s.department}</td>
              <td>{s.status ? <StatusBadge status={s.status} /> : <span className="muted">not here yet</span>}</td>
              <td>
                {s.neededBy ? formatDateTime(s.neededBy) : '—'}
                {s.resolution?.state === 'breached' && <span className="tone-bad small"> · late</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
