// The Electron preload: runs sandboxed, exposes `window.pinfleet` built from the contract, and
// `window.pinfleetFiles.pathForFile` for dropped files (local-files.ts).
// ipcRenderer itself never leaves this file.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildApi } from './api.js';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL_PREFIX } from './ipc-names.js';
import { buildLocalFiles, LOCAL_FILES_KEY } from './local-files.js';

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
// Dropped files: main streams them from disk by path (webUtils works on the File the page passes).
contextBridge.exposeInMainWorld(LOCAL_FILES_KEY, buildLocalFiles((file) => webUtils.getPathForFile(file)));
