import type { Config } from '../../../../shared/contract/api.js';
import type { ApiInputs } from '../../../../shared/contract/schemas.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { GetState, SetState, StoreDeps } from './kit.js';
import { keepAnswer } from './kit.js';

/** Departments' calendars, service levels and catalogs, as the share has them. */
export interface ConfigSlice {
  config: Config | null;
  loadConfig(): Promise<void>;
  saveDepartmentConfig(input: ApiInputs['saveDepartmentConfig']): Promise<AppError | null>;
  saveConfidentialTypes(input: ApiInputs['saveConfidentialTypes']): Promise<AppError | null>;
  saveServicePage(input: ApiInputs['saveServicePage']): Promise<AppError | null>;
  saveTemplates(input: ApiInputs['saveTemplates']): Promise<AppError | null>;
  addDepartment(name: string): Promise<AppError | null>;
}

export const createConfigSlice = (set: SetState, _get: GetState, { client }: StoreDeps): ConfigSlice => ({
  config: null,
  async loadConfig() {
    const r = await client.getConfig({});
    if (r.ok) set({ config: r.value });
  },
  saveDepartmentConfig(input) {
    return keepAnswer(set, 'config', client.saveDepartmentConfig(input));
  },
  saveConfidentialTypes(input) {
    return keepAnswer(set, 'config', client.saveConfidentialTypes(input));
  },
  saveServicePage(input) {
    return keepAnswer(set, 'config', client.saveServicePage(input));
  },
  saveTemplates(input) {
    return keepAnswer(set, 'config', client.saveTemplates(input));
  },
  addDepartment(name) {
    return keepAnswer(set, 'config', client.addDepartment({ name }));
  },
});
