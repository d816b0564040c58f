// A file of 2–4 GiB gets the CID kubo gives it: before unixfs-size-fix.ts, protons-runtime wrote its
// size wrongly and every such upload ended in cid_mismatch. Checked against the real kubo binary's
// `ipfs add --only-hash` on a sparse file (no disk or network involved), through the same code the
// upload engine uses (the worker thread included).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { computeLocalCid } from '../../src-main/uploads/local-cid.js';
import { readUploadSource } from '../../src-main/uploads/upload-source.js';

const fleet = inject('fleet');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-large-cid-'));
const ipfsPath = path.join(work, 'ipfs-repo');

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function kuboOnlyHash(file: string): string {
  if (!fs.existsSync(ipfsPath)) execFileSync(fleet.binaries.ipfs, ['init', '-e'], { env: { ...process.env, IPFS_PATH: ipfsPath } });
  return execFileSync(fleet.binaries.ipfs, ['add', '-Q', '--only-hash', '--cid-version=1', '--raw-leaves', '--chunker=size-262144', file], {
    env: { ...process.env, IPFS_PATH: ipfsPath },
    encoding: 'utf8',
  }).trim();
}

describe('the local CID of files between 2 GiB and 4 GiB', () => {
  it('equals kubo\'s for a 2 GiB + 1 MiB file', async () => {
    const file = path.join(work, 'sparse-2049MiB.bin');
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, (2048 + 1) * 1024 * 1024);
    fs.writeFileSync(file, 'pinfleet', { flag: 'r+' }); // not only zeros: the first chunk differs from the rest
    const local = await computeLocalCid(await readUploadSource(file));
    expect(local).toBe(kuboOnlyHash(file));
  }, 180_000);
});
