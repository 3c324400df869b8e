import { Fragment } from 'react';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { useApp } from '../../state/context.js';
import { selectDepartmentConfig } from '../../state/selectors.js';

/**
 * The form's answers under the catalog's labels, a chain's under its template's questions (an
 * answer to a field since removed keeps its id).
 */
export function FormAnswers({ detail }: { detail: RequestDetail }) {
  const provider = useApp((s) => selectDepartmentConfig(s, detail.toDepartment));
  const template = useApp((s) =>
    detail.chain ? s.config?.departments.find((d) => d.name === detail.fromDepartment)?.templates.find((t) => t.id === detail.chain!.template) : undefined,
  );
  const fields = template ? template.questions : (provider?.catalog.find((t) => t.id === detail.typeId)?.fields ?? []);
  const entries = Object.entries(detail.form);
  if (!entries.length) return null;
  return (
    <dl className="facts form-answers">
      {entries.map(([id, value]) => (
        <Fragment key={id}>
          <dt>{fields.find((f) => f.id === id)?.label ?? id}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
