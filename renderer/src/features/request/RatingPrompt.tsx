import { useState } from 'react';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { useApp } from '../../state/context.js';
import type { PaneActionProps } from './paneProps.js';

/**
 * Satisfaction per handoff: once a request is done, the asking department answers "Would you
 * choose them again for this?" in one click (a comment if it likes); the provider reads the
 * answer here, and the reviews roll it up per department pair.
 */
export function RatingPrompt({ detail, side, busy, run }: PaneActionProps) {
  const rateRequest = useApp((s) => s.rateRequest);
  const [comment, setComment] = useState('');
  const [changing, setChanging] = useState(false);
  if (detail.status !== 'done' || side === null) return null;
  const rating = detail.rating;
  if (side === 'provider' || (rating && !changing))
    return rating ? <RatingLine detail={detail} onChange={side === 'requester' ? () => setChanging(true) : null} /> : null;
  const answer = (again: boolean) =>
    void run(async () => {
      const err = await rateRequest(again, comment.trim());
      if (!err) setChanging(false);
      return err;
    });
  return (
    <section className="rating" aria-labelledby="rating-title">
      <h3 id="rating-title">Would you choose {detail.toDepartment} again for this?</h3>
      <label className="visually-hidden" htmlFor="rating-comment">
        A comment for {detail.toDepartment} (optional)
      </label>
      <input
        id="rating-comment"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={2000}
        placeholder={`A word for ${detail.toDepartment} (optional)`}
      />
      <div className="actions" role="group" aria-label="Would you choose them again?">
        <button type="button" className="primary" disabled={busy} onClick={() => answer(true)}>
          Yes
        </button>
        <button type="button" disabled={busy} onClick={() => answer(false)}>
          No
        </button>
      </div>
    </section>
  );
}

function RatingLine({ detail, onChange }: { detail: RequestDetail; onChange: (() => void) | null }) {
  const { again, comment } = detail.rating!;
  return (
    <p className="rating-line">
      {again ? `${detail.fromDepartment} would choose ${detail.toDepartment} again` : `${detail.fromDepartment} would not choose ${detail.toDepartment} again`}
      {comment && <span className="muted">: “{comment}”</span>}
      {onChange && (
        <>
          {' '}
          <button type="button" className="link" onClick={onChange}>
            Change the answer
          </button>
        </>
      )}
    </p>
  );
}
