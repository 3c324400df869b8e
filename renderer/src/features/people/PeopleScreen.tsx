import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import type { Person } from '../../../../shared/contract/api.js';
import { useApp } from '../../state/context.js';
import { formatWhen } from '../../ui/format.js';
import { RolesOff } from './RolesOff.js';

/**
 * Who is on the share's roster (docs/sync.md §Roster): each person's departments and roles,
 * requests to join with one-click answers for the departments the viewer leads (or for all, for
 * an admin), asking to join another department, and, for admins, the changes the rules refused.
 */
export function PeopleScreen() {
  const session = useApp((s) => s.session)!;
  const people = useApp((s) => s.people);
  const peopleError = useApp((s) => s.peopleError);
  const loadPeople = useApp((s) => s.loadPeople);
  const grantRole = useApp((s) => s.grantRole);
  const revokeRole = useApp((s) => s.revokeRole);
  const askToJoin = useApp((s) => s.askToJoin);
  const [error, setError] = useState<string | null>(null);
  const [joining, setJoining] = useState('');
  const me = session.membership;

  useEffect(() => {
    if (!people) void loadPeople();
  }, [people, loadPeople]);

  if (!me)
    return (
      <PeopleFrame>
        <RolesOff />
      </PeopleFrame>
    );
  if (peopleError)
    return (
      <p role="alert" className="state-message error">
        {peopleError}
      </p>
    );
  if (!people) return <p className="state-message muted">Loading people…</p>;

  const act = async (p: Promise<{ message: string } | null>) => setError((await p)?.message ?? null);
  const mayAnswer = (department: string) => me.admin || me.leads.includes(department);
  const asking = people.people.filter((p) => !p.me && p.asking.some(mayAnswer));
  const open = session.departments.filter((d) => !me.departments.includes(d) && !me.asking.includes(d));

  return (
    <PeopleFrame>
      <div className="settings-body">
        {!me.verified && (
          <p className="notice" role="note">
            You asked to join {me.asking.join(', ') || 'a department'}, the department you chose for this computer. A lead approves you on their People screen;
            until then you can send requests, marked unverified, and read what everyone may read. If that is not where you work, ask to join the right
            department below.
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {asking.length > 0 && (
          <fieldset className="settings-section">
            <legend>Asking to join</legend>
            <table className="settings-table people-table" aria-label="Asking to join">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Department</th>
                  <th scope="col">Device key</th>
                  <th scope="col">Answer</th>
                </tr>
              </thead>
              <tbody>
                {asking.flatMap((p) =>
                  p.asking.filter(mayAnswer).map((department) => (
                    <tr key={`${p.key}:${department}`}>
                      <td>{p.name}</td>
                      <td>{department}</td>
                      <td>
                        <code>{p.fingerprint}</code>
                      </td>
                      <td>
                        <div className="row-form">
                          <button
                            type="button"
                            className="primary"
                            aria-label={`Approve ${p.name} for ${department}`}
                            onClick={() => void act(grantRole({ key: p.key, role: 'member', department }))}
                          >
                            Approve
                          </button>
                          <button
                            type="button"
                            aria-label={`Refuse ${p.name} for ${department}`}
                            onClick={() => void act(revokeRole({ key: p.key, role: 'member', department, reason: 'Refused' }))}
                          >
                            Refuse
                          </button>
                        </div>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
            <p className="muted small">Compare the device key with the one on their screen (People, at the bottom) before approving.</p>
          </fieldset>
        )}
        <fieldset className="settings-section">
          <legend>On this shared folder</legend>
          <table className="settings-table people-table" aria-label="People">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Departments</th>
                <th scope="col">Device key</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.people
                .filter((p) => !p.removed && (p.admin || p.leads.length > 0 || p.members.length > 0))
                .map((p) => (
                  <PersonRow key={p.key} person={p} mayAnswer={mayAnswer} admin={me.admin} onAct={act} />
                ))}
            </tbody>
          </table>
        </fieldset>
        {open.length > 0 && (
          <fieldset className="settings-section">
            <legend>Join another department</legend>
            <div className="row-form">
              <label>
                <span className="visually-hidden">Department to join</span>
                <select aria-label="Department to join" value={joining} onChange={(e) => setJoining(e.target.value)}>
                  <option value="">Choose a department…</option>
                  {open.map((d) => (
                    <option key={d}>{d}</option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={!joining} onClick={() => void act(askToJoin([joining])).then(() => setJoining(''))}>
                {me.admin ? 'Join' : 'Ask to join'}
              </button>
            </div>
          </fieldset>
        )}
        {me.admin && (
          <fieldset className="settings-section">
            <legend>Refused changes</legend>
            {people.refused.length === 0 ? (
              <p className="muted">No change has been refused: everything on the shared folder was made by someone allowed to make it.</p>
            ) : (
              <table className="settings-table people-table" aria-label="Refused changes">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">On</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {people.refused.slice(0, 200).map((r) => (
                    <tr key={`${r.at}:${r.what}:${r.on}:${r.why}`}>
                      <td>{formatWhen(r.at)}</td>
                      <td>{r.who ? `${r.who} (${r.department})` : '—'}</td>
                      <td>{r.what}</td>
                      <td>{r.on}</td>
                      <td>{r.why}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </fieldset>
        )}
        <p className="muted small">
          This computer’s device key: <code>{me.fingerprint}</code>
        </p>
      </div>
    </PeopleFrame>
  );
}

/** The People screen's landmark and heading, around whichever body it shows. */
function PeopleFrame({ children }: { children: ReactNode }) {
  return (
    <section className="settings" aria-labelledby="people-title">
      <header className="queue-header">
        <h1 id="people-title">People</h1>
      </header>
      {children}
    </section>
  );
}

function PersonRow({
  person: p,
  mayAnswer,
  admin,
  onAct,
}: {
  person: Person;
  mayAnswer: (department: string) => boolean;
  admin: boolean;
  onAct: (p: Promise<{ message: string } | null>) => Promise<void>;
}) {
  const grantRole = useApp((s) => s.grantRole);
  const revokeRole = useApp((s) => s.revokeRole);
  const roles = [...(p.admin ? ['admin'] : []), ...p.leads.map((d) => `${d} (lead)`), ...p.members.filter((d) => !p.leads.includes(d))];
  return (
    <tr>
      <td>
        {p.name}
        {p.me && <span className="muted"> (you)</span>}
      </td>
      <td>{roles.join(', ')}</td>
      <td>
        <code>{p.fingerprint}</code>
      </td>
      <td>
        <div className="row-form">
          {admin &&
            p.members
              .filter((d) => !p.leads.includes(d))
              .map((d) => (
                <button key={`lead:${d}`} type="button" onClick={() => void onAct(grantRole({ key: p.key, role: 'lead', department: d }))}>
                  Make lead of {d}
                </button>
              ))}
          {!p.me &&
            p.members.filter(mayAnswer).map((d) => (
              <button key={`remove:${d}`} type="button" onClick={() => void onAct(revokeRole({ key: p.key, role: 'member', department: d }))}>
                Remove from {d}
              </button>
            ))}
        </div>
      </td>
    </tr>
  );
}
