// Serves the router over Electron IPC: one `ipcMain.handle` per contract channel, each checking
// its sender before anything else, and the event bus fanned out to every live Pinfleet window.
// Electron objects come in through the deps so tests drive it with fakes.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../src-preload/contract/contract.js';
import type { Result } from '../../src-preload/contract/errors.js';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL_PREFIX } from '../../src-preload/ipc-names.js';
import type { EventBus } from '../core/events.js';
import type { Router } from '../core/router.js';
import type { ShellLog } from './log.js';
import { senderRejection, type SenderFacts } from './sender-check.js';

export interface EventReceiver {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export interface IpcTransportDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  router: Router;
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
  const { ipcMain, router, bus, log } = deps;

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
  };
}
