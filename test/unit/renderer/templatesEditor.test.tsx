// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { s, setUp } from './screenHarness.js';

describe('the templates editor (Department settings)', () => {
  it('a lead writes a template: its questions, a step for another department with its type, date and answers; it is saved for every machine', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'Department settings' }));
    const editor = await screen.findByRole('group', { name: 'Templates' });
    fireEvent.click(within(editor).getByRole('button', { name: 'New template' }));
    fireEvent.change(within(editor).getByLabelText('Name'), { target: { value: 'New colleague' } });
    const step = within(editor).getByRole('group', { name: 'Step 1' });
    fireEvent.change(within(step).getByLabelText('Department'), { target: { value: 'IT' } });
    fireEvent.change(within(step).getByLabelText('Request type'), { target: { value: 'hardware' } });
    fireEvent.change(within(step).getByLabelText('Title'), { target: { value: 'Laptop for {name}' } });
    fireEvent.change(within(step).getByLabelText('Due'), { target: { value: '5' } });
    fireEvent.change(within(step).getByLabelText('Item'), { target: { value: 'Laptop' } });
    fireEvent.change(within(step).getByLabelText('Quantity'), { target: { value: '1' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    expect((await within(editor).findByRole('status')).textContent).toMatch(/^Saved\./);
    const saved = (await s.must('getConfig', {})).departments.find((d) => d.name === 'Sales')!.templates;
    expect(saved).toEqual([
      expect.objectContaining({
        name: 'New colleague',
        anchor: 'start',
        steps: [
          expect.objectContaining({
            department: 'IT',
            typeId: 'hardware',
            title: 'Laptop for {name}',
            dueDays: -5,
            answers: { item: 'Laptop', quantity: '1' },
          }),
        ],
      }),
    ]);
  });

  it('says what is wrong with a template before it is saved: a title naming no question', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'Department settings' }));
    const editor = await screen.findByRole('group', { name: 'Templates' });
    fireEvent.click(within(editor).getByRole('button', { name: 'New template' }));
    const step = within(editor).getByRole('group', { name: 'Step 1' });
    fireEvent.change(within(step).getByLabelText('Title'), { target: { value: 'Desk for {surname}' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    expect((await within(editor).findByRole('alert')).textContent).toMatch(/uses \{surname\}, which is not one of the questions/);
  });
});
