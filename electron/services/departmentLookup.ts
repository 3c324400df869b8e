import type { DepartmentConfig } from '../../shared/config/department.js';
import { DEFAULT_DEPARTMENTS } from '../../shared/config/department.js';
import type { ConfigState } from '../../shared/model/configState.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import type { RequestSla } from '../../shared/model/requestSla.js';
import { requestClocks } from '../../shared/model/requestSla.js';
import { providerOf } from '../../shared/model/transfers.js';
import { AppFailure } from './failure.js';
import { chainStatus, chainStepOf, turnOf as stepTurn } from '../../shared/model/chains.js';
import type { Status } from '../../shared/core/status.js';
import type { ChainTurn } from '../../shared/model/slaEvents.js';

/**
 * The departments as the folded configuration has them, and a request's clocks in its provider's
 * calendar and policy: what the services and the command-line report read alike.
 */
export function createDepartmentLookup(store: { readonly config: ConfigState; request(id: string): IndexEntry | undefined }) {
  /** Before the first seed arrives (only before setup), the built-in list. */
  const departments = (): string[] => (store.config.seeded ? store.config.departments() : [...DEFAULT_DEPARTMENTS]);

  // A queue asks for the same few departments' configuration thousands of times per list.
  let configCache = { version: -1, byName: new Map<string, DepartmentConfig | undefined>() };
  const departmentConfig = (name: string): DepartmentConfig | undefined => {
    if (configCache.version !== store.config.version) configCache = { version: store.config.version, byName: new Map() };
    if (!configCache.byName.has(name)) configCache.byName.set(name, store.config.get(name));
    return configCache.byName.get(name);
  };

  /** A chain step's wait for the steps it needs (none for any other request). */
  const turnOf = (e: IndexEntry): ChainTurn | undefined => {
    if (!e.links) return undefined;
    const step = chainStepOf(e, (id) => store.request(id));
    return (step && stepTurn(step.chain, step.step, (id) => store.request(id))) ?? undefined;
  };

  /** A request's status; a chain's parent's follows its steps (done when every one is closed). */
  const statusOf = (e: IndexEntry): Status =>
    e.chain ? chainStatus(e.chain.value.steps.map((s) => store.request(s.request)?.status?.value)) : e.status!.value;

  /** The clocks alone, for the rows of a list. A chain's parent has none: its steps have theirs. */
  const clocksOf = (e: IndexEntry, at: Date): RequestSla | null =>
    e.chain ? null : requestClocks(e.create!, e, departmentConfig(providerOf(e)), at, turnOf(e));

  /** A department by name, whatever its case; a clear error naming the choices otherwise. */
  const knownDepartment = (name: string): string => {
    const match = departments().find((d) => d.toLowerCase() === name.toLowerCase());
    if (!match) throw new AppFailure('invalid_input', `There is no department called "${name}". Choose one of: ${departments().join(', ')}.`);
    return match;
  };

  /** `ids` and the chains they are steps of: a step's change moves its chain's status, and the turn of its other steps. */
  const withChains = (ids: readonly string[]): string[] => {
    const out = new Set(ids);
    for (const id of ids) {
      const e = store.request(id);
      const step = e?.links ? chainStepOf(e, (other) => store.request(other)) : null;
      if (step) {
        out.add(step.parent);
        for (const s of step.chain.steps) out.add(s.request);
      }
    }
    return [...out];
  };

  return { departments, departmentConfig, clocksOf, turnOf, statusOf, withChains, knownDepartment };
}
