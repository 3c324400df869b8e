import { createBridge } from '../../shared/contract/bridge.js';
import type { ApiClient } from '../../renderer/src/api/client.js';
import type { TestServices } from './services.js';

/** The renderer's client wired straight to the real services: the renderer tested against what it talks to. */
export function inProcessClient(s: TestServices): ApiClient {
  return createBridge(
    (method, input) => s.dispatch(method, input),
    (listener) => s.events.subscribe(listener),
  );
}
