// The Electron preload: runs sandboxed, exposes `window.pinfleet` built from the contract, and
// `window.pinfleetFiles` for dropped and chosen files (local-files.ts).
// ipcRenderer itself never leaves this file.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildApi } from './api.js';
import { EVENT_CHANNEL_PREFIX, FILES_CHOOSE_CHANNEL, FILES_DROPPED_CHANNEL, INVOKE_CHANNEL_PREFIX } from './ipc-names.js';
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
// Dropped or chosen files: main streams them from disk by path (webUtils works on the File the page
// passes), and reads only paths given this way or through its own dialog.
contextBridge.exposeInMainWorld(
  LOCAL_FILES_KEY,
  buildLocalFiles({
    getPathForFile: (file) => webUtils.getPathForFile(file),
    given: (path) => ipcRenderer.send(FILES_DROPPED_CHANNEL, path),
    choose: (kind) => ipcRenderer.invoke(FILES_CHOOSE_CHANNEL, kind) as Promise<string[]>,
  }),
);
