// protons-runtime writes a uint64 between 2^31 and 2^32 wrongly; the fix must make ipfs-unixfs
// encode such a file size exactly as protobuf does (and kubo reads and writes it).
import { describe, expect, it } from 'vitest';
import { UnixFS } from 'ipfs-unixfs';
import '../../../src-main/uploads/unixfs-size-fix.js';

/** A protobuf varint, written by hand: 7 bits at a time, low first. */
function varint(value: bigint): string {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return Buffer.from(bytes).toString('hex');
}

describe('UnixFS file sizes of 2–4 GiB', () => {
  for (const size of [2n ** 31n - 1n, 2n ** 31n, 2n ** 31n + 5n, 3n * 2n ** 30n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 32n + 5n]) {
    it(`encodes ${size} as protobuf does and reads it back`, () => {
      const node = new UnixFS({ type: 'file', blockSizes: [size] });
      const hex = Buffer.from(node.marshal()).toString('hex');
      // type=file (08 02), filesize (18 …), one blocksize (20 …)
      expect(hex).toBe(`0802${'18'}${varint(size)}${'20'}${varint(size)}`);
      expect(UnixFS.unmarshal(node.marshal()).fileSize()).toBe(size);
    });
  }
});
