import { describe, expect, it } from 'vitest';
import { setUpAs, startedServices } from '../../helpers/services.js';
import { undoAfterEach } from '../../helpers/undo.js';

const { cleanup } = undoAfterEach();
const started = () => startedServices(cleanup);

describe('session handlers', () => {
  it('before setup: no profile, and the built-in departments to choose from', async () => {
    const s = started();
    const session = await s.must('getSession', {});
    expect(session.profile).toBeNull();
    expect(session.departments).toContain('Engineering');
  });

  it('setup seeds the departments once and says the session is ready', async () => {
    const s = started();
    await setUpAs(s, 'Sam', 'sales');
    expect(s.store.config.seeded).toBe(true);
    expect((await s.must('getSession', {})).profile).toEqual({ name: 'Sam', department: 'Sales' });
    expect(s.received.filter((e) => e.name === 'sessionChanged')).toHaveLength(1);
    await s.must('updateProfile', { name: 'Sam Seller' });
    expect(s.store.operations().filter((op) => op.type === 'config.seed')).toHaveLength(1);
  });

  it('refuses a profile in a department that does not exist, naming the ones that do', async () => {
    const s = started();
    await setUpAs(s, 'Sam', 'Sales');
    const r = await s.call('updateProfile', { department: 'Marketing' });
    expect(r.ok ? null : r.error.message).toMatch(/There is no department called "Marketing". Choose one of: .*Engineering/);
  });
});
