// Main-process memory during one big upload (growth ≤ 64 MiB for 4 GiB): the engine's run
// (upload-run.ts) through the SSH tunnel to the bench server, with RSS and V8 heap sampled every
// 50 ms; growth is the largest reading minus the reading just before the upload. Baseline, same
// run, after it: the same samples while `curl -F` sends the same file through the same in-process
// tunnel (its local listener; the engine's add uses an SSH channel of the same connection).
// `node --expose-gc --import tsx bench/run.ts upload-memory --mib 4096`
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { CHUNKER } from '../src-main/uploads/local-cid.js';
import { benchWorkDir, removeWorkDir } from './upload-bench-server.js';
import { forget, openBenchNode, rate, timed } from './upload-bench-node.js';
import { engineUpload } from './upload-engine-run.js';
import { writeRandomFile } from './upload-throughput.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;

interface Reading {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

async function sampled(work: () => Promise<unknown>): Promise<{ ms: number; start: Reading; max: Reading; growthMiB: Reading }> {
  (globalThis as { gc?: () => void }).gc?.();
  const read = (): Reading => {
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  };
  const start = read();
  const max = { ...start };
  const timer = setInterval(() => {
    const now = read();
    for (const key of Object.keys(max) as (keyof Reading)[]) max[key] = Math.max(max[key], now[key]);
  }, 50);
  try {
    const ms = await timed(work);
    const growthMiB = Object.fromEntries(Object.entries(max).map(([k, v]) => [k, Math.round(((v - start[k as keyof Reading]) / MiB) * 10) / 10])) as unknown as Reading;
    return { ms, start, max, growthMiB };
  } finally {
    clearInterval(timer);
  }
}

export async function uploadMemoryBench(args: string[]): Promise<unknown> {
  const { values } = parseArgs({ args, options: { mib: { type: 'string', default: '4096' }, node: { type: 'string', default: 'bench' } } });
  const bytes = Number(values.mib) * MiB;
  const target = await openBenchNode(values.node, Math.ceil((Number(values.mib) * 1.2) / 256) * 256 + 512);
  const work = benchWorkDir();
  try {
    const file = path.join(work, 'payload.bin');
    await writeRandomFile(file, bytes);
    const cids = new Set<string>();
    // The engine first: memory freed by an earlier upload in this process would be reused by the
    // next one without showing as growth, so the engine starts from the cleaner state.
    let progressEvents = 0;
    const engine = await sampled(async () => {
      const result = await engineUpload(target, file, 'tunnel');
      cids.add(result.cid);
      progressEvents = result.progressEvents;
    });
    await forget(target.directUrl, cids);
    const curl = await sampled(async () => {
      const { stdout } = await run('curl', ['-sf', '-F', `file=@${file}`, `${target.tunnelUrl}/api/v0/add?cid-version=1&raw-leaves=true&chunker=${CHUNKER}&pin=true`]);
      cids.add((JSON.parse(stdout.trim().split('\n').pop()!) as { Hash: string }).Hash);
    });
    await forget(target.directUrl, cids);
    if (cids.size !== 1) throw new Error(`curl and the engine disagree on the CID: ${[...cids].join(', ')}`);
    const mib = (r: Reading) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round((v / MiB) * 10) / 10]));
    return {
      node: target.node.name,
      bytes,
      cid: [...cids][0],
      pinfleet: { megabytesPerSecond: rate(bytes, engine.ms), progressEvents, startMiB: mib(engine.start), maxMiB: mib(engine.max), growthMiB: engine.growthMiB },
      baselineCurlThroughSameTunnel: { megabytesPerSecond: rate(bytes, curl.ms), startMiB: mib(curl.start), maxMiB: mib(curl.max), growthMiB: curl.growthMiB },
    };
  } finally {
    removeWorkDir(work);
    await target.close();
  }
}
