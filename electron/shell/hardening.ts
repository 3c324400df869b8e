import type { Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../services/csp.js';

/** Where the app runs: what the hardening below depends on, injected so tests can say it. */
export interface ShellHost {
  /** `app.isPackaged`: an installed build, not `npm start`. */
  packaged: boolean;
  platform: NodeJS.Platform;
}

/**
 * On Windows and macOS the spell checker is the operating system's. Elsewhere Chromium would
 * fetch Hunspell dictionaries from Google's servers, which an internal tool must not do, so
 * there it is off.
 */
export const spellCheckFromOs = (host: ShellHost): boolean => host.platform === 'darwin' || host.platform === 'win32';

/** The main window's web preferences: an isolated, sandboxed page; DevTools only while developing. */
export function windowPreferences(preload: string, host: ShellHost): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webviewTag: false,
    spellcheck: spellCheckFromOs(host),
    devTools: !host.packaged,
  };
}

/** A dictionary address that never resolves (RFC 2606), should a spell checker ask for one anyway. */
export const NO_DICTIONARY_DOWNLOADS = 'https://dictionaries.invalid/';

/**
 * The app's session: the CSP header on every response (the page also has it as a meta tag);
 * every permission refused, both when a page asks (request) and when Chromium checks quietly
 * (check), since the page uses none (notifications come from the main process); no device
 * access; no dictionaries from the internet.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARY_DOWNLOADS);
}

/** No navigation away from the app, no new windows; http(s) links open in the user's browser. */
export function lockDownContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) openExternal(url);
    return { action: 'deny' };
  });
}
