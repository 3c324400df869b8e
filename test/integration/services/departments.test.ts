import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setUpAs, startedServices } from '../../helpers/services.js';
import { undoAfterEach } from '../../helpers/undo.js';

const { cleanup } = undoAfterEach();

describe('department handlers', () => {
  it('a new department starts with a calendar, a policy and a catalog, and a name is taken once whatever its case', async () => {
    const s = startedServices(cleanup);
    await setUpAs(s, 'Ana', 'HR');
    const config = await s.must('addDepartment', { name: 'Legal' });
    const legal = config.departments.find((d) => d.name === 'Legal')!;
    expect(legal.config.calendar.week.some((day) => day.length > 0)).toBe(true);
    expect(legal.config.catalog.length).toBeGreaterThan(0);
    const again = await s.call('addDepartment', { name: 'legal' });
    expect(again.ok ? null : again.error.message).toBe('There is already a department called Legal.');
  });

  it("only a department's leads (or an admin) change its settings", async () => {
    const admin = startedServices(cleanup);
    await setUpAs(admin, 'Ana', 'HR');
    // A colleague who leads HR, on the same shared folder; the share's creator is its admin.
    const s = startedServices(cleanup);
    await s.must('completeSetup', { name: 'Hal', department: 'HR', sharePath: join(admin.dataDir, 'shared-folder') });
    const it = (await s.must('getConfig', {})).departments.find((d) => d.name === 'IT')!;
    const r = await s.call('saveDepartmentConfig', { department: 'IT', section: 'catalog', value: it.config.catalog });
    expect(r.ok ? null : r.error).toEqual({
      code: 'forbidden',
      message: 'Only a lead of IT (or an admin) changes its configuration: its calendar, policy, catalog, templates and recurring requests.',
    });
    expect((await admin.call('saveDepartmentConfig', { department: 'IT', section: 'catalog', value: it.config.catalog })).ok).toBe(true);
  });
});
