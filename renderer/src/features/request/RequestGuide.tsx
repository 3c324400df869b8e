import type { ServicePage } from '../../../../shared/config/servicePage.js';
import type { RequestType } from '../../../../shared/sla/catalog.js';
import { formatMinutes } from '../../../../shared/sla/clocks.js';

/**
 * Beside the New request form: what the chosen department says about the chosen type (what it is
 * for, what to attach, its lead time) and what it needs from the asker's department.
 */
export function RequestGuide({
  department,
  type,
  about,
  needs,
}: {
  department: string;
  type: RequestType | undefined;
  about: ServicePage['types'][string] | undefined;
  needs: string[];
}) {
  if (!department)
    return (
      <aside className="dialog-aside muted" aria-label="About this request">
        Choose a department, or say in a word what you need: its page tells you what it does and what it needs from you.
      </aside>
    );
  return (
    <aside className="dialog-aside" aria-label="About this request">
      {type && (
        <section aria-label={type.name}>
          <h3>{type.name}</h3>
          {about?.description && <p>{about.description}</p>}
          {about?.attach && <p className="muted">Attach: {about.attach}</p>}
          <p className="muted small">{type.leadTimeMinutes ? `${formatMinutes(type.leadTimeMinutes)} of notice` : 'No notice needed'}</p>
        </section>
      )}
      {needs.length > 0 && (
        <section className="notice needs-notice" aria-label={`What ${department} needs from you`}>
          <strong>What {department} needs from you</strong>
          <ul>
            {needs.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
