import type { AppApi } from '../../shared/contract/api.js';
import { API_METHODS } from '../../shared/contract/methods.js';
import type { ApiClient } from '../../renderer/src/api/client.js';
import type { TestServices } from './services.js';

/** The renderer's client wired straight to the real services: the renderer tested against what it talks to. */
export function inProcessClient(s: TestServices): ApiClient {
  const methods = Object.fromEntries(API_METHODS.map((m) => [m, (input: unknown) => s.dispatch(m, input)])) as unknown as AppApi;
  return { ...methods, onEvent: (listener) => s.events.subscribe(listener) };
}
