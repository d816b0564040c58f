// kubo's datastore (leveldb) keeps the first write error it meets: once a full disk made a write
// fail, every later pin fails with "no space left on device" until kubo restarts, whatever the
// disk has freed since. Tests that fill a disk leave that behind at random (it depends on whether
// kubo wrote while the disk was full), so healing probes for it, and a fault makes it on purpose.
import { kuboRpc } from './kubo-node.js';

/** An identity CID (the bytes are inside it): pinning it writes to the datastore and fetches nothing. */
export const datastoreProbeCid = 'bafkqagdqnfxgm3dfmv2cazdborqxg5dpojssa4dsn5rgk';

/** Null when kubo can write a pin, else kubo's error ("pin: write …/datastore/…: no space left on device"). */
export async function datastoreWriteError(address: string): Promise<string | null> {
  try {
    await kuboRpc(address, 'pin/add', [datastoreProbeCid]);
    await kuboRpc(address, 'pin/rm', [datastoreProbeCid]);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Writes pins until the datastore fails (the disk must be full), returning kubo's error. */
export async function writeUntilDatastoreFails(address: string, attempts = 200): Promise<string> {
  for (let i = 0; i < attempts; i += 1) {
    const error = await datastoreWriteError(address);
    if (error !== null) return error;
  }
  throw new Error(`kubo on ${address} took ${attempts} pins on a full disk without a datastore error`);
}
