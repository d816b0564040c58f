// One replica's pin that cannot hang. The target fetches the DAG itself (pin/add over bitswap) while a
// stall watch looks for movement; when nothing moved for `stallMs`, the pin is abandoned and the
// console sends the blocks from a holder itself (dag-copy.ts). Only when that fails too does the
// replica fail, with a message that names both nodes and what was missing.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { copyDagThroughConsole } from './dag-copy.js';
import { pinAdd } from './kubo-pins.js';
import { watchForStall } from './stall-watch.js';

/** How long a replica's pin may go without fetching a block before the console sends the blocks. */
export const DEFAULT_REPLICA_STALL_MS = 60_000;

export interface ReplicaPinOptions {
  stallMs: number;
  signal: AbortSignal;
  onProgress?(fetchedBlocks: number, fetchedBytes: number | undefined): void;
  /** Told when the target stalled and the console starts sending the blocks itself. */
  onRescue?(line: string): void;
}

export interface ReplicaEnds {
  target: { name: string; url: string };
  holder: { name: string; url: string };
}

/** Pins `cid` on the target; answers how the blocks got there. */
export async function pinReplica(ends: ReplicaEnds, cid: string, options: ReplicaPinOptions): Promise<'fetched' | 'sent'> {
  const seconds = Math.round(options.stallMs / 1000);
  const controller = new AbortController();
  let stalled = false;
  const stall = watchForStall(options.stallMs, () => {
    stalled = true;
    controller.abort(new PinfleetError('timeout', `${ends.target.name} fetched nothing of ${cid} for ${seconds} s`));
  });
  const onOuterAbort = () => controller.abort(options.signal.reason);
  options.signal.addEventListener('abort', onOuterAbort, { once: true });
  try {
    // Blocks and bytes only grow, so their sum moves whenever either does (a zero-length block moves only the count).
    await pinAdd(ends.target.url, cid, (blocks, bytes) => {
      stall.progress(blocks + (bytes ?? 0));
      options.onProgress?.(blocks, bytes);
    }, controller.signal);
    return 'fetched';
  } catch (error) {
    if (!stalled || options.signal.aborted) throw error;
  } finally {
    stall.stop();
    options.signal.removeEventListener('abort', onOuterAbort);
  }
  options.onRescue?.(`${ends.target.name} fetched nothing of ${cid} from ${ends.holder.name} for ${seconds} s: sending the blocks through the console`);
  try {
    await copyDagThroughConsole(ends.holder.url, ends.target.url, cid, { stallMs: options.stallMs, signal: options.signal });
    return 'sent';
  } catch (error) {
    if (options.signal.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PinfleetError('timeout', `${ends.target.name} fetched nothing of ${cid} from ${ends.holder.name} for ${seconds} s, and sending the blocks through the console failed too: ${reason}`);
  }
}
