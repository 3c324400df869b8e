import type { AppEvent, AppApi, PreloadBridge } from './api.js';
import type { ApiMethod } from './methods.js';
import { API_METHODS } from './methods.js';
import type { Result } from './result.js';

/**
 * The whole contract as an object of one function per method, built from a single way to call a
 * method and a single way to hear events (as VS Code's ProxyChannel builds a service proxy from
 * one channel). The preload, the browser's HTTP client and the tests' in-process client each
 * give only those two.
 */
export function createBridge(
  call: (method: ApiMethod, input: unknown) => Promise<Result<unknown>>,
  onEvent: (listener: (event: AppEvent) => void) => () => void,
): PreloadBridge {
  const methods = Object.fromEntries(API_METHODS.map((method) => [method, (input: unknown) => call(method, input ?? {})])) as unknown as AppApi;
  return { ...methods, onEvent };
}
