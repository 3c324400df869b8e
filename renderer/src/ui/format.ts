import { format } from 'date-fns';
import { formatMinutes } from '../../../shared/sla/clocks.js';
import type { ClockView } from '../../../shared/model/requestSla.js';

/** A date as a queue reads it: "Thu 26 Nov, 17:00", with the year only when it is not this one. */
export function formatWhen(at: Date | string, now = new Date()): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return format(d, d.getFullYear() === now.getFullYear() ? 'EEE d MMM, HH:mm' : 'EEE d MMM yyyy, HH:mm');
}

/** Minutes after midnight as a clock reads them: 510 → "08:30". */
export const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "Wed 2 Dec 2026" for a calendar day written 2026-12-02 (a day, in no zone). */
export const formatDay = (date: string): string => format(new Date(`${date}T12:00:00`), 'EEE d MMM yyyy');

/** A full date and time, as the request page states facts: "Thu 26 Nov 2026, 17:00". */
export const formatDateTime = (iso: string): string => format(new Date(iso), 'EEE d MMM yyyy, HH:mm');

/** A clock in words, so it reads the same without its colour. */
export function clockText(c: ClockView): string {
  switch (c.state) {
    case 'running':
      return `${formatMinutes(c.remainingMinutes)} left`;
    case 'at_risk':
      return `At risk · ${formatMinutes(c.remainingMinutes)} left`;
    case 'breached':
      return `Breached · ${formatMinutes(-c.remainingMinutes)} over`;
    case 'paused':
      return c.pauseReason ? `Paused · ${c.pauseReason}` : 'Paused';
    case 'met':
      return 'Met';
    case 'stopped':
      return 'Stopped';
  }
}

/** The tone a clock is drawn in (text carries the meaning; this only helps the eye). */
export function clockTone(c: ClockView): string {
  return c.state === 'at_risk' ? `at-risk-${c.risk ?? 'low'}` : c.state;
}
