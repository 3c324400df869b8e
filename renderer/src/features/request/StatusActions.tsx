import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Status } from '../../../../shared/core/status.js';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { useApp } from '../../state/context.js';
import type { PaneActionProps } from './paneProps.js';
import { selectAllowedMoves, selectSide } from '../../state/selectors.js';
import { isOpen } from '../../../../shared/core/status.js';
import { useNow } from '../../ui/useNow.js';
import { PauseForm } from './PauseForm.js';
import { TransferForm } from './TransferForm.js';
import { ReasonForm } from './ReasonForm.js';
import { formatDateTime } from '../../ui/format.js';

const MOVE_LABELS: Record<Exclude<Status, 'new'>, string> = {
  acknowledged: 'Acknowledge',
  in_progress: 'Start work',
  waiting_on_requester: 'Wait on requester',
  done: 'Mark done',
  declined: 'Decline',
  cancelled: 'Cancel request',
};

/** The changes that say why, and whom the reason is for. */
const REASONS: Record<'declined' | 'cancelled' | 'escalate' | 'reopen', { name: string; question(d: RequestDetail): string }> = {
  declined: { name: 'Decline', question: (d) => `Why does ${d.toDepartment} decline? ${d.fromDepartment} is told.` },
  cancelled: { name: 'Cancel request', question: (d) => `Why cancel? ${d.toDepartment} is told.` },
  escalate: { name: 'Escalate', question: (d) => `Why escalate? ${d.toDepartment}'s leads are told at once.` },
  reopen: { name: 'Reopen', question: (d) => `What is still wrong? ${d.toDepartment} is told.` },
};

/** The moves the person's side may make from here, one button each; waiting on the requester, declining and cancelling ask why first. */
export function StatusActions({ detail, busy, run }: Omit<PaneActionProps, 'side'>) {
  const moves = useApp(useShallow(selectAllowedMoves));
  const changeStatus = useApp((s) => s.changeStatus);
  const [pausing, setPausing] = useState(false);
  const [handing, setHanding] = useState(false);
  const [asking, setAsking] = useState<keyof typeof REASONS | null>(null);
  const escalateRequest = useApp((s) => s.escalateRequest);
  const reopenRequest = useApp((s) => s.reopenRequest);
  const side = useApp(selectSide);
  const now = useNow();
  // The requesting side escalates what runs late: at risk, or past its due time.
  const late =
    Date.parse(detail.dueAt) < now.getTime() || [detail.sla?.response, detail.sla?.resolution].some((c) => c?.state === 'at_risk' || c?.state === 'breached');
  const mayEscalate = side === 'requester' && isOpen(detail.status) && late;
  const mayReopen = side === 'requester' && detail.reopenUntil !== undefined && Date.parse(detail.reopenUntil) > now.getTime();
  return (
    <>
      {mayReopen && (
        <div className="actions" role="group" aria-label="Change status">
          <button type="button" disabled={busy} onClick={() => setAsking('reopen')} title={`Until ${formatDateTime(detail.reopenUntil!)}`}>
            Reopen
          </button>
        </div>
      )}
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
          {side === 'provider' && isOpen(detail.status) && (
            <button type="button" disabled={busy} onClick={() => setHanding(true)}>
              Hand over
            </button>
          )}
          {mayEscalate && (
            <button type="button" className="danger" disabled={busy} onClick={() => setAsking('escalate')}>
              Escalate
            </button>
          )}
        </div>
      )}
      {pausing && <PauseForm detail={detail} onDone={() => setPausing(false)} />}
      {handing && <TransferForm detail={detail} onDone={() => setHanding(false)} />}
      {asking && (
        <ReasonForm
          name={REASONS[asking].name}
          question={REASONS[asking].question(detail)}
          submit={REASONS[asking].name}
          tone={asking === 'reopen' ? 'primary' : 'danger'}
          onSubmit={(reason) =>
            asking === 'escalate' ? escalateRequest(reason) : asking === 'reopen' ? reopenRequest(reason) : changeStatus(asking, { note: reason })
          }
          onDone={() => setAsking(null)}
        />
      )}
    </>
  );
}
