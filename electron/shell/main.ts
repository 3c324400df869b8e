import { app, BrowserWindow, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openServices } from '../services/compose.js';
import { ElectronSettings } from './electronSettings.js';
import { registerIpc } from './ipc.js';
import { createMainWindow, installContentSecurityPolicy, lockDownContents } from './window.js';

// The shell only wires Electron objects to the services; all logic lives where Node tests run it.
const here = dirname(fileURLToPath(import.meta.url));
const preload = join(here, 'preload.cjs');
const indexHtml = join(here, '../renderer/index.html');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));

  void app.whenReady().then(() => {
    const settings = new ElectronSettings();
    const services = openServices({ dataDir: app.getPath('userData'), settings });
    installContentSecurityPolicy(session.defaultSession);
    registerIpc(services, () => mainWindow, indexHtml);
    mainWindow = createMainWindow({ preload, indexHtml, settings });
    mainWindow.on('closed', () => (mainWindow = null));

    app.on('activate', () => {
      if (!mainWindow) mainWindow = createMainWindow({ preload, indexHtml, settings });
    });
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('will-quit', () => services.close());
  });
}
