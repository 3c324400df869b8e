import type { Config } from '../../../../shared/contract/api.js';
import { PRIORITIES, PRIORITY_LABELS } from '../../../../shared/core/priority.js';
import { formatMinutes } from '../../../../shared/sla/clocks.js';
import { hoursText } from './hoursText.js';

type Entry = Config['departments'][number];

/**
 * A department's service page as anyone reads it: what it does and does not, its vision, whom to
 * ask, its hours and targets (from its calendar and service levels, so they always match the
 * clocks), what it needs from each department, and what each request type is for.
 */
export function ServicePageView({ entry, reader, onAsk }: { entry: Entry; reader: string; onAsk(typeId?: string): void }) {
  const { service: page, config } = entry;
  const hours = hoursText(config.calendar);
  const needs = [...page.needs].sort((a, b) => rank(a.from, reader) - rank(b.from, reader));
  return (
    <article className="service-page" aria-labelledby="service-title">
      <header className="service-head">
        <div>
          <h2 id="service-title">{entry.name}</h2>
          {page.vision && <p className="vision">{page.vision}</p>}
        </div>
        {entry.name !== reader && (
          <button type="button" className="primary" onClick={() => onAsk()}>
            Ask {entry.name}
          </button>
        )}
      </header>

      <div className="service-grid">
        <section aria-labelledby="does-title">
          <h3 id="does-title">What we do</h3>
          <p>{page.does || <span className="muted">Not said yet.</span>}</p>
          {page.doesNot && (
            <>
              <h3>What we don’t do</h3>
              <p>{page.doesNot}</p>
            </>
          )}
        </section>
        <section aria-labelledby="hours-title">
          <h3 id="hours-title">Hours</h3>
          {hours.length ? (
            <ul className="plain">
              {hours.map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No working hours set.</p>
          )}
          <p className="muted small">{config.calendar.timeZone}</p>
          <h3>Contacts</h3>
          {page.contacts.length ? (
            <ul className="plain">
              {page.contacts.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">Ask through a request: its members see it in their queue.</p>
          )}
        </section>
        <section aria-labelledby="targets-title">
          <h3 id="targets-title">Targets</h3>
          <table className="compact">
            <caption className="visually-hidden">Service level targets in {entry.name}’s business hours</caption>
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">First response</th>
                <th scope="col">Resolved</th>
              </tr>
            </thead>
            <tbody>
              {PRIORITIES.map((p) => (
                <tr key={p}>
                  <th scope="row">{PRIORITY_LABELS[p]}</th>
                  <td>{formatMinutes(config.policy.targets[p].responseMinutes)}</td>
                  <td>{formatMinutes(config.policy.targets[p].resolutionMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            {page.reopenDays > 0
              ? `A done request can be reopened within ${page.reopenDays} business day${page.reopenDays === 1 ? '' : 's'}.`
              : 'Done requests are not reopened: send a new one.'}
          </p>
        </section>
      </div>

      <section aria-labelledby="needs-title">
        <h3 id="needs-title">What we need from you</h3>
        {needs.length ? (
          <ul className="needs">
            {needs.map((n) => (
              <li key={`${n.from}:${n.text}`} className={n.from === reader ? 'yours' : undefined}>
                <span className="muted small">{n.from === '*' ? 'From everyone' : `From ${n.from}`}</span> {n.text}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing in particular: a clear title and a needed-by date.</p>
        )}
      </section>

      <section aria-labelledby="types-title">
        <h3 id="types-title">Request types</h3>
        <table className="compact types">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">What it is for</th>
              <th scope="col">Lead time</th>
              <th scope="col">
                <span className="visually-hidden">Ask</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {config.catalog.map((t) => {
              const about = Object.hasOwn(page.types, t.id) ? page.types[t.id] : undefined;
              const helped = t.fields.filter((f) => about?.help && Object.hasOwn(about.help, f.id));
              return (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>
                    {about?.description ?? <span className="muted">—</span>}
                    {about?.attach && <div className="muted small">Attach: {about.attach}</div>}
                    {helped.map((f) => (
                      <div key={f.id} className="muted small">
                        {f.label}: {about!.help![f.id]}
                      </div>
                    ))}
                  </td>
                  <td>{t.leadTimeMinutes ? formatMinutes(t.leadTimeMinutes) : 'none'}</td>
                  <td>
                    {entry.name !== reader && (
                      <button type="button" className="link" onClick={() => onAsk(t.id)} aria-label={`Ask for ${t.name}`}>
                        Ask
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </article>
  );
}

/** The reader's own department's needs first, then everyone's, then the others'. */
const rank = (from: string, reader: string) => (from === reader ? 0 : from === '*' ? 1 : 2);
