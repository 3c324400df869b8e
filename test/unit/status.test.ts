import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../shared/core/status.js';
import type { Status } from '../../shared/core/status.js';
import type { Side } from '../../shared/core/status.js';
import { allowedTransitions, checkTransition, isOpen } from '../../shared/core/status.js';

describe('status transitions', () => {
  const allowed: [Status, Status, Side][] = [
    ['new', 'acknowledged', 'provider'],
    ['new', 'declined', 'provider'],
    ['acknowledged', 'in_progress', 'provider'],
    ['acknowledged', 'waiting_on_requester', 'provider'],
    ['in_progress', 'waiting_on_requester', 'provider'],
    ['waiting_on_requester', 'in_progress', 'provider'],
    ['in_progress', 'done', 'provider'],
    ['waiting_on_requester', 'done', 'provider'],
    ['in_progress', 'declined', 'provider'],
    ['new', 'cancelled', 'requester'],
    ['in_progress', 'cancelled', 'requester'],
    ['waiting_on_requester', 'cancelled', 'requester'],
  ];
  it.each(allowed)('%s → %s is allowed for the %s', (from, to, side) => {
    expect(checkTransition(from, to, side)).toEqual({ ok: true });
  });

  const refused: [Status, Status, Side, RegExp][] = [
    ['new', 'done', 'provider', /cannot go from new to done/],
    ['new', 'in_progress', 'provider', /cannot go from new to in progress/],
    ['new', 'acknowledged', 'requester', /Only the providing department/],
    ['in_progress', 'done', 'requester', /Only the providing department/],
    ['new', 'cancelled', 'provider', /Only the requesting department can cancel/],
    ['done', 'in_progress', 'provider', /already done/],
    ['declined', 'acknowledged', 'provider', /already declined/],
    ['cancelled', 'cancelled', 'requester', /already cancelled/],
    ['done', 'cancelled', 'requester', /already done/],
    ['acknowledged', 'acknowledged', 'provider', /cannot go from acknowledged to acknowledged/],
  ];
  it.each(refused)('%s → %s is refused for the %s, with a reason', (from, to, side, reason) => {
    const check = checkTransition(from, to, side);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it('closed statuses have no way out, for either side', () => {
    for (const status of STATUSES.filter((s) => !isOpen(s))) {
      expect(allowedTransitions(status, 'provider')).toEqual([]);
      expect(allowedTransitions(status, 'requester')).toEqual([]);
    }
  });

  it('the requester can only cancel, and only while the request is open', () => {
    for (const status of STATUSES) {
      expect(allowedTransitions(status, 'requester')).toEqual(isOpen(status) ? ['cancelled'] : []);
    }
  });
});
