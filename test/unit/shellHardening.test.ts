import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hardenSession, lockDownContents, NO_DICTIONARY_DOWNLOADS, windowPreferences } from '../../electron/shell/hardening.js';

const root = join(import.meta.dirname, '..', '..');

/** A session that records the handlers the app installs, as Electron would keep them. */
type HeadersHandler = (details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;
type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string) => boolean;
type DeviceHandler = (details: unknown) => boolean;

function fakeSession() {
  const handlers: { headers?: HeadersHandler; request?: RequestHandler; check?: CheckHandler; device?: DeviceHandler; dictionaries?: string } = {};
  const session = {
    webRequest: { onHeadersReceived: (h: HeadersHandler) => (handlers.headers = h) },
    setPermissionRequestHandler: (h: RequestHandler) => (handlers.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => (handlers.check = h),
    setDevicePermissionHandler: (h: DeviceHandler) => (handlers.device = h),
    setSpellCheckerDictionaryDownloadURL: (url: string) => (handlers.dictionaries = url),
  };
  return { session: session as unknown as Session, handlers };
}

describe('the packaged app', () => {
  it('flips the fuses: no running as plain Node, no NODE_OPTIONS, no --inspect, asar checked and the only place the app loads from', () => {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { asar?: boolean; electronFuses?: Record<string, boolean> };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe('the window', () => {
  it('is isolated and sandboxed; DevTools only while developing; spell-checking only where the OS does it', () => {
    const packagedLinux = windowPreferences('/app/preload.cjs', { packaged: true, platform: 'linux' });
    expect(packagedLinux).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
      spellcheck: false,
    });
    expect(windowPreferences('/app/preload.cjs', { packaged: false, platform: 'linux' }).devTools).toBe(true);
    expect(windowPreferences('/app/preload.cjs', { packaged: true, platform: 'win32' }).spellcheck).toBe(true);
    expect(windowPreferences('/app/preload.cjs', { packaged: true, platform: 'darwin' }).spellcheck).toBe(true);
  });
});

describe("the app's session", () => {
  it('refuses every permission, asked for or checked, and every device', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    const answers: boolean[] = [];
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'fullscreen']) {
      handlers.request?.({}, permission, (granted) => answers.push(granted));
      answers.push(handlers.check?.({}, permission, 'file://') ?? true);
    }
    answers.push(handlers.device?.({ deviceType: 'usb' }) ?? true);
    expect(answers).toHaveLength(11);
    expect(answers.every((a) => a === false)).toBe(true);
  });

  it('sends the content security policy with every response, and fetches no dictionaries', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    let sent: Record<string, string[]> | undefined;
    handlers.headers?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (sent = r.responseHeaders));
    expect(sent?.['Content-Type']).toEqual(['text/html']);
    expect(sent?.['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
    expect(handlers.dictionaries).toBe(NO_DICTIONARY_DOWNLOADS);
    expect(new URL(NO_DICTIONARY_DOWNLOADS).hostname.endsWith('.invalid')).toBe(true);
  });
});

describe('web contents', () => {
  it('never navigate away; web links open in the browser, anything else nowhere', () => {
    let navigate: ((event: { preventDefault(): void }) => void) | undefined;
    let open: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, h: typeof navigate) => name === 'will-navigate' && (navigate = h),
      setWindowOpenHandler: (h: typeof open) => (open = h),
    } as unknown as WebContents;
    const opened: string[] = [];
    lockDownContents(contents, (url) => opened.push(url));
    let prevented = false;
    navigate?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(open?.({ url: 'https://example.com/runbook' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/runbook']);
  });
});
