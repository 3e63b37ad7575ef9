/**
 * The sandboxed preload: exposes `window.mak` (MakBridge of ipc-contract.ts) and nothing else. The renderer gets
 * functions that post engine messages; it never sees ipcRenderer, events or anything of Node.
 */

import type { HostToUi, UiToHost } from '@mak/shared/engine';
import { contextBridge, ipcRenderer } from 'electron';
import { type DesktopPlatformInfo, IPC_CHANNELS, type MakBridge } from '../ipc-contract.ts';

let receiver: ((message: HostToUi) => void) | null = null;
ipcRenderer.on(IPC_CHANNELS.engineToUi, (_event, message: HostToUi) => receiver?.(message));
// Once per page load: the main process drops whatever the previous page of this window had open.
ipcRenderer.send(IPC_CHANNELS.engineConnect);

const bridge: MakBridge = {
  engine: {
    post(message: UiToHost) {
      ipcRenderer.send(IPC_CHANNELS.engineToHost, message);
    },
    onMessage(receive) {
      if (typeof receive !== 'function') throw new TypeError('onMessage takes a function');
      receiver = receive;
    },
  },
  platform: (): Promise<DesktopPlatformInfo> => ipcRenderer.invoke(IPC_CHANNELS.platform),
};

contextBridge.exposeInMainWorld('mak', bridge);
