import type { People } from '../../../../shared/contract/api.js';
import type { ApiInputs } from '../../../../shared/contract/schemas.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { GetState, SetState, StoreDeps } from './kit.js';
import { keepAnswer } from './kit.js';

/** The share's roster as the People screen shows it: who is in which department, who asks to join, and the answers. */
export interface PeopleSlice {
  people: People | null;
  peopleError: string | null;
  loadPeople(): Promise<void>;
  askToJoin(departments: string[]): Promise<AppError | null>;
  /** On a share made before keys: this person becomes its first admin. */
  turnOnRoles(): Promise<AppError | null>;
  grantRole(input: ApiInputs['grantRole']): Promise<AppError | null>;
  revokeRole(input: ApiInputs['revokeRole']): Promise<AppError | null>;
}

export const createPeopleSlice = (set: SetState, get: GetState, { client }: StoreDeps): PeopleSlice => ({
  people: null,
  peopleError: null,
  async loadPeople() {
    const r = await client.getPeople({});
    set(r.ok ? { people: r.value, peopleError: null } : { peopleError: r.error.message });
  },
  async askToJoin(departments) {
    const r = await client.askToJoin({ departments });
    if (!r.ok) return r.error;
    set({ session: r.value });
    await get().loadPeople();
    return null;
  },
  async turnOnRoles() {
    const r = await client.turnOnRoles({});
    if (!r.ok) return r.error;
    set({ session: r.value, people: null });
    await get().loadPeople();
    return null;
  },
  grantRole(input) {
    return keepAnswer(set, 'people', client.grantRole(input));
  },
  revokeRole(input) {
    return keepAnswer(set, 'people', client.revokeRole(input));
  },
});
