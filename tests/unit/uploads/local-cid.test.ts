// The local CID: known answers (kubo's own for the same bytes and settings); a big file hashed
// through the ring of reused buffers and a folder hashed in the (kept) worker thread give exactly
// what the plain in-thread computation gives.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workersStarted } from '../../../src-main/uploads/cid-worker-pool.js';
import {
  CHUNK_SIZE, computeFileDagInRing, computeLocalCid, computeLocalCidHere, computeLocalDag, computeLocalDagHere, hashedInRing, workerScript, worthAWorker,
} from '../../../src-main/uploads/local-cid.js';
import { readUploadSource } from '../../../src-main/uploads/upload-source.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-local-cid-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function write(relative: string, bytes: Buffer | string): string {
  const target = path.join(work, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes);
  return target;
}

describe('computeLocalCid', () => {
  // `ipfs add --only-hash --cid-version=1 --raw-leaves` (kubo v0.43.0) for the same bytes.
  it.each([
    ['hello world\n', 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4'],
    ['', 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku'],
  ])('known answer for %j', async (text, cid) => {
    expect(await computeLocalCid(await readUploadSource(write(`known-${cid}`, text)))).toBe(cid);
  });

  it('hashes big items in a worker thread, small ones here', () => {
    expect(worthAWorker({ size: 16 * 1024 * 1024, files: [] })).toBe(true);
    expect(worthAWorker({ size: 1000, files: new Array(200) as never })).toBe(true);
    expect(worthAWorker({ size: 1000, files: new Array(3) as never })).toBe(false);
    expect(workerScript()?.url.pathname).toMatch(/local-cid-worker\.ts$/);
  });

  it('a file of more than one chunk is hashed through the ring, with the in-thread answer (CID and block count)', async () => {
    // Random bytes, so a slot overwritten before its chunk was hashed would change the CID. 175
    // chunks and more: a second DAG level (174 links per node).
    for (const size of [CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 174 * CHUNK_SIZE, 175 * CHUNK_SIZE + 5]) {
      const source = await readUploadSource(write(`ring-${size}.bin`, randomBytes(size)));
      expect(hashedInRing(source)).toBe(true);
      expect(await computeLocalDag(source)).toEqual(await computeLocalDagHere(source));
    }
    expect(hashedInRing({ kind: 'file', size: CHUNK_SIZE })).toBe(false);
    expect(hashedInRing({ kind: 'directory', size: 64 * CHUNK_SIZE })).toBe(false);
  });

  it('a file that is shorter than the walk said fails as cid_mismatch', async () => {
    const source = await readUploadSource(write('shrunk.bin', randomBytes(CHUNK_SIZE + 100)));
    const claimed = { ...source, size: 4 * CHUNK_SIZE, files: [{ ...source.files[0]!, size: 4 * CHUNK_SIZE }] };
    await expect(computeFileDagInRing(claimed)).rejects.toMatchObject({ code: 'cid_mismatch', message: expect.stringContaining('shrank') });
  });

  it('a folder of many files is hashed in a worker, the same worker for the next item, with the in-thread answer', async () => {
    for (let i = 0; i < 250; i += 1) write(`many/d${i % 5}/f${i}`, `file ${i}\n`.repeat(i));
    write('many/big.bin', Buffer.alloc(17 * 1024 * 1024 + 5, 9));
    const many = await readUploadSource(path.join(work, 'many'));
    expect(worthAWorker(many)).toBe(true);
    const before = workersStarted();
    const expected = await computeLocalCidHere(many);
    expect(await computeLocalCid(many)).toBe(expected);
    expect(await computeLocalCid(many)).toBe(expected);
    expect(workersStarted() - before).toBe(1);
  });

  it('stops the work when the upload is cancelled, and the next item is hashed all the same', async () => {
    const big = await readUploadSource(path.join(work, `ring-${175 * CHUNK_SIZE + 5}.bin`));
    const many = await readUploadSource(path.join(work, 'many'));
    for (const source of [big, many]) {
      const controller = new AbortController();
      const pending = computeLocalCid(source, controller.signal);
      controller.abort(new Error('cancelled by the admin'));
      await expect(pending).rejects.toThrow('cancelled by the admin');
    }
    expect(await computeLocalCid(many)).toBe(await computeLocalCidHere(many));
  });
});
