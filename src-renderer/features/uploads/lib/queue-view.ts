// How an item of the upload queue reads on screen: its stage, its progress figures and the queue's
// total. Pure, over the item main stored and the last uploads.progress event for it.
import type { UploadItem, UploadProgress } from '../../../../src-preload/contract/upload-types';

export type QueueStage = 'sending' | 'pending' | 'waiting' | 'active' | 'done' | 'failed' | 'cancelled';

export const STAGE_LABEL: Record<QueueStage, string> = {
  sending: 'Sending to Pinfleet',
  pending: 'Pending',
  waiting: 'Waiting for space',
  active: 'Uploading',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const WAITING_FOR_SPACE = 'waiting for space';

/** The stage of a stored item; the live event, when newer, wins over the stored status. */
export function stageOf(item: Pick<UploadItem, 'status' | 'error'>, live?: UploadProgress): QueueStage {
  const status = live?.status ?? item.status;
  const error = live ? (live.error ?? null) : item.error;
  switch (status) {
    case 'queued':
      return error?.startsWith(WAITING_FOR_SPACE) ? 'waiting' : 'pending';
    case 'uploading':
    case 'pinning':
      return 'active';
    default:
      return status;
  }
}

export interface ItemFigures {
  bytesDone: number;
  bytesTotal: number;
  rateBytesPerSec: number;
  etaSec: number | null;
}

/** Bytes moved so far: from the live event while it runs, the whole size once done. */
export function figuresOf(item: Pick<UploadItem, 'size' | 'status'>, live?: UploadProgress): ItemFigures {
  if ((live?.status ?? item.status) === 'done') return { bytesDone: item.size, bytesTotal: item.size, rateBytesPerSec: 0, etaSec: null };
  if (!live) return { bytesDone: 0, bytesTotal: item.size, rateBytesPerSec: 0, etaSec: null };
  return { bytesDone: live.bytesDone, bytesTotal: live.bytesTotal, rateBytesPerSec: live.rateBytesPerSec, etaSec: live.etaSec };
}

/** The queue's total: bytes done over bytes wanted, cancelled items left out. */
export function totalOf(rows: { stage: QueueStage; figures: ItemFigures }[]): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const row of rows) {
    if (row.stage === 'cancelled') continue;
    done += Math.min(row.figures.bytesDone, row.figures.bytesTotal);
    total += row.figures.bytesTotal;
  }
  return { done, total };
}

/** Seconds left as "12 s", "3 min", "1 h 5 min"; "—" while unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min`;
  const hours = Math.floor(seconds / 3600);
  return `${hours} h ${Math.ceil((seconds - hours * 3600) / 60)} min`;
}

/** The gateway URL of a CID on a node, from the gateway address as the server sees it. */
export function gatewayLink(gatewayAddress: string, cid: string): string {
  return `http://${gatewayAddress}/ipfs/${cid}`;
}

/** The name main is given for a chosen file: its path inside a dropped folder, else its name. */
export function relativeNameOf(file: { name: string; webkitRelativePath?: string }): string {
  return file.webkitRelativePath && file.webkitRelativePath.length > 0 ? file.webkitRelativePath : file.name;
}
