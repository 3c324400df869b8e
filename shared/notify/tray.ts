import type { RequestSummary } from '../model/request.js';
import { isOpen } from '../core/status.js';
import type { SyncStatus } from '../core/syncStatus.js';
import { dueLabel } from '../time/relative.js';
import { isPaused } from './policy.js';

/** Everything the tray shows, as data: the shell only turns it into Electron's Tray and Menu. */
export interface TrayModel {
  tooltip: string;
  /** Something needs someone: the icon with a mark. */
  attention: boolean;
  counts: { new: number; atRisk: number; overdue: number };
  /** Requests to join a department this person may answer (a lead of it, or an admin). */
  joinRequests: number;
  /** This department's requests another department has paused on it: it owes an answer. */
  waitingOnUs: number;
  /** Open requests to the department that their requester escalated (counted for its leads). */
  escalated: number;
  /** The few most urgent requests, most urgent first. */
  urgent: { id: string; label: string }[];
  syncLabel: string;
  /** "Notifications paused until 14:00", or null. */
  pausedLabel: string | null;
}

export const URGENT_IN_MENU = 5;

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

function urgency(r: RequestSummary, now: number): number {
  const clocks = r.sla ? [r.sla.response, r.sla.resolution] : [];
  if (clocks.some((c) => c.state === 'breached') || Date.parse(r.dueAt) < now) return 0;
  if (clocks.some((c) => c.state === 'at_risk')) return 1;
  if (r.status === 'new') return 2;
  return 3;
}

export function trayModel(input: {
  department: string;
  incoming: readonly RequestSummary[];
  sync: SyncStatus | null;
  pausedUntil: string | null;
  now: Date;
  /** How many requests to join wait for this person; none when omitted. */
  joinRequests?: number;
  /** The department's own requests, to count those paused on it; none when omitted. */
  outgoing?: readonly RequestSummary[];
  /** Whether escalations count here: this person leads the department. */
  leads?: boolean;
}): TrayModel {
  const now = input.now.getTime();
  const open = input.incoming.filter((r) => isOpen(r.status));
  const counts = {
    new: open.filter((r) => r.status === 'new').length,
    atRisk: open.filter((r) => urgency(r, now) === 1).length,
    overdue: open.filter((r) => urgency(r, now) === 0).length,
  };
  const joinRequests = input.joinRequests ?? 0;
  const waitingOnUs = (input.outgoing ?? []).filter((r) => r.status === 'waiting_on_requester' && !r.resumedByItself).length;
  const escalated = input.leads ? open.filter((r) => r.escalated).length : 0;
  const parts = [
    escalated && `${escalated} escalated`,
    waitingOnUs && `${waitingOnUs} waiting on you`,
    counts.new && `${counts.new} new`,
    counts.atRisk && `${counts.atRisk} at risk`,
    counts.overdue && `${counts.overdue} overdue`,
    joinRequests && `${joinRequests} asking to join`,
  ].filter(Boolean);
  const urgent = [...open]
    .sort((a, b) => urgency(a, now) - urgency(b, now) || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id))
    .slice(0, URGENT_IN_MENU)
    .map((r) => ({ id: r.id, label: `${r.key} · ${r.title} — ${dueLabel(new Date(r.dueAt), input.now)}` }));
  const last = input.sync?.lastSyncAt;
  return {
    tooltip: `${input.department}: ${parts.length ? parts.join(', ') : 'nothing waiting'}`,
    attention: parts.length > 0,
    counts,
    joinRequests,
    waitingOnUs,
    escalated,
    urgent,
    syncLabel: last ? `Sync now (last at ${hhmm(new Date(last))})` : 'Sync now',
    pausedLabel: isPaused(input.pausedUntil, input.now) ? `Notifications paused until ${hhmm(new Date(input.pausedUntil!))}` : null,
  };
}
