// Where each transfer attempt's local CID comes from. One big file: hashed from the bytes the add
// sends, as it sends them (sent-bytes-dag.ts), new for every attempt. Anything else (small files,
// folders): computed once per item beside the first add, from the source's own reads (local-cid.ts),
// and shared by the attempts.
import type { AddOptions } from './kubo-add.js';
import { CHUNK_SIZE, computeLocalDag, hashedInRing, type LocalDag } from './local-cid.js';
import { SentBytesDag } from './sent-bytes-dag.js';
import type { UploadSource } from './upload-source.js';

export interface AttemptCid {
  /** For kuboAdd: absent when the CID is computed beside the add. */
  onFileData?: AddOptions['onFileData'];
  /** The CID and block count of what this attempt sent (or of the source). */
  dag(): Promise<LocalDag>;
  /** After a failed attempt: its CID if it is known (every byte went out), to unpin it. */
  cidIfKnown(): Promise<string | null>;
}

/** Call once per item; the function it returns once per attempt. */
export function localCidPerAttempt(source: UploadSource, signal?: AbortSignal): () => AttemptCid {
  if (hashedInRing(source)) {
    return () => {
      const sent = new SentBytesDag(CHUNK_SIZE, source.size);
      return {
        onFileData: (bytes) => sent.write(bytes),
        dag: async () => sent.finish(),
        cidIfKnown: async () => (sent.complete ? sent.finish().cid : null),
      };
    };
  }
  let beside: Promise<LocalDag> | undefined;
  return () => {
    // Started with the first attempt, so it reads the files while the add does.
    beside ??= computeLocalDag(source, signal);
    beside.catch(() => {});
    const shared = beside;
    return { dag: () => shared, cidIfKnown: async () => (await shared.catch(() => null))?.cid ?? null };
  };
}
