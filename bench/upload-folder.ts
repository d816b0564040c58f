// A folder of many small files (default 10,000 of 1–10 KiB in 100 subfolders) to one node: the
// upload engine (walk, multipart add, local CID, pin ls check) against the kubo CLI's own
// `ipfs --api … add -r` with the same parameters (the engine wraps the folder's entries, which gives the folder's own CID), against the same daemon, directly and through
// the same SSH tunnel; each add starts from an empty repo. CIDs must agree.
// `npx tsx bench/run.ts upload-folder --files 10000 --runs 3`
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { CHUNKER } from '../src-main/uploads/local-cid.js';
import { benchWorkDir, removeWorkDir } from './upload-bench-server.js';
import { openBenchNode, timePathsInTurns } from './upload-bench-node.js';
import { engineUpload } from './upload-engine-run.js';

const run = promisify(execFile);

/** Sizes from a fixed linear congruential sequence, so every run makes the same folder shape. */
export function makeFolder(root: string, files: number): number {
  let seed = 42;
  let total = 0;
  for (let i = 0; i < files; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const size = 1024 + (seed % (9 * 1024 + 1));
    const dir = path.join(root, `dir-${String(i % 100).padStart(3, '0')}`);
    if (i < 100) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `file-${String(i).padStart(5, '0')}.bin`), randomBytes(size));
    total += size;
  }
  return total;
}

export async function uploadFolderBench(args: string[]): Promise<unknown> {
  const { values } = parseArgs({ args, options: { files: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, node: { type: 'string', default: 'bench' } } });
  const count = Number(values.files);
  const target = await openBenchNode(values.node, 1024);
  const work = benchWorkDir();
  try {
    const folder = path.join(work, 'folder');
    const bytes = makeFolder(folder, count);
    const env = { ...process.env, IPFS_PATH: path.join(work, 'no-repo') };
    const tunnelApi = `/ip4/127.0.0.1/tcp/${new URL(target.tunnelUrl).port}`;
    const kuboCli = async (api: string) => {
      const args = ['--api', api, 'add', '-r', '-Q', '--cid-version=1', '--raw-leaves', `--chunker=${CHUNKER}`, '--pin=true', folder];
      return (await run(target.ipfsBinary, args, { env, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
    };
    const paths = {
      pinfleetThroughTunnel: async () => (await engineUpload(target, folder, 'tunnel')).cid,
      kuboCliThroughTunnel: () => kuboCli(tunnelApi),
      pinfleetDirect: async () => (await engineUpload(target, folder, 'direct')).cid,
      kuboCliDirect: () => kuboCli(target.directMultiaddr),
    };
    const { cid, ms, runs: times } = await timePathsInTurns(target.directUrl, paths, Number(values.runs));
    const perSecond = (t: number) => Math.round(count / (t / 1000));
    const ratio = (a: number, b: number) => Math.round((b / a) * 100) / 100;
    return {
      node: target.node.name,
      files: count,
      bytes,
      runs: Number(values.runs),
      cid,
      filesPerSecond: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, perSecond(v)])),
      allRunsSeconds: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.map((t) => Math.round(t) / 1000)])),
      ratios: {
        pinfleetToKuboCliThroughTunnel: ratio(ms.pinfleetThroughTunnel, ms.kuboCliThroughTunnel),
        pinfleetDirectToKuboCliDirect: ratio(ms.pinfleetDirect, ms.kuboCliDirect),
        pinfleetThroughTunnelToKuboCliDirect: ratio(ms.pinfleetThroughTunnel, ms.kuboCliDirect),
      },
    };
  } finally {
    removeWorkDir(work);
    await target.close();
  }
}
