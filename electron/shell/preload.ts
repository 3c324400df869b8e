import { contextBridge, ipcRenderer } from 'electron';
import type { AppEvent, PreloadBridge } from '../../shared/contract/api.js';
import { createBridge } from '../../shared/contract/bridge.js';
import type { Result } from '../../shared/contract/result.js';
import { IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../shared/contract/methods.js';

// One function per contract method; the renderer never sees ipcRenderer itself.
const bridge: PreloadBridge = createBridge(
  (method, input) => ipcRenderer.invoke(IPC_PREFIX + method, input) as Promise<Result<unknown>>,
  (listener) => {
    const forward = (_event: unknown, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  },
);

contextBridge.exposeInMainWorld('interdesk', bridge);
