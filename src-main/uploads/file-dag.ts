// The DAG kubo's add builds for one file of more than a chunk, built from its leaves' digests in
// order, keeping only the CIDs of the node being filled: no blocks, no garbage per chunk.
//
// The layout is the importer's for these settings (ipfs-unixfs-importer 17: CIDv1, raw leaves,
// fixed-size chunks, balanced layout with 174 links per node, which is kubo's too): leaves in groups
// of 174 under a UnixFS file node, those nodes in groups of 174, and so on until one node is left;
// every group gets a node, even a last group of one. Two producers feed it: ring-leaves.ts (the file
// read on its own) and sent-bytes-dag.ts (the bytes an add sends, as it sends them). The unit tests
// compare both with the importer's answer; the integration test with kubo's at 2,049 MiB.
import { hash } from 'node:crypto';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import * as Digest from 'multiformats/hashes/digest';
// Before any UnixFS node is encoded: sizes of 2–4 GiB are otherwise written wrongly (see the file).
import './unixfs-size-fix.js';

const SHA2_256 = 0x12;
/** Links per node in the importer's (and kubo's) balanced layout. */
export const MAX_CHILDREN = 174;

/** A node of the DAG as its parent links to it. */
export interface Child {
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

/**
 * The raw leaf of one chunk, hashed in this thread before it returns: no copy and no thread-pool
 * round trip (WebCrypto's digest had both and cost ~50 % more CPU), so the caller may reuse the buffer.
 */
export function leafOf(chunk: Uint8Array): Child {
  const length = chunk.byteLength;
  return {
    // One-shot: no Hash object per chunk (16,384 of them for 4 GiB).
    cid: CID.createV1(raw.code, Digest.create(SHA2_256, hash('sha256', chunk, 'buffer'))),
    tsize: length,
    fileSize: BigInt(length),
  };
}

/** Takes the leaves in file order; `finish` makes the levels above and names the root. */
export class BalancedFileDag {
  private blocks = 0;
  private level: Child[] = [];
  /** Full level-one nodes (every 174 leaves); the levels above are made at the end. */
  private readonly parents: Child[] = [];

  take(leaf: Child): void {
    this.level.push(leaf);
    this.blocks += 1;
    if (this.level.length === MAX_CHILDREN) {
      this.parents.push(parentOf(this.level));
      this.level = [];
    }
  }

  /** For a file of at least two leaves (a single chunk is its own raw block, not made here). */
  finish(): FileDag {
    if (this.level.length > 0) this.parents.push(parentOf(this.level));
    this.level = [];
    let blocks = this.blocks + this.parents.length;
    let nodes = this.parents;
    while (nodes.length > 1) {
      const above: Child[] = [];
      for (let i = 0; i < nodes.length; i += MAX_CHILDREN) above.push(parentOf(nodes.slice(i, i + MAX_CHILDREN)));
      blocks += above.length;
      nodes = above;
    }
    return { cid: nodes[0]!.cid.toString(), blocks };
  }
}

/** The UnixFS file node over children (raw leaves or nodes below), as the importer's reducer makes it. */
function parentOf(children: Child[]): Child {
  const unixfs = new UnixFS({ type: 'file' });
  for (const child of children) unixfs.addBlockSize(child.fileSize);
  const node = { Data: unixfs.marshal(), Links: children.map((child) => ({ Name: '', Tsize: child.tsize, Hash: child.cid })) };
  const block = dagPb.encode(dagPb.prepare(node));
  // One node per 174 leaves: hashed right here, synchronously.
  const cid = CID.createV1(dagPb.code, Digest.create(SHA2_256, hash('sha256', block, 'buffer')));
  return { cid, tsize: block.length + children.reduce((sum, child) => sum + child.tsize, 0), fileSize: unixfs.fileSize() };
}
