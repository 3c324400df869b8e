import { app, type BrowserWindow, Menu, Notification, nativeImage, nativeTheme, safeStorage, session, shell, Tray } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppEvents } from '../../shared/contract/api.js';
import { NOTIFY_SCREEN } from '../../shared/notify/policy.js';
import { openServices } from '../services/compose.js';
import { ElectronSettings } from './electronSettings.js';
import { registerIpc } from './ipc.js';
import { Notifier } from './notifier.js';
import { TrayPresenter } from './tray.js';
import { hardenSession, lockDownContents, type ShellHost } from './hardening.js';
import { createMainWindow } from './window.js';

// The shell only wires Electron objects to the services; all logic lives where Node tests run it.
const here = dirname(fileURLToPath(import.meta.url));
const preload = join(here, 'preload.cjs');
const indexHtml = join(here, '../renderer/index.html');
const host: ShellHost = { packaged: app.isPackaged, platform: process.platform };
const trayIcon = (attention: boolean) =>
  nativeImage.createFromPath(join(here, '../assets', `tray-${nativeTheme.shouldUseDarkColors ? 'dark' : 'light'}${attention ? '-attention' : ''}.png`));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let quitting = false;

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => void shell.openExternal(url)));

  void app.whenReady().then(() => {
    const settings = new ElectronSettings();
    const services = openServices({
      dataDir: app.getPath('userData'),
      settings,
      loginItem: { set: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }) },
      keyVault: {
        // On Linux without a secret service, safeStorage "encrypts" with a fixed password: that is no protection, so the key is kept as a private file instead (and says so).
        available: () => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
        seal: (plain) => safeStorage.encryptString(plain.toString('base64')),
        open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
      },
    });
    hardenSession(session.defaultSession);
    registerIpc(services, () => mainWindow, indexHtml);

    const focus = (target: AppEvents['focus']) => {
      show();
      services.events.emit({ name: 'focus', payload: target });
    };
    const show = () => {
      if (!mainWindow) mainWindow = openWindow();
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    };
    // Closing the window keeps Interdesk in the tray, where it can still tell people things.
    const openWindow = (): BrowserWindow => {
      const win = createMainWindow({ preload, indexHtml, settings, host });
      win.on('close', (event) => {
        if (quitting) return;
        event.preventDefault();
        win.hide();
        if (!settings.read().trayHintShown) {
          settings.write({ ...settings.read(), trayHintShown: true });
          if (Notification.isSupported())
            new Notification({
              title: 'Interdesk is still running',
              body: 'It keeps syncing and will tell you when something needs you. Quit it from the tray icon.',
            }).show();
        }
      });
      win.on('closed', () => (mainWindow = null));
      return win;
    };
    mainWindow = openWindow();

    const notifier = new Notifier({
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification(options),
      onClick: (intent) => {
        const screen = NOTIFY_SCREEN[intent.kind];
        focus(screen ? { screen } : intent.requestId ? { request: intent.requestId } : { screen: 'incoming' });
      },
    });
    const tray = new Tray(trayIcon(false));
    // A click on the icon itself opens the window (Windows and most Linux panels; macOS shows the menu).
    tray.on('click', show);
    const presenter = new TrayPresenter({
      tray,
      buildMenu: (template) => Menu.buildFromTemplate(template),
      icon: trayIcon,
      actions: {
        show,
        openRequest: (id) => focus({ request: id }),
        syncNow: () => void services.sync.syncNow(),
        pause: (until) => void services.dispatch('pauseNotifications', { until: until?.toISOString() ?? null }),
        preferences: () => focus({ screen: 'preferences' }),
        people: () => focus({ screen: 'people' }),
        waitingOnUs: () => focus({ screen: 'waiting' }),
        quit: () => {
          quitting = true;
          app.quit();
        },
      },
    });
    const redrawTray = () => presenter.render(services.notifications.tray());
    services.events.subscribe((e) => {
      if (e.name === 'notification') notifier.show(e.payload);
      else if (e.name !== 'focus') redrawTray();
    });
    nativeTheme.on('updated', () => presenter.redraw(services.notifications.tray()));
    // Due dates move with time alone; the tray follows once a minute.
    setInterval(redrawTray, 60_000).unref();
    redrawTray();

    app.on('second-instance', show);
    app.on('activate', show);
    app.on('before-quit', () => (quitting = true));
    app.on('will-quit', () => services.close());
  });
}
