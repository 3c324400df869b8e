import { contextBridge, ipcRenderer } from 'electron';
import type { AppEvent, PreloadBridge } from '../../shared/contract/api.js';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../shared/contract/methods.js';

// One function per contract method; the renderer never sees ipcRenderer itself.
const methods = Object.fromEntries(API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(IPC_PREFIX + method, input ?? {})]));

const bridge = {
  ...methods,
  onEvent(listener: (event: AppEvent) => void) {
    const forward = (_event: unknown, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  },
} as PreloadBridge;

contextBridge.exposeInMainWorld('interdesk', bridge);
