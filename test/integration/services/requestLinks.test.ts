import { describe, expect, it } from 'vitest';
import { requestKey } from '../../../shared/model/request.js';
import { setUpAs, startedServices } from '../../helpers/services.js';
import { laptopRequest } from '../../helpers/requestInputs.js';
import { undoAfterEach } from '../../helpers/undo.js';

const { cleanup } = undoAfterEach();

describe('link handlers', () => {
  it('links by the key a person types, shows the link from both ends, and refuses a loop', async () => {
    const s = startedServices(cleanup);
    await setUpAs(s, 'Sam', 'Sales');
    const parent = await s.must('createRequest', { ...laptopRequest(), title: 'Onboarding for Dana' });
    const child = await s.must('createRequest', laptopRequest());
    const linked = await s.must('linkRequest', { id: child.id, kind: 'parent', other: ` #${requestKey(parent.id).toLowerCase()} `, linked: true });
    expect(linked.links).toEqual([expect.objectContaining({ kind: 'parent', direction: 'to', other: parent.id, title: 'Onboarding for Dana' })]);
    expect((await s.must('getRequest', { id: parent.id })).links).toEqual([expect.objectContaining({ direction: 'from', other: child.id })]);
    const loop = await s.call('linkRequest', { id: parent.id, kind: 'parent', other: child.id, linked: true });
    expect(loop.ok ? null : loop.error.message).toMatch(/is already part of this request/);
  });
});
