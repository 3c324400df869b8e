import { BrowserWindow } from 'electron';
import type { ElectronSettings } from './electronSettings.js';
import { type ShellHost, windowPreferences } from './hardening.js';

export function createMainWindow(opts: { preload: string; indexHtml: string; settings: ElectronSettings; host: ShellHost }): BrowserWindow {
  const saved = opts.settings.readWindow();
  const win = new BrowserWindow({
    width: saved?.width ?? 1280,
    height: saved?.height ?? 820,
    ...(saved?.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    minWidth: 900,
    minHeight: 560,
    title: 'Interdesk',
    show: false,
    webPreferences: windowPreferences(opts.preload, opts.host),
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    opts.settings.writeWindow({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  });
  void win.loadFile(opts.indexHtml);
  return win;
}
