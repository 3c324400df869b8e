import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Status } from '../../../../shared/core/status.js';
import { useApp } from '../../state/context.js';
import type { PaneActionProps } from './paneProps.js';
import { selectAllowedMoves, selectSide } from '../../state/selectors.js';
import { isOpen } from '../../../../shared/core/status.js';
import { useNow } from '../../ui/useNow.js';
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
  const [asking, setAsking] = useState<'declined' | 'cancelled' | 'escalate' | null>(null);
  const escalateRequest = useApp((s) => s.escalateRequest);
  const side = useApp(selectSide);
  const now = useNow();
  // The requesting side escalates what runs late: at risk, or past its due time.
  const late =
    Date.parse(detail.dueAt) < now.getTime() || [detail.sla?.response, detail.sla?.resolution].some((c) => c?.state === 'at_risk' || c?.state === 'breached');
  const mayEscalate = side === 'requester' && isOpen(detail.status) && late;
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
                to === 'waiting_on_requester' ? setPausing(true) : to === 'declined' || to === 'cancelled' ? setAsking(to) : void run(() => changeStatus(to))
              }
            >
              {MOVE_LABELS[to as Exclude<Status, 'new'>]}
            </button>
          ))}
          {mayEscalate && (
            <button type="button" className="danger" disabled={busy} onClick={() => setAsking('escalate')}>
              Escalate
            </button>
          )}
        </div>
      )}
      {pausing && <PauseForm detail={detail} onDone={() => setPausing(false)} />}
      {asking === 'declined' && (
        <ReasonForm
          name="Decline"
          question={`Why does ${detail.toDepartment} decline? ${detail.fromDepartment} is told.`}
          submit="Decline"
          onSubmit={(note) => changeStatus('declined', { note })}
          onDone={() => setAsking(null)}
        />
      )}
      {asking === 'cancelled' && (
        <ReasonForm
          name="Cancel request"
          question={`Why cancel? ${detail.toDepartment} is told.`}
          submit="Cancel request"
          onSubmit={(note) => changeStatus('cancelled', { note })}
          onDone={() => setAsking(null)}
        />
      )}
      {asking === 'escalate' && (
        <ReasonForm
          name="Escalate"
          question={`Why escalate? ${detail.toDepartment}'s leads are told at once.`}
          submit="Escalate"
          onSubmit={escalateRequest}
          onDone={() => setAsking(null)}
        />
      )}
    </>
  );
}
