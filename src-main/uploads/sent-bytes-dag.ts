// The CID of one big file computed from the bytes an add sends, as it sends them (kubo-add.ts's
// onFileData), instead of reading the file a second time beside the add.
//
// Why: the throughput target directly against kubo (≥ 0.9× curl -F). On two cores shared
// with kubo every CPU-second the console spends is one kubo does not get. Reading the file a second
// time and hashing it through WebCrypto (a copy and two thread-pool hops per chunk) cost ~1.35 s of
// CPU per GiB; hashing the sent bytes here with node:crypto costs ~1.0 s (the SHA-256 itself, with
// the CPU's SHA extensions, is ~0.6 s). Measured in bench/README.md.
//
// Each attempt hashes what it sent, so what kubo answers is checked against exactly those bytes; a
// retry on another node starts a new one. Every chunk is hashed before write() returns (~0.15 ms
// for 256 KiB here), so the caller may reuse its buffer; a piece of a chunk waits in one carry
// buffer until the chunk is whole.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { BalancedFileDag, leafOf, type FileDag } from './file-dag.js';

export class SentBytesDag {
  private readonly dag = new BalancedFileDag();
  /** A chunk split across writes, until it is whole. */
  private carry: Buffer | null = null;
  private carried = 0;
  private received = 0;

  constructor(private readonly chunkSize: number, private readonly size: number) {
    if (size <= chunkSize) throw new Error(`a file of ${size} bytes is one chunk: its CID is not built here`);
  }

  /** All of the file was written (a failed attempt stops short, and has no CID). */
  get complete(): boolean {
    return this.received === this.size;
  }

  /** The next bytes of the file, hashed before this returns: the caller may reuse them at once. */
  write(bytes: Uint8Array): void {
    this.received += bytes.byteLength;
    if (this.received > this.size) throw new PinfleetError('cid_mismatch', `the file grew while it was being sent (${this.received} of ${this.size} bytes)`);
    let offset = 0;
    if (this.carried > 0) {
      const take = Math.min(this.chunkSize - this.carried, bytes.byteLength);
      this.carry!.set(bytes.subarray(0, take), this.carried);
      this.carried += take;
      offset = take;
      if (this.carried === this.chunkSize || this.received === this.size) {
        this.dag.take(leafOf(this.carry!.subarray(0, this.carried)));
        this.carried = 0;
      }
    }
    // Whole chunks straight from the caller's buffer; the file's last chunk may be short.
    while (bytes.byteLength - offset >= this.chunkSize || (offset < bytes.byteLength && this.received === this.size)) {
      const end = Math.min(offset + this.chunkSize, bytes.byteLength);
      this.dag.take(leafOf(bytes.subarray(offset, end)));
      offset = end;
    }
    if (offset < bytes.byteLength) {
      this.carry ??= Buffer.allocUnsafeSlow(this.chunkSize);
      this.carry.set(bytes.subarray(offset), 0);
      this.carried = bytes.byteLength - offset;
    }
  }

  /** The root CID and block count of what was written; throws if not all of the file was. */
  finish(): FileDag {
    if (!this.complete) throw new PinfleetError('cid_mismatch', `only ${this.received} of ${this.size} bytes were sent: no CID to compare`);
    return this.dag.finish();
  }
}
