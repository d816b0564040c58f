// The Electron entry. It only connects things: the data folder, the hardened session and
// windows, the pinfleet:// scheme and the IPC transport around the app context that
// compose.ts builds. Every decision it applies is a pure function beside it, tested under Node.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Notification, safeStorage, session, webContents } from 'electron';
import { createAppContext, type AppContext } from '../app/compose.js';
import type { EventPayload } from '../../src-preload/contract/contract.js';
import { resolveDataDir } from '../core/data-dir.js';
import { registerAppSchemeAsPrivileged, serveRendererFiles } from './app-protocol.js';
import { AppWindows } from './app-windows.js';
import { dataDirFlag } from './argv.js';
import { PathGrants } from '../files/path-grants.js';
import { dialogOptionsFor } from './file-dialog.js';
import { guardSession, guardWebContents } from './guards.js';
import { registerIpcTransport } from './ipc-transport.js';
import { createSafeStorageSecrets } from './safe-storage-secrets.js';
import { consoleShellLog as log } from './log.js';
import { describeStartupFailure } from './startup-failure.js';

// This file is built to out/main/index.js, beside out/preload and out/renderer.
const mainDir = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_ROOT = path.join(mainDir, '..', 'renderer');
const PRELOAD_PATH = path.join(mainDir, '..', 'preload', 'index.cjs');

// The same folder as the CLI and `pinfleet serve` (not app.getPath). Chromium's own profile goes
// there too, which also scopes the single-instance lock to the data folder: two windows never
// share one inventory, while a second data folder (tests, a second fleet) can run beside it.
const dataDir = resolveDataDir(dataDirFlag(process.argv));
app.setPath('userData', dataDir);

// Before 'ready': every renderer sandboxed, whatever its options say, and the app's scheme known.
app.enableSandbox();
registerAppSchemeAsPrivileged();

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}

function start(): void {
  const windows = new AppWindows(PRELOAD_PATH, log);
  let context: AppContext | null = null;
  let stopIpc: (() => void) | null = null;
  let stopAlerts: (() => void) | null = null;

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
  // A second launch on the same data folder brings this window forward (once we are running).
  app.on('second-instance', () => {
    if (context !== null) windows.focusOrOpen();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (context !== null && windows.count() === 0) windows.open();
  });
  app.on('will-quit', (event) => {
    stopAlerts?.();
    stopIpc?.();
    stopIpc = null;
    if (context === null) return;
    // Closing is asynchronous (the poller may be mid-write): hold the quit until it is done.
    const closing = context;
    context = null;
    event.preventDefault();
    closing
      .close()
      .catch((error: unknown) => log.error('closing Pinfleet failed', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => {
      guardSession(session.defaultSession, log);
      serveRendererFiles(RENDERER_ROOT, log);
      try {
        // safeStorage works only after 'ready'; without a real keychain compose.ts falls back (and says why).
        const secrets = createSafeStorageSecrets(safeStorage, dataDir, log);
        context = createAppContext({ dataDir, actor: 'ui', secrets, runPoller: true });
      } catch (error) {
        // e.g. db_newer_than_app: the admin must read why before the app goes away.
        const failure = describeStartupFailure(error, dataDir);
        log.error(failure.title, error);
        dialog.showErrorBox(failure.title, failure.message);
        app.exit(1);
        return;
      }
      stopIpc = registerIpcTransport({
        ipcMain,
        router: context.router,
        bus: context.bus,
        isOurWebContents: (id) => windows.isOurWebContents(id),
        eventReceivers: () => windows.liveWebContents(),
        // In memory only: a new session starts with nothing given.
        grants: new PathGrants(),
        chooseFiles: async (id, kind) => {
          const contents = webContents.fromId(id);
          const owner = contents ? BrowserWindow.fromWebContents(contents) : null;
          const result = owner ? await dialog.showOpenDialog(owner, dialogOptionsFor(kind)) : await dialog.showOpenDialog(dialogOptionsFor(kind));
          return result.canceled ? [] : result.filePaths;
        },
        log,
      });
      // Alerts (a node filling up, going down, coming back) become OS notifications.
      stopAlerts = context.bus.subscribe((event, payload) => {
        if (event !== 'alerts.raised' || !Notification.isSupported()) return;
        const alert = payload as EventPayload<'alerts.raised'>;
        new Notification({ title: `Pinfleet: ${alert.node}`, body: alert.message }).show();
      });
      windows.open();
    })
    .catch((error: unknown) => {
      log.error('Pinfleet failed to start', error);
      app.exit(1);
    });
}
