// The Electron preload: runs sandboxed, exposes `window.pinfleet` built from the contract.
// ipcRenderer itself never leaves this file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from './api.js';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL_PREFIX } from './ipc-names.js';

const api = buildApi({
  send: (channel, input) => ipcRenderer.invoke(`${INVOKE_CHANNEL_PREFIX}${channel}`, input),
  listen: (event, listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(`${EVENT_CHANNEL_PREFIX}${event}`, wrapped);
    return () => {
      ipcRenderer.removeListener(`${EVENT_CHANNEL_PREFIX}${event}`, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('pinfleet', api);
