import type { FormEvent } from 'react';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { ChartFigure } from '../../ui/ChartFigure.js';
import { useApp } from '../../state/context.js';
import { StatusBadge } from '../../ui/badges.js';
import { formatDateTime } from '../../ui/format.js';

/** A chain's steps on its parent's page: who does each, where it stands, what it waits for; and who holds the chain now. */
export function ChainSteps({ chain, editable }: { chain: NonNullable<RequestDetail['chain']>; editable: boolean }) {
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
      {editable && open.length > 0 && <MoveAnchor anchor={chain.anchor} />}
      <WhoHeldIt steps={chain.steps} />
    </section>
  );
}

/** Moving the date the chain counts from: each open step's new date goes to its department as a proposal. */
function MoveAnchor({ anchor }: { anchor: string }) {
  const moveAnchor = useApp((s) => s.moveAnchor);
  const [date, setDate] = useState(anchor);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = await moveAnchor(date);
    setMessage(err ? { error: true, text: err.message } : { error: false, text: 'Proposed: each department accepts its new date or proposes another.' });
  };
  return (
    <form className="row-form" aria-label="Move the date it counts from" onSubmit={submit}>
      <label>
        The date moves to
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <button type="submit" disabled={!date || date === anchor}>
        Propose new dates
      </button>
      {message && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'muted small'}>
          {message.text}
        </span>
      )}
    </form>
  );
}

/**
 * Who held the chain: per department, the business hours its steps' clocks have counted (from its
 * turn to done, or to now) against their targets — the picture, and its numbers as a table.
 */
function WhoHeldIt({ steps }: { steps: NonNullable<RequestDetail['chain']>['steps'] }) {
  const by = new Map<string, { department: string; held: number; target: number }>();
  for (const s of steps) {
    if (!s.resolution) continue;
    let d = by.get(s.department);
    if (!d) by.set(s.department, (d = { department: s.department, held: 0, target: 0 }));
    d.held += Math.max(0, s.resolution.targetMinutes - s.resolution.remainingMinutes) / 60;
    d.target += s.resolution.targetMinutes / 60;
  }
  const rows = [...by.values()].map((d) => ({ ...d, held: Math.round(d.held * 10) / 10, target: Math.round(d.target * 10) / 10 }));
  return (
    <ChartFigure
      title="Who held it"
      note="business hours each department’s steps have taken since their turn, against their targets"
      columns={['Department', 'Held', 'Target']}
      rows={rows.map((d) => [d.department, `${d.held} h`, `${d.target} h`])}
      empty={!rows.length && 'No step’s clocks are on this computer yet.'}
    >
      <ResponsiveContainer width="100%" height={Math.max(80, 34 * rows.length + 34)}>
        <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" unit=" h" tick={{ fontSize: 11, fill: 'var(--muted)' }} tickLine={false} axisLine={false} />
          <YAxis type="category" dataKey="department" width={90} tick={{ fontSize: 12, fill: 'var(--text)' }} tickLine={false} axisLine={false} />
          <Bar dataKey="held" name="Held" fill="var(--chart-resolution)" isAnimationActive={false} />
          <Bar dataKey="target" name="Target" fill="var(--chart-waiting)" isAnimationActive={false} />
          <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} formatter={(v: string) => <span className="chart-legend">{v}</span>} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
