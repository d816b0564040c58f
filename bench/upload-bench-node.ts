// The target of an upload benchmark, reached the way the console reaches a node: registered in a
// throwaway inventory, its client key set as its credential, kubo through the real SSH connector's
// tunnel. By default the dedicated bench server (upload-bench-server.ts, big enough for 1–4 GiB);
// `--node node3` uses a fleet node instead (small files only: its disk is 512 MiB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventBus } from '../src-main/core/events.js';
import { createConnections, type Connections } from '../src-main/connections/index.js';
import { openStorage } from '../src-main/inventory/index.js';
import type { Inventory, OpenedDatabase } from '../src-main/inventory/index.js';
import { openSecretStore } from '../src-main/secrets/choose-secret-store.js';
import { nodeFields } from '../src-preload/contract/schemas.js';
import type { NodeRecord } from '../src-preload/contract/types.js';
import { loadFleet, storageServers } from '../tests/fleet/fleet-description.js';
import { startBenchServer } from './upload-bench-server.js';

export interface BenchNode {
  node: NodeRecord;
  inventory: Inventory;
  opened: OpenedDatabase;
  connections: Connections;
  /** kubo's RPC through the SSH tunnel (what the engine uses) and straight at the node. */
  tunnelUrl: string;
  directUrl: string;
  /** The same, as a multiaddr for `ipfs --api`. */
  directMultiaddr: string;
  ipfsBinary: string;
  close(): Promise<void>;
}

export async function openBenchNode(target: string, diskMiB: number, serverCpus?: string): Promise<BenchNode> {
  const fleet = loadFleet();
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error: unknown) => process.stderr.write(`bench clean-up: ${String(error)}\n`));
  };
  try {
    let server: { name: string; host: string; port: number; fingerprint: string; apiHost: string; apiPort: number };
    if (target === 'bench') {
      const own = await startBenchServer({ ipfsBinary: fleet.binaries.ipfs, clientKeyPath: fleet.clientKeyPath, diskMiB, serverCpus });
      closers.push(() => own.stop());
      server = { name: own.name, host: own.address, port: own.sshPort, fingerprint: own.hostKeyFingerprint, apiHost: own.address, apiPort: 5001 };
    } else {
      const s = storageServers(fleet).find((x) => x.name === target);
      if (!s) throw new Error(`no storage server ${target} in the fleet (or use the default, the bench server)`);
      server = { name: s.name, host: s.ssh.host, port: s.ssh.port, fingerprint: s.ssh.hostKeyFingerprint, apiHost: s.kubo.api.host, apiPort: s.kubo.api.port };
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-bench-upload-'));
    closers.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const { inventory, opened } = openStorage({ dataDir });
    closers.push(async () => inventory.close());
    const connections = createConnections({ inventory, db: opened.db, secrets: openSecretStore(dataDir, undefined), bus: new EventBus(), actor: 'bench' });
    closers.push(() => connections.close());
    const node = inventory.addNode(
      nodeFields.parse({
        name: server.name, host: server.host, sshPort: server.port, sshUser: 'root',
        hostKeyFingerprint: server.fingerprint, apiAddress: `${server.apiHost}:${server.apiPort}`,
      }),
      'bench',
    );
    await connections.handlers['credentials.set']({ name: node.name, method: 'keyFile', keyPath: fleet.clientKeyPath });
    return {
      node: inventory.getNode(node.name), inventory, opened, connections,
      tunnelUrl: await connections.connector.kuboApiUrl(node),
      directUrl: `http://${server.apiHost}:${server.apiPort}`,
      directMultiaddr: `/ip4/${server.apiHost}/tcp/${server.apiPort}`,
      ipfsBinary: fleet.binaries.ipfs,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Unpins and collects garbage, so the next run stores the blocks again rather than finding them. */
export async function forget(directUrl: string, cids: Iterable<string>): Promise<void> {
  for (const cid of new Set(cids)) await fetch(`${directUrl}/api/v0/pin/rm?arg=${cid}`, { method: 'POST' }).then((r) => r.arrayBuffer());
  await fetch(`${directUrl}/api/v0/repo/gc`, { method: 'POST' }).then((r) => r.arrayBuffer());
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Megabytes (10^6) per second, one decimal. */
export const rate = (bytes: number, ms: number): number => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;

/**
 * Times each way of adding the same content, taking turns for `runs` rounds (so load drifts hit
 * them alike), unpinning between adds so every add does the full work. Every path must answer the
 * same CID. Returns it, and each path's median and every run, in ms.
 */
export async function timePathsInTurns<K extends string>(
  directUrl: string,
  paths: Record<K, () => Promise<string>>,
  runs: number,
): Promise<{ cid: string; ms: Record<K, number>; runs: Record<K, number[]> }> {
  const names = Object.keys(paths) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  const cids = new Set<string>();
  for (let i = 0; i < runs; i += 1) {
    for (const name of names) {
      await forget(directUrl, cids);
      times[name].push(await timed(async () => cids.add(await paths[name]())));
    }
  }
  await forget(directUrl, cids);
  if (cids.size !== 1) throw new Error(`the paths disagree on the CID: ${[...cids].join(', ')}`);
  const ms = Object.fromEntries(names.map((name) => [name, median(times[name])])) as Record<K, number>;
  return { cid: [...cids][0]!, ms, runs: times };
}
