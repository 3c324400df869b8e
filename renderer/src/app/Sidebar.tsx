import type { ReactNode } from 'react';
import { useApp } from '../state/context.js';
import type { View } from '../state/store.js';
import { SavedViewList } from '../features/queue/SavedViews.js';
import { SyncStatusBar } from './SyncStatusBar.js';

const VIEWS: { view: View; label: string; hint: string }[] = [
  { view: 'incoming', label: 'Incoming', hint: 'Requests to your department' },
  { view: 'escalated', label: 'Escalated', hint: 'Requests to your department that the asking department escalated: at risk or overdue' },
  { view: 'outgoing', label: 'Outgoing', hint: 'What your department asked of others' },
  { view: 'waiting', label: 'Waiting on us', hint: 'Requests of your department that another department paused to ask you something' },
  { view: 'assigned', label: 'Assigned to me', hint: 'Requests to your department that you work on' },
  { view: 'watching', label: 'Watching', hint: 'Requests you chose to follow, from any department' },
  { view: 'all', label: 'All departments', hint: 'Every department’s requests: a read-only overview' },
];

/** A screen in the sidebar: its name, and what it counts (People: who asks to join). */
function ScreenItem({ label, open, current, title, children }: { label: string; open(): void; current: boolean; title?: string; children?: ReactNode }) {
  return (
    <li>
      <button type="button" className="nav-item" aria-current={current ? 'page' : undefined} title={title} onClick={open}>
        <span>{label}</span>
        {children}
      </button>
    </li>
  );
}

export function Sidebar() {
  const session = useApp((s) => s.session)!;
  const view = useApp((s) => s.view);
  const screen = useApp((s) => s.screen);
  const openSettings = useApp((s) => s.openSettings);
  const openPreferences = useApp((s) => s.openPreferences);
  const openPeople = useApp((s) => s.openPeople);
  const openServices = useApp((s) => s.openServices);
  const openReviews = useApp((s) => s.openReviews);
  const openRecurring = useApp((s) => s.openRecurring);
  const counts = useApp((s) => s.list?.counts);
  const setView = useApp((s) => s.setView);
  const startRequest = useApp((s) => s.startRequest);
  const switchDepartment = useApp((s) => s.switchDepartment);
  const profile = session.profile!;
  const membership = session.membership;
  // On a share with a roster, exactly the departments this person is a member of; before approval, the one asked for.
  const departments = membership ? (membership.departments.length ? membership.departments : [profile.department]) : session.departments;

  return (
    <nav className="sidebar" aria-label="Queues">
      <div className="brand">Interdesk</div>
      <button type="button" className="primary new-request" onClick={() => startRequest()}>
        New request
      </button>
      <ul className="nav-list">
        {VIEWS.map((v) => (
          <li key={v.view}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === 'queue' && view === v.view ? 'page' : undefined}
              title={v.hint}
              onClick={() => void setView(v.view)}
            >
              <span>{v.label}</span>
              {/* Zero is shown as nothing: an empty queue should look calm, not counted. */}
              <span className="count" aria-hidden="true">
                {counts?.[v.view] || ''}
              </span>
              <span className="visually-hidden">{`${counts?.[v.view] ?? 0} open`}</span>
            </button>
          </li>
        ))}
        <ScreenItem label="Departments" open={() => openServices()} current={screen === 'services'} title="What each department does, needs and promises" />
        <ScreenItem
          label="Reviews"
          open={openReviews}
          current={screen === 'reviews'}
          title="How each department pair did: targets met, late work, escalations, would they choose you again"
        />
        <ScreenItem
          label="Recurring"
          open={openRecurring}
          current={screen === 'recurring'}
          title="What your department asks for again and again: sent ahead of each date, once"
        />
        <ScreenItem label="Department settings" open={openSettings} current={screen === 'settings'} />
        <ScreenItem label="People" open={openPeople} current={screen === 'people'}>
          {membership && (
            <>
              <span className="count" aria-hidden="true">
                {membership.waiting || ''}
              </span>
              <span className="visually-hidden">{`${membership.waiting} asking to join`}</span>
            </>
          )}
        </ScreenItem>
        <ScreenItem label="Preferences" open={openPreferences} current={screen === 'preferences'} />
      </ul>
      <SavedViewList />
      <SyncStatusBar />
      <div className="profile">
        <div className="profile-name">{profile.name}</div>
        <label className="profile-department">
          <span className="muted">Department</span>
          <select value={profile.department} disabled={departments.length < 2} onChange={(e) => void switchDepartment(e.target.value)}>
            {departments.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        {membership && !membership.verified && (
          <button type="button" className="link unverified" onClick={openPeople}>
            Unverified: waiting for a lead
          </button>
        )}
      </div>
    </nav>
  );
}
