import type { AppEvent, PreloadBridge } from '../../../shared/contract/api.js';
import { createBridge } from '../../../shared/contract/bridge.js';
import type { Result } from '../../../shared/contract/result.js';
import { fail } from '../../../shared/contract/result.js';

/** What the renderer talks to: the contract plus event subscription, over either transport. */
export type ApiClient = PreloadBridge;

declare global {
  interface Window {
    interdesk?: PreloadBridge;
  }
}

/** Browser transport (DESIGN.md §2): the token arrives in the URL fragment the preview printed. */
export function createHttpClient(baseUrl: string, token: string): ApiClient {
  const call = async (method: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(new URL(`api/${method}`, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Result<unknown>;
    } catch {
      return fail('internal', 'Interdesk is not reachable. Is the preview still running? Start it again and reload this page.');
    }
  };
  return createBridge(call, (listener) => {
    const source = new EventSource(new URL(`api/events?token=${encodeURIComponent(token)}`, baseUrl));
    source.onmessage = (message) => listener(JSON.parse(message.data as string) as AppEvent);
    return () => source.close();
  });
}

/** The preload's bridge inside Electron; the HTTP client when the page was opened by the preview. */
export function connect(): ApiClient | { error: string } {
  if (window.interdesk) return window.interdesk;
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('interdesk.token');
  if (!token) return { error: 'This page needs the address the Interdesk preview printed (it ends with #token=…).' };
  sessionStorage.setItem('interdesk.token', token);
  history.replaceState(null, '', location.pathname);
  return createHttpClient(location.origin + location.pathname, token);
}
