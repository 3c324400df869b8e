import { describe, expect, it } from 'vitest';
import { createDepartmentLookup } from '../../electron/services/departmentLookup.js';
import { ConfigState } from '../../shared/model/configState.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';

const link = (other: string) => ({ [`parent:${other}`]: { value: true, hlc: '000000000000001:000000:d', opId: 'd:1' } });
const entries: Record<string, Partial<IndexEntry>> = {
  parent: {
    id: 'parent',
    chain: {
      value: {
        template: 'visit',
        name: 'Visit',
        anchor: '2027-01-04',
        steps: [
          { step: 'a', request: 'a', department: 'IT', title: 'A', waitsFor: [] },
          { step: 'b', request: 'b', department: 'IT', title: 'B', waitsFor: ['a'] },
        ],
      },
      hlc: '000000000000001:000000:d',
      opId: 'd:2',
    },
  },
  a: { id: 'a', links: link('parent') },
  b: { id: 'b', links: link('parent') },
  alone: { id: 'alone', links: link('elsewhere') },
};

describe('the departments’ lookup', () => {
  it('names a chain and its other steps with any change to one of its steps: the chain’s row and the steps’ turns move with it', () => {
    const lookup = createDepartmentLookup({ config: new ConfigState(), request: (id) => entries[id] as IndexEntry | undefined });
    expect(lookup.withChains(['a']).sort()).toEqual(['a', 'b', 'parent']);
    expect(lookup.withChains(['alone', 'nowhere'])).toEqual(['alone', 'nowhere']);
  });
});
