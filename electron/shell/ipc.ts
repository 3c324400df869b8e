import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import { pathToFileURL } from 'node:url';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../shared/contract/methods.js';
import { fail } from '../../shared/contract/result.js';
import type { Services } from '../services/compose.js';

/**
 * One handler per contract method. A call is served only when it comes from the app's own
 * window showing the app's own page; the payload is validated by the dispatcher.
 */
export function registerIpc(services: Services, mainWindow: () => BrowserWindow | null, indexHtml: string): void {
  const appUrl = pathToFileURL(indexHtml).href;
  const fromOwnWindow = (event: IpcMainInvokeEvent): boolean => {
    const win = mainWindow();
    return !!win && event.sender === win.webContents && event.senderFrame?.url.split('#')[0] === appUrl;
  };
  for (const method of API_METHODS) {
    ipcMain.handle(IPC_PREFIX + method, (event, payload: unknown) => {
      if (!fromOwnWindow(event)) return fail('unauthorized', 'This call did not come from the Interdesk window and was refused.');
      return services.dispatch(method, payload);
    });
  }
  services.events.subscribe((appEvent) => {
    const win = mainWindow();
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, appEvent);
  });
}
