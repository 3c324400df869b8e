import { describe, expect, it } from 'vitest';
import { NAMED_CHANGES_LIMIT } from '../../../shared/core/changes.js';
import { setUpAs, startedServices } from '../../helpers/services.js';
import { laptopRequest } from '../../helpers/requestInputs.js';
import { undoAfterEach } from '../../helpers/undo.js';

const { cleanup } = undoAfterEach();

describe('request handlers', () => {
  it('a bulk action over more requests than an event names says "everything changed" (no ids)', async () => {
    const s = startedServices(cleanup);
    await setUpAs(s, 'Sam', 'Sales');
    const ids: string[] = [];
    for (let i = 0; i <= NAMED_CHANGES_LIMIT; i++) ids.push((await s.must('createRequest', laptopRequest())).id);
    await s.must('updateProfile', { department: 'Engineering' });
    s.received.length = 0;
    const result = await s.must('bulkUpdate', { ids, action: { kind: 'acknowledge' } });
    expect(result.done).toHaveLength(ids.length);
    expect(s.received.filter((e) => e.name === 'requestsChanged')).toEqual([{ name: 'requestsChanged', payload: { ids: [] } }]);
  });

  it('only the providing department sets the priority, and says whom to ask', async () => {
    const s = startedServices(cleanup);
    await setUpAs(s, 'Sam', 'Sales');
    const r = await s.must('createRequest', laptopRequest());
    const refused = await s.call('changePriority', { id: r.id, priority: 'P1' });
    expect(refused.ok ? null : refused.error.message).toBe('Only Engineering sets the priority of its work. Ask them in a comment.');
  });
});
