// The local CID of one big file, built here without the importer's per-chunk machinery, without a
// worker thread and without a fresh buffer per chunk.
//
// Why: issue #5's memory budget (≤ 64 MiB growth during a 4 GiB upload). The importer reading with
// createReadStream allocates a new 256 KiB Buffer per chunk, and V8 collects such memory only after
// ~64 MiB of it has piled up, per isolate; the worker thread was a second isolate on top (+60 MiB);
// and the importer's generators and batches allocate a few KiB of objects per chunk, which grows
// the young generation (+14 MiB heap measured at 2 GiB). Here the file is read into a few reused
// 256 KiB slots, each chunk's SHA-256 runs on libuv's thread pool (WebCrypto's digest copies the
// bytes when called, and the slot is reused only once the digest is done), and this thread keeps
// only the leaves' CIDs for the node being filled.
//
// The DAG is the importer's own layout for these settings (ipfs-unixfs-importer 17: CIDv1, raw
// leaves, fixed-size chunks, balanced layout with 174 links per node, which is kubo's too): leaves
// in groups of 174 under a UnixFS file node, those nodes in groups of 174, and so on until one
// node is left; every group gets a node, even a last group of one. The unit tests compare it with
// the importer's answer (one and two levels); the integration test with kubo's at 2,049 MiB.
import { close, open, read } from 'node:fs';
import { webcrypto } from 'node:crypto';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import * as Digest from 'multiformats/hashes/digest';
import { sha256 } from 'multiformats/hashes/sha2';
// Before any UnixFS node is encoded: sizes of 2–4 GiB are otherwise written wrongly (see the file).
import './unixfs-size-fix.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';

const SHA2_256 = 0x12;
/** Links per node in the importer's (and kubo's) balanced layout. */
export const MAX_CHILDREN = 174;
/** Chunks being hashed at once, each in its own slot (two cores: a few suffice). */
const SLOTS = 4;

/** A node of the DAG as its parent links to it. */
interface Child {
  cid: CID;
  /** The link's Tsize: the block's length plus its children's Tsize. */
  tsize: number;
  /** The file bytes under it (the parent's blockSizes entry). */
  fileSize: bigint;
}

export interface FileDag {
  cid: string;
  blocks: number;
}

/** For a file of more than one chunk (size > chunkSize): the root CID and the DAG's block count. */
export async function fileDagInRing(absolute: string, size: number, chunkSize: number, signal?: AbortSignal): Promise<FileDag> {
  const fd = await new Promise<number>((resolve, reject) => open(absolute, 'r', (error, opened) => (error ? reject(error) : resolve(opened))));
  const slots = Array.from({ length: SLOTS }, () => Buffer.allocUnsafeSlow(chunkSize));
  /** The digest of the chunk in each slot, in reading order (a slot is read again once its digest is in). */
  const hashing: (Promise<Child> | undefined)[] = new Array(SLOTS);
  let blocks = 0;
  let level: Child[] = [];
  /** Full level-one nodes (every 174 leaves); the levels above are made at the end. */
  const parents: Child[] = [];
  const take = async (child: Child) => {
    level.push(child);
    blocks += 1;
    if (level.length === MAX_CHILDREN) {
      parents.push(await parentOf(level));
      level = [];
    }
  };
  try {
    let index = 0;
    for (let position = 0; position < size; position += chunkSize, index += 1) {
      if (signal?.aborted) throw signal.reason;
      const slot = index % SLOTS;
      const pending = hashing[slot];
      if (pending) await take(await pending);
      const length = Math.min(chunkSize, size - position);
      await readFully(fd, slots[slot]!, length, position, absolute, size);
      const digest = webcrypto.subtle.digest('SHA-256', slots[slot]!.subarray(0, length));
      hashing[slot] = digest.then((bytes) => ({ cid: CID.createV1(raw.code, Digest.create(SHA2_256, new Uint8Array(bytes))), tsize: length, fileSize: BigInt(length) }));
      hashing[slot]!.catch(() => {});
    }
    // The chunks still being hashed, in reading order.
    for (let i = 0; i < SLOTS; i += 1) {
      const pending = hashing[(index + i) % SLOTS];
      if (pending) await take(await pending);
    }
  } finally {
    await Promise.allSettled(hashing.filter(Boolean));
    close(fd, () => {});
  }
  if (level.length > 0) parents.push(await parentOf(level));
  blocks += parents.length;
  let nodes = parents;
  while (nodes.length > 1) {
    const above: Child[] = [];
    for (let i = 0; i < nodes.length; i += MAX_CHILDREN) above.push(await parentOf(nodes.slice(i, i + MAX_CHILDREN)));
    blocks += above.length;
    nodes = above;
  }
  return { cid: nodes[0]!.cid.toString(), blocks };
}

/** The UnixFS file node over children (raw leaves or nodes below), as the importer's reducer makes it. */
async function parentOf(children: Child[]): Promise<Child> {
  const unixfs = new UnixFS({ type: 'file' });
  for (const child of children) unixfs.addBlockSize(child.fileSize);
  const node = { Data: unixfs.marshal(), Links: children.map((child) => ({ Name: '', Tsize: child.tsize, Hash: child.cid })) };
  const block = dagPb.encode(dagPb.prepare(node));
  const cid = CID.createV1(dagPb.code, await sha256.digest(block));
  return { cid, tsize: block.length + children.reduce((sum, child) => sum + child.tsize, 0), fileSize: unixfs.fileSize() };
}

async function readFully(fd: number, buffer: Buffer, length: number, position: number, absolute: string, size: number): Promise<void> {
  for (let filled = 0; filled < length; ) {
    const got = await new Promise<number>((resolve, reject) =>
      read(fd, buffer, filled, length - filled, position + filled, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))),
    );
    if (got === 0) {
      throw new PinfleetError('cid_mismatch', `${absolute} shrank while it was being hashed (${size - position - filled} of ${size} bytes missing): upload it again once it is complete`);
    }
    filled += got;
  }
}
