import type { Template } from '../../shared/config/template.js';

/** HR's "New colleague" as the built-in catalogs can carry it out: IT's laptop (hardware) a week ahead, Facilities' desk after HR's contract. */
export function newColleague(): Template {
  return {
    id: 'new-colleague',
    name: 'New colleague',
    description: 'Everything a new colleague needs on their first day.',
    anchor: 'start',
    questions: [
      { id: 'name', label: 'Name', kind: 'text', required: true },
      { id: 'start', label: 'Start date', kind: 'date', required: true },
      { id: 'role', label: 'Role', kind: 'text', required: false },
    ],
    steps: [
      { id: 'contract', department: 'Payroll', typeId: 'general', title: 'Payroll record for {name}', answers: {}, dueDays: -10, waitsFor: [], priority: 'P3' },
      {
        id: 'laptop',
        department: 'IT',
        typeId: 'hardware',
        title: 'Laptop for {name}',
        answers: { item: 'Laptop', quantity: '1' },
        dueDays: -5,
        waitsFor: [],
        priority: 'P3',
      },
      {
        id: 'desk',
        department: 'Facilities',
        typeId: 'general',
        title: 'Desk for {name} ({role})',
        answers: {},
        dueDays: -2,
        waitsFor: ['contract'],
        priority: 'P3',
      },
    ],
  };
}
