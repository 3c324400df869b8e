import type { ApiOutputs } from '../../../../shared/contract/api.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

/** Launching one of the department's templates: which, the plan for the answers so far, and sending it. */
export interface LaunchSlice {
  launching: { department: string; templateId: string } | null;
  launchPlan: ApiOutputs['planLaunch'] | null;
  startLaunch(department: string, templateId: string): void;
  cancelLaunch(): void;
  /** What the answers would send: every step's date, lead time and short notice (nothing is sent). */
  planLaunch(answers: Record<string, string>): Promise<void>;
  launchTemplate(answers: Record<string, string>): Promise<AppError | null>;
}

export const createLaunchSlice = (set: SetState, get: GetState, { client }: StoreDeps): LaunchSlice => {
  /** The answers of the plan on screen: a slower answer to older ones is not shown. */
  let asked = '';
  return {
    launching: null,
    launchPlan: null,
    startLaunch(department, templateId) {
      set({ composing: false, launching: { department, templateId }, launchPlan: null });
    },
    cancelLaunch() {
      set({ launching: null, launchPlan: null });
    },
    async planLaunch(answers) {
      const launching = get().launching;
      if (!launching) return;
      const key = JSON.stringify(answers);
      asked = key;
      const r = await client.planLaunch({ ...launching, answers });
      if (asked !== key || get().launching !== launching) return;
      set({ launchPlan: r.ok ? r.value : { steps: [], problems: [r.error.message] } });
    },
    async launchTemplate(answers) {
      const launching = get().launching;
      if (!launching) return null;
      const r = await client.launchTemplate({ ...launching, answers });
      if (!r.ok) return r.error;
      set({ launching: null, launchPlan: null, selectedId: r.value.id, detail: r.value, detailState: 'ready' });
      await get().setView('outgoing');
      return null;
    },
  };
};
