// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { s, setUp } from './screenHarness.js';

/** Sam's department's new recurring request, filled in up to its answers. */
async function startSchedule() {
  await setUp();
  fireEvent.click(screen.getByRole('button', { name: 'Recurring' }));
  expect(await screen.findByText('Sales has no recurring requests yet.', { exact: false })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'New recurring request' }));
  const form = screen.getByRole('form', { name: 'New recurring request' });
  fireEvent.change(within(form).getByLabelText('Title of each request'), { target: { value: 'Monitors for the new starters' } });
  fireEvent.change(within(form).getByLabelText('Asked of'), { target: { value: 'IT' } });
  fireEvent.change(within(form).getByLabelText('Request type'), { target: { value: 'hardware' } });
  fireEvent.change(within(form).getByLabelText('Weeks or months'), { target: { value: 'months' } });
  fireEvent.change(within(form).getByLabelText('Business day of the month'), { target: { value: '-1' } });
  return form;
}

describe('the Recurring screen', () => {
  it('a lead adds a monthly request to IT: it is listed with when it repeats and its next date, and saved for every machine', async () => {
    const form = await startSchedule();
    fireEvent.change(within(form).getByLabelText('Item'), { target: { value: 'Monitor' } });
    fireEvent.change(within(form).getByLabelText('Quantity'), { target: { value: '2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const list = await screen.findByRole('table', { name: 'Sales’s recurring requests' });
    expect(within(list).getByRole('row', { name: /Monitors for the new starters IT Every month on the last business day .* Active/ })).toBeTruthy();
    const [saved] = (await s.must('getSchedules', { department: 'Sales' })).schedules;
    expect(saved!.schedule).toMatchObject({
      name: 'Monitors for the new starters',
      department: 'IT',
      typeId: 'hardware',
      answers: { item: 'Monitor', quantity: '2' },
      recurrence: { every: 'months', n: 1, businessDay: -1 },
      aheadDays: 5,
    });
    // Changed: the 2nd business day from now on, the same schedule.
    fireEvent.click(within(screen.getByRole('region', { name: 'Monitors for the new starters' })).getByRole('button', { name: 'Change' }));
    const change = screen.getByRole('form', { name: 'Change Monitors for the new starters' });
    fireEvent.change(within(change).getByLabelText('Business day of the month'), { target: { value: '2' } });
    fireEvent.click(within(change).getByRole('button', { name: 'Save' }));
    expect(await within(list).findByRole('row', { name: /Monitors for the new starters IT Every month on the 2nd business day/ })).toBeTruthy();
    expect((await s.must('getSchedules', { department: 'Sales' })).schedules.map((v) => [v.schedule.id, v.schedule.recurrence])).toEqual([
      [saved!.schedule.id, { every: 'months', n: 1, businessDay: 2 }],
    ]);
  });

  it('does not send a schedule whose type’s required answer is left out: the answer is marked, the form stays as it was', async () => {
    const form = await startSchedule();
    fireEvent.change(within(form).getByLabelText('Item'), { target: { value: 'Monitor' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((within(form).getByLabelText('Quantity') as HTMLInputElement).validity.valueMissing).toBe(true);
    expect((within(form).getByLabelText('Title of each request') as HTMLInputElement).value).toBe('Monitors for the new starters');
    expect((await s.must('getSchedules', { department: 'Sales' })).schedules).toEqual([]);
  });

  it('says what the service refuses: a type IT no longer has, removed while the form was open', async () => {
    const form = await startSchedule();
    fireEvent.change(within(form).getByLabelText('Item'), { target: { value: 'Monitor' } });
    fireEvent.change(within(form).getByLabelText('Quantity'), { target: { value: '2' } });
    const it = (await s.must('getConfig', {})).departments.find((d) => d.name === 'IT')!.config;
    await s.must('saveDepartmentConfig', { department: 'IT', section: 'catalog', value: it.catalog.filter((t) => t.id !== 'hardware') });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('IT has no request type “hardware”. Choose a department and a type it has.');
    expect((await s.must('getSchedules', { department: 'Sales' })).schedules).toEqual([]);
  });
});
