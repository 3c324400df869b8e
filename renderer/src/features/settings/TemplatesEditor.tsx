import { useState } from 'react';
import type { Template, TemplateQuestion, TemplateStep } from '../../../../shared/config/template.js';
import type { RequestType } from '../../../../shared/sla/catalog.js';
import { SaveRow } from './CalendarEditor.js';
import { TemplateStepEditor } from './TemplateStepEditor.js';
import type { SectionEditorProps } from './types.js';

const slug = (text: string, taken: string[]) => {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'item';
  const word = /^[a-z]/.test(base) ? base : `q-${base}`;
  let id = word;
  for (let n = 2; taken.includes(id); n++) id = `${word}-${n}`;
  return id;
};

function blankTemplate(taken: string[], departments: { name: string; catalog: RequestType[] }[]): Template {
  const first = departments[0];
  return {
    id: slug('New template', taken),
    name: 'New template',
    description: '',
    anchor: 'start',
    questions: [
      { id: 'name', label: 'Name', kind: 'text', required: true },
      { id: 'start', label: 'Start date', kind: 'date', required: true },
    ],
    steps: first ? [blankStep([], first.name, first.catalog[0]?.id ?? 'general')] : [],
  };
}

const blankStep = (taken: string[], department: string, typeId: string): TemplateStep => ({
  id: slug(`step ${taken.length + 1}`, taken),
  department,
  typeId,
  title: '',
  answers: {},
  dueDays: -5,
  waitsFor: [],
  priority: 'P3',
});

/**
 * The department's templates of work that crosses departments (docs/sync.md §Templates): what a
 * launch asks once, and the request each department gets, due a number of its working days before
 * or after the anchor date, waiting for the steps it needs first.
 */
export function TemplatesEditor({
  value,
  editable,
  onSave,
  departments,
}: SectionEditorProps<Template[]> & { departments: { name: string; catalog: RequestType[] }[] }) {
  const [templates, setTemplates] = useState(value);
  const [open, setOpen] = useState(value[0]?.id ?? null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const t = templates.find((x) => x.id === open) ?? null;
  const patch = (p: Partial<Template>) => setTemplates(templates.map((x) => (x.id === open ? { ...x, ...p } : x)));
  const patchQuestion = (i: number, p: Partial<TemplateQuestion>) => patch({ questions: t!.questions.map((q, j) => (j === i ? { ...q, ...p } : q)) });
  const patchStep = (i: number, p: Partial<TemplateStep>) => patch({ steps: t!.steps.map((s, j) => (j === i ? { ...s, ...p } : s)) });
  const add = () => {
    const made = blankTemplate(
      templates.map((x) => x.id),
      departments,
    );
    setTemplates([...templates, made]);
    setOpen(made.id);
  };
  const remove = () => {
    const rest = templates.filter((x) => x.id !== open);
    setTemplates(rest);
    setOpen(rest[0]?.id ?? null);
  };
  const save = async () => {
    const err = await onSave(templates);
    setMessage(
      err ? { error: true, text: err } : { error: false, text: 'Saved. Your department can launch them; every machine has them after its next sync.' },
    );
  };
  return (
    <fieldset className="settings-section templates-editor" disabled={!editable}>
      <legend>Templates</legend>
      <p className="muted small">Work that needs several departments, written once: launching one asks its questions and sends each department its request.</p>
      <div className="row-form">
        <label>
          Template
          <select value={open ?? ''} onChange={(e) => setOpen(e.target.value || null)}>
            {!templates.length && <option value="">None yet</option>}
            {templates.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={add}>
          New template
        </button>
        {t && (
          <button type="button" onClick={remove}>
            Remove this template
          </button>
        )}
      </div>
      {t && (
        <>
          <div className="two-columns">
            <label>
              Name
              <input value={t.name} onChange={(e) => patch({ name: e.target.value })} maxLength={120} />
            </label>
            <label>
              What it is for
              <input value={t.description} onChange={(e) => patch({ description: e.target.value })} maxLength={2000} />
            </label>
          </div>
          <fieldset className="template-questions">
            <legend>Questions asked at launch</legend>
            {t.questions.map((q, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity.
              <div className="row-form" key={i}>
                <label className="grow">
                  Question
                  <input value={q.label} onChange={(e) => patchQuestion(i, { label: e.target.value })} maxLength={200} />
                </label>
                <label>
                  Placeholder
                  <input value={q.id} onChange={(e) => patchQuestion(i, { id: e.target.value.trim() })} maxLength={40} size={10} />
                </label>
                <label>
                  Answer
                  <select value={q.kind} onChange={(e) => patchQuestion(i, { kind: e.target.value as TemplateQuestion['kind'] })}>
                    <option value="text">Text</option>
                    <option value="date">Date</option>
                    <option value="choice">Choice</option>
                  </select>
                </label>
                {q.kind === 'choice' && (
                  <label>
                    Options
                    <input
                      value={(q.options ?? []).join(', ')}
                      onChange={(e) => patchQuestion(i, { options: e.target.value.split(',').map((o) => o.trim()) })}
                      placeholder="Comma between options"
                    />
                  </label>
                )}
                <label className="toggle">
                  <input type="checkbox" checked={q.required} onChange={(e) => patchQuestion(i, { required: e.target.checked })} />
                  Required
                </label>
                <button type="button" className="link" onClick={() => patch({ questions: t.questions.filter((_, j) => j !== i) })}>
                  Remove
                </button>
              </div>
            ))}
            <button
              type="button"
              onClick={() =>
                patch({
                  questions: [
                    ...t.questions,
                    {
                      id: slug(
                        'question',
                        t.questions.map((q) => q.id),
                      ),
                      label: '',
                      kind: 'text',
                      required: false,
                    },
                  ],
                })
              }
            >
              Add a question
            </button>
            <label className="fit">
              Dates count from
              <select value={t.anchor} onChange={(e) => patch({ anchor: e.target.value })}>
                {t.questions
                  .filter((q) => q.kind === 'date')
                  .map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.label || q.id}
                    </option>
                  ))}
              </select>
            </label>
            <p className="muted small">
              Write {'{placeholder}'} in a step’s title or answers for the answer, e.g. Laptop for {'{name}'}.
            </p>
          </fieldset>
          <fieldset className="template-steps">
            <legend>Steps</legend>
            {t.steps.map((s, i) => (
              <TemplateStepEditor
                key={s.id}
                step={s}
                position={i + 1}
                others={t.steps.filter((o) => o.id !== s.id)}
                anchor={t.questions.find((q) => q.id === t.anchor)?.label.toLowerCase() || 'anchor date'}
                departments={departments}
                onChange={(p) => patchStep(i, p)}
                onRemove={() => patch({ steps: t.steps.filter((_, j) => j !== i).map((o) => ({ ...o, waitsFor: o.waitsFor.filter((w) => w !== s.id) })) })}
              />
            ))}
            <button
              type="button"
              onClick={() => {
                const d = departments[0];
                if (d)
                  patch({
                    steps: [
                      ...t.steps,
                      blankStep(
                        t.steps.map((s) => s.id),
                        d.name,
                        d.catalog[0]?.id ?? 'general',
                      ),
                    ],
                  });
              }}
            >
              Add a step
            </button>
          </fieldset>
        </>
      )}
      <SaveRow message={message} onSave={() => void save()} />
    </fieldset>
  );
}
