// Serves the router over Electron IPC: one `ipcMain.handle` per contract channel, each checking
// its sender before anything else, and the event bus fanned out to every live Pinfleet window.
// Electron objects come in through the deps so tests drive it with fakes.
//
// Local paths: a request may name only a file the admin gave this session, through main's own
// open dialog (FILES_CHOOSE_CHANNEL) or by dropping or choosing it in the window (the preload
// sends webUtils' path on FILES_DROPPED_CHANNEL). Anything else is refused with forbidden_path.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../src-preload/contract/contract.js';
import type { Result } from '../../src-preload/contract/errors.js';
import { EVENT_CHANNEL_PREFIX, FILES_CHOOSE_CHANNEL, FILES_DROPPED_CHANNEL, INVOKE_CHANNEL_PREFIX } from '../../src-preload/ipc-names.js';
import type { ChooseKind } from '../../src-preload/local-files.js';
import { guardLocalPaths } from '../files/local-path-policy.js';
import type { PathGrants } from '../files/path-grants.js';
import type { EventBus } from '../core/events.js';
import type { Router } from '../core/router.js';
import type { ShellLog } from './log.js';
import { isChooseKind } from './file-dialog.js';
import { senderRejection, type SenderFacts } from './sender-check.js';

export interface EventReceiver {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export interface IpcTransportDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  router: Router;
  /** What the admin gave this session: the only local paths a request may name. */
  grants: PathGrants;
  /** Main's open dialog, attached to the window that asked; the chosen paths, [] when cancelled. */
  chooseFiles(webContentsId: number, kind: ChooseKind): Promise<string[]>;
  bus: Pick<EventBus, 'subscribe'>;
  /** True for the webContents of a window Pinfleet created and still has open. */
  isOurWebContents(webContentsId: number): boolean;
  /** Where events go: the webContents of every Pinfleet window. */
  eventReceivers(): Iterable<EventReceiver>;
  log: ShellLog;
}

function rejectionOf(event: SenderFacts, isOurWebContents: (id: number) => boolean): string | null {
  try {
    return senderRejection(event, isOurWebContents);
  } catch {
    // Reading a destroyed webContents throws; a sender that vanished is not trusted.
    return 'the sender is gone';
  }
}

/** Registers every channel and the event fan-out; the returned function undoes both. */
export function registerIpcTransport(deps: IpcTransportDeps): () => void {
  const { ipcMain, bus, log, grants } = deps;
  const router = guardLocalPaths(deps.router, grants);

  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(
      `${INVOKE_CHANNEL_PREFIX}${channel}`,
      async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
        const rejection = rejectionOf(event, deps.isOurWebContents);
        if (rejection !== null) {
          log.warn(`refused IPC call to ${channel}: ${rejection}`);
          return { ok: false, error: { code: 'forbidden_origin', message: `${channel} refused: ${rejection}` } };
        }
        return router.call(channel, input);
      },
    );
  }

  ipcMain.handle(FILES_CHOOSE_CHANNEL, async (event: IpcMainInvokeEvent, kind: unknown): Promise<string[]> => {
    const rejection = rejectionOf(event, deps.isOurWebContents);
    if (rejection !== null || !isChooseKind(kind)) {
      log.warn(`refused a file dialog: ${rejection ?? 'unknown kind of file'}`);
      return [];
    }
    const chosen = await deps.chooseFiles(event.sender.id, kind);
    grants.grant(chosen);
    return chosen;
  });
  const onDropped = (event: IpcMainEvent, given: unknown) => {
    const rejection = rejectionOf(event, deps.isOurWebContents);
    if (rejection !== null || typeof given !== 'string' || given.length > 4096) {
      log.warn(`ignored a dropped file: ${rejection ?? 'not a path'}`);
      return;
    }
    grants.grant([given]);
  };
  ipcMain.on(FILES_DROPPED_CHANNEL, onDropped);

  const unsubscribe = bus.subscribe((event, payload) => {
    for (const receiver of deps.eventReceivers()) {
      if (receiver.isDestroyed()) continue;
      try {
        receiver.send(`${EVENT_CHANNEL_PREFIX}${event}`, payload);
      } catch (error) {
        // A window closing while we send must not stop the others from hearing the event.
        log.error(`could not deliver ${event} to a window`, error);
      }
    }
  });

  return () => {
    unsubscribe();
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(`${INVOKE_CHANNEL_PREFIX}${channel}`);
    ipcMain.removeHandler(FILES_CHOOSE_CHANNEL);
    ipcMain.removeListener(FILES_DROPPED_CHANNEL, onDropped);
  };
}
