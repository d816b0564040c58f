// Who may call the router over IPC. Only the main frame of a window Pinfleet created, showing
// pinfleet://app/, is trusted. A subframe, a page that somehow navigated elsewhere, or any other
// webContents gets `forbidden_origin` and never reaches a handler.
//
// The shapes below are the parts of Electron's IpcMainInvokeEvent the decision reads, so the
// real event is passed as is and tests pass plain objects.
import { isAppUrl } from './app-origin.js';

interface FrameIdentity {
  readonly processId: number;
  readonly routingId: number;
}

export interface SenderFrameFacts extends FrameIdentity {
  readonly url: string;
  /** null for a main frame. */
  readonly parent: unknown;
}

export interface SenderFacts {
  readonly sender: { readonly id: number; readonly mainFrame: FrameIdentity };
  readonly senderFrame: SenderFrameFacts | null;
}

/** Returns null when the sender is trusted, otherwise why it is not (for the log and the reply). */
export function senderRejection(event: SenderFacts, isOurWebContents: (webContentsId: number) => boolean): string | null {
  const frame = event.senderFrame;
  // Electron gives null when the frame has navigated away or been destroyed since it sent.
  if (frame === null) return 'the sending frame is gone';
  if (!isAppUrl(frame.url)) return 'the sending frame is not showing Pinfleet';
  if (frame.parent !== null) return 'the sender is a subframe';
  if (!isOurWebContents(event.sender.id)) return 'the sender is not a Pinfleet window';
  const main = event.sender.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return 'the sender is not the main frame of its window';
  }
  return null;
}
