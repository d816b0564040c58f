// A fix for files of 2 GiB up to 4 GiB (2^31 ≤ size < 2^32 bytes): protons-runtime (7.1.2, and 8.0.1
// still) keeps the low 32 bits of a uint64 as a *signed* number, and its varint writer then writes
// one wrong byte for any value in that range. ipfs-unixfs encodes a file's size that way, so the
// root node of such a file, and with it the CID Pinfleet computes locally, differed from kubo's
// and every such upload ended in cid_mismatch. (Measured: 2,047 MiB and 4,096 MiB agreed with
// `ipfs add --only-hash`; 2,048–3,072 MiB did not.)
//
// A uint64 below 2^32 has the same varint bytes as a uint32, and the writer's uint32 is right for
// every unsigned 32-bit value, so values in that range are written through it. Everything else is
// left to the original. Imported for its effect wherever the local CID is computed.
import { writer } from 'protons-runtime';

const TWO_31 = 2n ** 31n;
const TWO_32 = 2n ** 32n;

interface Uint64Writer {
  uint64(value: bigint): Uint64Writer;
  uint32(value: number): Uint64Writer;
}

const prototype = Object.getPrototypeOf(writer()) as Uint64Writer & { pinfleetUint64Fix?: true };
if (!prototype.pinfleetUint64Fix) {
  const original = prototype.uint64;
  prototype.uint64 = function uint64(this: Uint64Writer, value: bigint): Uint64Writer {
    if (value >= TWO_31 && value < TWO_32) return this.uint32(Number(value));
    return original.call(this, value);
  };
  prototype.pinfleetUint64Fix = true;
}
