import { describe, expect, it } from 'vitest';
import { chainStatus, turnOf } from '../../shared/model/chains.js';
import type { ChainFields } from '../../shared/ops/chainFields.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { Status } from '../../shared/core/status.js';

const chain: ChainFields = {
  template: 'new-colleague',
  name: 'New colleague',
  anchor: '2027-01-04',
  steps: [
    { step: 'contract', request: 'r1', department: 'HR', title: 'Contract', waitsFor: [] },
    { step: 'laptop', request: 'r2', department: 'IT', title: 'Laptop', waitsFor: [] },
    { step: 'desk', request: 'r3', department: 'Facilities', title: 'Desk', waitsFor: ['contract', 'laptop'] },
  ],
};
const status = (value: Status, wall: number) => ({ status: { value, hlc: formatHlc({ wall, counter: 0, device: 'd' }), opId: 'd:1' } });

describe('a chain, derived', () => {
  it.each<[string, (Status | null)[], Status]>([
    ['nothing moved yet', ['new', 'new', null], 'new'],
    ['one step moved', ['acknowledged', 'new', 'new'], 'in_progress'],
    ['some closed, one open', ['done', 'declined', 'in_progress'], 'in_progress'],
    ['every step closed, whichever way', ['done', 'cancelled', 'declined'], 'done'],
  ])('its status: %s', (_, steps, expected) => {
    expect(chainStatus(steps)).toBe(expected);
  });

  it('a step’s turn comes when the last step it waits for closes; until then it says what it waits for', () => {
    const desk = chain.steps[2]!;
    const held = new Map<string, ReturnType<typeof status>>([
      ['r1', status('done', 1_000)],
      ['r2', status('in_progress', 500)],
    ]);
    expect(turnOf(chain, desk, (id) => held.get(id))).toEqual({ waitingFor: 'Laptop', at: null });
    held.set('r2', status('cancelled', 2_000));
    expect(turnOf(chain, desk, (id) => held.get(id))).toEqual({ waitingFor: 'Contract, Laptop', at: 2_000 });
    expect(turnOf(chain, chain.steps[0]!, (id) => held.get(id))).toBeNull();
    // A step it waits for that this machine does not have yet is not done.
    held.delete('r1');
    expect(turnOf(chain, desk, (id) => held.get(id))).toEqual({ waitingFor: 'Contract', at: null });
  });
});
