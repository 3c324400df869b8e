import { useState } from 'react';
import type { Priority } from '../../../../shared/core/priority.js';
import { PRIORITIES, PRIORITY_LABELS } from '../../../../shared/core/priority.js';
import type { OlaPolicy } from '../../../../shared/sla/clocks.js';
import { SaveRow } from './CalendarEditor.js';
import type { SectionEditorProps } from './types.js';

/** Targets are edited in business hours (decimals allowed) and stored in minutes. */
const toHours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
const toMinutes = (hours: string) => Math.round(Number(hours) * 60);

export function PolicyEditor({ value, editable, onSave }: SectionEditorProps<OlaPolicy>) {
  const [targets, setTargets] = useState(
    () =>
      Object.fromEntries(
        PRIORITIES.map((p) => [p, { response: toHours(value.targets[p].responseMinutes), resolution: toHours(value.targets[p].resolutionMinutes) }]),
      ) as Record<Priority, { response: string; resolution: string }>,
  );
  const [risk, setRisk] = useState(() => value.atRisk.map((f) => String(Math.round(f * 100))));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const save = async () => {
    const bad = PRIORITIES.flatMap((p) => [targets[p].response, targets[p].resolution]).some((h) => !(Number(h) > 0));
    if (bad) return setMessage({ error: true, text: 'Every target must be a number of business hours above zero (e.g. 0.5 for 30 minutes).' });
    const err = await onSave({
      targets: Object.fromEntries(
        PRIORITIES.map((p) => [p, { responseMinutes: toMinutes(targets[p].response), resolutionMinutes: toMinutes(targets[p].resolution) }]),
      ) as OlaPolicy['targets'],
      atRisk: [Number(risk[0]) / 100, Number(risk[1]) / 100],
    });
    setMessage(err ? { error: true, text: err } : { error: false, text: 'Service levels saved. Open requests are measured against them from now on.' });
  };

  const edit = (p: Priority, key: 'response' | 'resolution', v: string) => setTargets({ ...targets, [p]: { ...targets[p], [key]: v } });

  return (
    <fieldset className="settings-section" disabled={!editable}>
      <legend>Service levels (OLA)</legend>
      <table className="settings-table" aria-label="Targets per priority">
        <thead>
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">First response (business hours)</th>
            <th scope="col">Resolution (business hours)</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p}>
              <th scope="row">{PRIORITY_LABELS[p]}</th>
              <td>
                <input
                  aria-label={`${p} first response hours`}
                  inputMode="decimal"
                  value={targets[p].response}
                  onChange={(e) => edit(p, 'response', e.target.value)}
                />
              </td>
              <td>
                <input
                  aria-label={`${p} resolution hours`}
                  inputMode="decimal"
                  value={targets[p].resolution}
                  onChange={(e) => edit(p, 'resolution', e.target.value)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row-form">
        <label>
          At risk from (% of target used)
          <input inputMode="numeric" value={risk[0]} onChange={(e) => setRisk([e.target.value, risk[1]!])} />
        </label>
        <label>
          High risk from (%)
          <input inputMode="numeric" value={risk[1]} onChange={(e) => setRisk([risk[0]!, e.target.value])} />
        </label>
      </div>
      <SaveRow message={message} onSave={save} />
    </fieldset>
  );
}
