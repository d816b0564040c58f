// The CID of the bytes an add sends, built as they are sent: for pieces of any size (a chunk split
// across writes, several chunks in one), from a buffer the sender scribbles over as soon as each
// write returns, it equals the importer's answer for the whole file, CID and block count.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localCidPerAttempt } from '../../../src-main/uploads/attempt-cid.js';
import { CHUNK_SIZE, computeLocalDagHere } from '../../../src-main/uploads/local-cid.js';
import { SentBytesDag } from '../../../src-main/uploads/sent-bytes-dag.js';
import { readUploadSource } from '../../../src-main/uploads/upload-source.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-sent-bytes-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Sends `file` in pieces of the given sizes (cycled) through one reused buffer, wiped after each write. */
function sendInPieces(file: Buffer, pieces: number[]): SentBytesDag {
  const dag = new SentBytesDag(CHUNK_SIZE, file.length);
  const buffer = Buffer.alloc(Math.max(...pieces));
  for (let offset = 0, i = 0; offset < file.length; i += 1) {
    const length = Math.min(pieces[i % pieces.length]!, file.length - offset);
    file.copy(buffer, 0, offset, offset + length);
    dag.write(buffer.subarray(0, length));
    buffer.fill(0xa5); // The sender reuses its buffer at once: the chunk must be hashed (or kept) by now.
    offset += length;
  }
  return dag;
}

describe('SentBytesDag', () => {
  it.each([
    ['aligned 1 MiB writes, 175 chunks + 5 bytes (two levels)', 175 * CHUNK_SIZE + 5, [4 * CHUNK_SIZE]],
    ['one chunk + 1 byte in a single write', CHUNK_SIZE + 1, [CHUNK_SIZE + 1]],
    ['uneven pieces that split chunks', 9 * CHUNK_SIZE + 777, [100_000, 300_001, 7, CHUNK_SIZE]],
    ['exactly three chunks, chunk by chunk', 3 * CHUNK_SIZE, [CHUNK_SIZE]],
  ])('%s: the importer\'s CID and block count', async (_name, size, pieces) => {
    const bytes = randomBytes(size);
    const file = path.join(work, `sent-${size}.bin`);
    fs.writeFileSync(file, bytes);
    const dag = sendInPieces(bytes, pieces);
    expect(dag.complete).toBe(true);
    expect(dag.finish()).toEqual(await computeLocalDagHere(await readUploadSource(file)));
  });

  it('an attempt that stopped short has no CID', () => {
    const dag = new SentBytesDag(CHUNK_SIZE, 4 * CHUNK_SIZE);
    dag.write(randomBytes(CHUNK_SIZE + 10));
    expect(dag.complete).toBe(false);
    expect(() => dag.finish()).toThrow(expect.objectContaining({ code: 'cid_mismatch', message: expect.stringContaining(`only ${CHUNK_SIZE + 10} of ${4 * CHUNK_SIZE} bytes`) }));
  });

  it('more bytes than the file had when it was walked is a mismatch', () => {
    const dag = new SentBytesDag(CHUNK_SIZE, CHUNK_SIZE + 1);
    expect(() => dag.write(Buffer.alloc(CHUNK_SIZE + 2))).toThrow(/grew while it was being sent/);
  });

  it('is only for files of more than one chunk', () => {
    expect(() => new SentBytesDag(CHUNK_SIZE, CHUNK_SIZE)).toThrow(/one chunk/);
  });
});

describe('localCidPerAttempt', () => {
  it('a big file: each attempt hashes what it sends, anew; a small one: computed once beside the add', async () => {
    const bytes = randomBytes(2 * CHUNK_SIZE + 9);
    fs.writeFileSync(path.join(work, 'attempts.bin'), bytes);
    fs.writeFileSync(path.join(work, 'small.txt'), 'hello world\n');
    const big = await readUploadSource(path.join(work, 'attempts.bin'));
    const perAttempt = localCidPerAttempt(big);
    const first = perAttempt();
    first.onFileData!(bytes.subarray(0, CHUNK_SIZE));
    expect(await first.cidIfKnown()).toBeNull(); // Broke off: nothing to unpin by CID.
    const second = perAttempt();
    second.onFileData!(bytes);
    const expected = await computeLocalDagHere(big);
    expect(await second.dag()).toEqual(expected);
    expect(await second.cidIfKnown()).toBe(expected.cid);

    const small = await readUploadSource(path.join(work, 'small.txt'));
    const beside = localCidPerAttempt(small);
    const attempt = beside();
    expect(attempt.onFileData).toBeUndefined();
    expect((await attempt.dag()).cid).toBe('bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4');
    expect(beside().dag()).toBe(attempt.dag());
  });
});
