import { useApp } from '../../state/context.js';
import { selectDepartment } from '../../state/selectors.js';
import { ServicePageView } from './ServicePageView.js';

/** Every department's service page, for anyone: pick a department on the left, read what it does and needs, and ask it. */
export function ServicesScreen() {
  const config = useApp((s) => s.config);
  const mine = useApp(selectDepartment);
  const shown = useApp((s) => s.serviceDepartment);
  const openServices = useApp((s) => s.openServices);
  const startRequest = useApp((s) => s.startRequest);
  const openSettings = useApp((s) => s.openSettings);
  if (!config) return <p className="state-message muted">Loading departments…</p>;
  if (!config.departments.length) return <p className="state-message muted">No departments yet.</p>;
  const entry = config.departments.find((d) => d.name === shown) ?? config.departments.find((d) => d.name !== mine) ?? config.departments[0]!;
  return (
    <section className="services" aria-labelledby="services-title">
      <header className="queue-header">
        <h1 id="services-title">Departments</h1>
        {entry.name === mine && (
          <button type="button" className="link" onClick={openSettings}>
            Edit our page in Department settings
          </button>
        )}
      </header>
      <div className="services-body">
        <nav aria-label="Departments" className="service-list">
          <ul>
            {config.departments.map((d) => (
              <li key={d.name}>
                <button type="button" className="nav-item" aria-current={d.name === entry.name ? 'page' : undefined} onClick={() => openServices(d.name)}>
                  <span>{d.name}</span>
                  {d.name === mine && <span className="muted small">yours</span>}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <ServicePageView
          key={entry.name}
          entry={entry}
          reader={mine}
          onAsk={(typeId) => startRequest({ toDepartment: entry.name, ...(typeId ? { typeId } : {}) })}
        />
      </div>
    </section>
  );
}
