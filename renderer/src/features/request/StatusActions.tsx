import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Status } from '../../../../shared/core/status.js';
import { useApp } from '../../state/context.js';
import type { PaneActionProps } from './paneProps.js';
import { selectAllowedMoves } from '../../state/selectors.js';
import { PauseForm } from './PauseForm.js';
import { ReasonForm } from './ReasonForm.js';

const MOVE_LABELS: Record<Exclude<Status, 'new'>, string> = {
  acknowledged: 'Acknowledge',
  in_progress: 'Start work',
  waiting_on_requester: 'Wait on requester',
  done: 'Mark done',
  declined: 'Decline',
  cancelled: 'Cancel request',
};

/** The moves the person's side may make from here, one button each; waiting on the requester, declining and cancelling ask why first. */
export function StatusActions({ detail, busy, run }: Omit<PaneActionProps, 'side'>) {
  const moves = useApp(useShallow(selectAllowedMoves));
  const changeStatus = useApp((s) => s.changeStatus);
  const [pausing, setPausing] = useState(false);
  const [ending, setEnding] = useState<'declined' | 'cancelled' | null>(null);
  return (
    <>
      {moves.length > 0 && (
        <div className="actions" role="group" aria-label="Change status">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'declined' || to === 'cancelled' ? 'danger' : to === moves[0] ? 'primary' : undefined}
              disabled={busy}
              onClick={() =>
                to === 'waiting_on_requester' ? setPausing(true) : to === 'declined' || to === 'cancelled' ? setEnding(to) : void run(() => changeStatus(to))
              }
            >
              {MOVE_LABELS[to as Exclude<Status, 'new'>]}
            </button>
          ))}
        </div>
      )}
      {pausing && <PauseForm detail={detail} onDone={() => setPausing(false)} />}
      {ending && <ReasonForm detail={detail} to={ending} onDone={() => setEnding(null)} />}
    </>
  );
}
