// One file to one node: Pinfleet's streamed add (the same kuboAdd + local CID the upload engine
// runs, CIDs compared) against `curl -F` to the same /api/v0/add with the same parameters, through
// the same SSH connection and directly; the engine is measured both ways too. curl needs the
// tunnel's local listener; the engine sends through an SSH channel directly, as upload-run.ts does
// (connector.kuboRequestTarget). Each measured add starts from an empty repo (pin rm + repo gc),
// and the four paths take turns within each run.
// `npx tsx bench/run.ts upload --mib 1024 --runs 3` (default target: the dedicated bench server).
import { execFile } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import type { Agent } from 'node:http';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { kuboAdd } from '../src-main/uploads/kubo-add.js';
import { localCidPerAttempt } from '../src-main/uploads/attempt-cid.js';
import { CHUNKER } from '../src-main/uploads/local-cid.js';
import { readUploadSource } from '../src-main/uploads/upload-source.js';
import { benchWorkDir, removeWorkDir } from './upload-bench-server.js';
import { openBenchNode, rate, timePathsInTurns } from './upload-bench-node.js';

// Asynchronous on purpose: a synchronous child would block the event loop that serves the tunnel.
const run = promisify(execFile);
const QUERY = `cid-version=1&raw-leaves=true&chunker=${CHUNKER}&pin=true`;

/**
 * Writes random bytes in 16 MiB pieces, so making a 4 GiB input never holds it in memory. One buffer,
 * refilled: a fresh one per piece would leave up to ~64 MiB of freed memory in this process, which
 * the memory benchmark's upload would then reuse unseen (its RSS growth would read too low).
 */
export async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await fs.promises.open(file, 'w');
  const piece = Buffer.allocUnsafeSlow(16 << 20);
  try {
    for (let done = 0; done < bytes; done += piece.length) {
      const length = Math.min(piece.length, bytes - done);
      await handle.write(randomFillSync(piece, 0, length), 0, length);
    }
  } finally {
    await handle.close();
  }
}

export async function uploadThroughputBench(args: string[]): Promise<unknown> {
  const { values } = parseArgs({
    args,
    options: {
      mib: { type: 'string', default: '1024' }, runs: { type: 'string', default: '3' }, node: { type: 'string', default: 'bench' },
      // A laptop and a server are two machines: the bench server's kubo and sshd on CPU 1, this
      // process (and the curl it starts) on CPU 0, so the client's work no longer takes kubo's core.
      'split-cores': { type: 'boolean', default: false },
    },
  });
  const bytes = Number(values.mib) * 1024 * 1024;
  const split = values['split-cores'];
  if (split && values.node !== 'bench') throw new Error('--split-cores needs the bench server (its kubo is pinned to CPU 1)');
  const target = await openBenchNode(values.node, Math.max(1024, Math.ceil((Number(values.mib) * 1.5) / 256) * 256 + 512), split ? '1' : undefined);
  if (split) await run('taskset', ['-a', '-p', '-c', '0', String(process.pid)]);
  const work = benchWorkDir();
  try {
    const file = path.join(work, 'payload.bin');
    await writeRandomFile(file, bytes);
    const source = await readUploadSource(file);
    const curlAdd = async (base: string) => {
      const { stdout } = await run('curl', ['-sf', '-F', `file=@${file}`, `${base}/api/v0/add?${QUERY}`]);
      return (JSON.parse(stdout.trim().split('\n').pop()!) as { Hash: string }).Hash;
    };
    // What the engine does (upload-run.ts): the add, with the local CID of the bytes as they are sent
    // (attempt-cid.ts); through the tunnel by the connector's SSH-channel agent.
    const tunnel = await target.connections.connector.kuboRequestTarget!(target.node);
    const engineAdd = async (base: string, agent?: Agent) => {
      const local = localCidPerAttempt(source)();
      const added = await kuboAdd(base, source, { agent, onFileData: local.onFileData });
      const { cid } = await local.dag();
      if (added.cid !== cid) throw new Error(`CID mismatch: kubo ${added.cid}, local ${cid}`);
      return added.cid;
    };
    const paths = {
      pinfleetThroughTunnel: () => engineAdd(tunnel.baseUrl, tunnel.agent),
      curlThroughTunnel: () => curlAdd(target.tunnelUrl),
      pinfleetDirect: () => engineAdd(target.directUrl),
      curlDirect: () => curlAdd(target.directUrl),
    };
    const { cid, ms, runs: times } = await timePathsInTurns(target.directUrl, paths, Number(values.runs));
    const ratio = (a: number, b: number) => Math.round((b / a) * 100) / 100;
    return {
      node: target.node.name,
      cores: split ? 'split: console and curl on CPU 0, kubo and sshd on CPU 1' : 'shared: everything on both CPUs',
      bytes,
      runs: Number(values.runs),
      cid,
      megabytesPerSecond: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, rate(bytes, v)])),
      allRunsMegabytesPerSecond: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.map((t) => rate(bytes, t))])),
      ratios: {
        pinfleetToCurlThroughTunnel: ratio(ms.pinfleetThroughTunnel, ms.curlThroughTunnel),
        pinfleetDirectToCurlDirect: ratio(ms.pinfleetDirect, ms.curlDirect),
        pinfleetThroughTunnelToCurlDirect: ratio(ms.pinfleetThroughTunnel, ms.curlDirect),
      },
    };
  } finally {
    removeWorkDir(work);
    await target.close();
  }
}
