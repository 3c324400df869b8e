import { STATUS_LABELS } from '../../../../shared/core/status.js';
import type { HistoryEntry, RequestDetail } from '../../../../shared/model/request.js';
import { requestKey } from '../../../../shared/model/request.js';
import { formatDateTime, formatWhen } from '../../ui/format.js';

/** Every version stays in the history; a long one is shown by its start. */
const clip = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

/** One entry of the history in words: "changed status from New to Acknowledged". */
function describe(entry: HistoryEntry): string {
  switch (entry.kind) {
    case 'created':
      return 'created the request';
    case 'comment':
      return 'commented';
    case 'note':
      return 'added an internal note';
    case 'watch':
      return entry.watching ? 'started watching' : 'stopped watching';
    case 'link': {
      const what = entry.link === 'parent' ? `part of ${requestKey(entry.other)}` : `a duplicate of ${requestKey(entry.other)}`;
      return entry.linked ? `marked it as ${what}` : `removed the link: ${what}`;
    }
    case 'attachment':
      return `attached “${entry.name}”`;
    case 'escalated':
      return `escalated it: “${entry.reason}”`;
    case 'rated':
      return `${entry.again ? 'would choose them again' : 'would not choose them again'}${entry.comment ? `: “${entry.comment}”` : ''}`;
    case 'transferred':
      return `handed it over to ${entry.to} as “${entry.type}”${entry.note ? `: “${entry.note}”` : ''}`;
    case 'edited':
      if (entry.value === null) return 'corrected the confidential title, details or answers';
      if (entry.field === 'title') return `changed the title to “${entry.value}”`;
      if (entry.field === 'details') return entry.value ? `corrected the details: “${clip(entry.value)}”` : 'removed the details';
      return entry.value ? `answered ${entry.field.slice(5)} “${clip(entry.value)}”` : `removed the answer to ${entry.field.slice(5)}`;
    case 'dateProposed':
      return `proposed to have it by ${formatDateTime(entry.neededBy)}: “${entry.reason}”`;
    case 'dateAccepted':
      if (entry.asked) return `accepted the date asked for, ${formatDateTime(entry.neededBy!)}`;
      return entry.neededBy ? `accepted ${formatDateTime(entry.neededBy)} as the date` : 'accepted a proposed date';
    case 'priority':
      return `changed the priority ${entry.from ? `from ${entry.from} ` : ''}to ${entry.to}`;
    case 'assigned':
      return entry.to ? `assigned it to ${entry.to}` : 'took the assignment away';
    case 'status': {
      const resume = entry.resumeAt ? ` (resumes ${formatWhen(entry.resumeAt)})` : '';
      return `changed status ${entry.from ? `from ${STATUS_LABELS[entry.from]} ` : ''}to ${STATUS_LABELS[entry.to]}${entry.note ? `: “${entry.note}”` : ''}${resume}`;
    }
  }
}

/** The request's whole history: every operation, who made it and when. */
export function RequestHistory({ detail }: { detail: RequestDetail }) {
  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title">History</h3>
      <ol className="history">
        {detail.history.map((h) => (
          <li key={h.id}>
            <span className="muted small">{formatDateTime(h.at)}</span> <strong>{h.actor.user}</strong> <span className="muted">({h.actor.department})</span>{' '}
            {describe(h)}
          </li>
        ))}
      </ol>
    </section>
  );
}
