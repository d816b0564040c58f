// The CID kubo must answer, computed here with the same settings (CIDv1, raw leaves, fixed-size
// chunks), streaming each file from disk into a blockstore that keeps nothing: only the hashes.
import { createReadStream } from 'node:fs';
import { importer, type ImportCandidate } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import type { CID } from 'multiformats/cid';
import type { UploadSource } from './upload-source.js';
import { addParts } from './upload-source.js';

export const CHUNK_SIZE = 262_144;
export const CHUNKER = `size-${CHUNK_SIZE}`;

/** Discards every block: the importer needs somewhere to put them, we only need the root CID. */
const nullBlockstore = {
  put: async (cid: CID) => cid,
};

export const IMPORT_OPTIONS = {
  cidVersion: 1 as const,
  rawLeaves: true,
  reduceSingleLeafToSelf: true,
  chunker: fixedSize({ chunkSize: CHUNK_SIZE }),
};

/** The root CID of the source as kubo's add (with wrap-with-directory for a folder) would make it. */
export async function computeLocalCid(source: UploadSource, signal?: AbortSignal): Promise<string> {
  const candidates: ImportCandidate[] = addParts(source).map((part) =>
    part.kind === 'directory'
      ? { path: part.path }
      : { path: source.kind === 'file' ? undefined : part.path, content: createReadStream(part.absolute, { highWaterMark: CHUNK_SIZE, signal }) },
  );
  let root: CID | undefined;
  for await (const entry of importer(candidates, nullBlockstore, { ...IMPORT_OPTIONS, wrapWithDirectory: source.kind === 'directory' })) {
    root = entry.cid;
  }
  if (!root) throw new Error(`no CID came out of the importer for ${source.absolute}`);
  return root.toString();
}
