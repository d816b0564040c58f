// The local CID: known answers (kubo's own for the same bytes and settings), and the worker thread
// gives exactly what the in-thread computation gives, for a big file and a folder of many files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeLocalCid, computeLocalCidHere, workerScript, worthAWorker } from '../../../src-main/uploads/local-cid.js';
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

  it('the worker answers what the in-thread computation answers', async () => {
    const big = await readUploadSource(write('big.bin', Buffer.alloc(17 * 1024 * 1024 + 5, 9)));
    for (let i = 0; i < 250; i += 1) write(`many/d${i % 5}/f${i}`, `file ${i}\n`.repeat(i));
    const many = await readUploadSource(path.join(work, 'many'));
    for (const source of [big, many]) {
      expect(worthAWorker(source)).toBe(true);
      expect(await computeLocalCid(source)).toBe(await computeLocalCidHere(source));
    }
  });

  it('stops the worker when the upload is cancelled', async () => {
    const big = await readUploadSource(path.join(work, 'big.bin'));
    const controller = new AbortController();
    const pending = computeLocalCid(big, controller.signal);
    controller.abort(new Error('cancelled by the admin'));
    await expect(pending).rejects.toThrow('cancelled by the admin');
  });
});
