// A replica's pin never waits for ever. Between kubo v0.43 nodes bitswap never delivers a zero-length
// block (an empty file's raw leaf), so pinning a folder holding an empty file on a second node hangs.
// Against the real fleet: the console notices the stall and sends the blocks itself; a DAG nobody
// holds ends in a timeout that names both nodes. Every pin made here is removed again.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { pinReplica } from '../../src-main/uploads/replica-pin.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { PinfleetError, unwrap } from '../../src-preload/contract/errors.js';
import type { UploadItem } from '../../src-preload/contract/upload-types.js';
import { storageServers } from '../fleet/fleet-description.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const [node1, node2] = servers;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-stall-'));
const ipfsPath = path.join(work, 'ipfs-repo');
/** The CID of an empty file as a raw leaf: the block bitswap does not deliver. */
const EMPTY_LEAF = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';
const STALL_MS = 3_000;
const cids = new Set<string>([EMPTY_LEAF]);
let app: AppContext;

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

const url = (server: { address: string }) => `http://${server.address}:${fleet.servers.find((s) => s.address === server.address)!.kubo!.api.port}`;

async function pinnedOn(server: { address: string }, cid: string): Promise<boolean> {
  const answer = await kuboRpc<{ Keys: Record<string, unknown> }>(server.address, 'pin/ls', [cid]).catch(() => ({ Keys: {} }));
  return cid in answer.Keys;
}

/** True when the node's blockstore holds the block, without asking the network. */
async function holdsBlock(server: { address: string }, cid: string): Promise<boolean> {
  const response = await fetch(`${url(server)}/api/v0/block/stat?arg=${cid}&offline=true`, { method: 'POST' });
  return response.ok;
}

/** A folder holding one empty file, and its CID as the kubo binary computes it. */
function emptyFileFolder(name: string): { folder: string; cid: string } {
  const folder = path.join(work, name);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'empty.txt'), Buffer.alloc(0));
  const args = ['add', '-Q', '--only-hash', '--cid-version=1', '--raw-leaves', '--chunker=size-262144', '-r', folder];
  return { folder, cid: execFileSync(fleet.binaries.ipfs, args, { env: { ...process.env, IPFS_PATH: ipfsPath }, encoding: 'utf8' }).trim() };
}

async function forgetEmptyLeaf(): Promise<void> {
  for (const s of servers) {
    for (const cid of cids) await kuboRpc(s.address, 'pin/rm', [cid]).catch(() => {});
    await kuboRpc(s.address, 'repo/gc', [], 60_000).catch(() => {});
  }
}

beforeAll(async () => {
  execFileSync(fleet.binaries.ipfs, ['init', '-e'], { env: { ...process.env, IPFS_PATH: ipfsPath } });
  await forgetEmptyLeaf();
  app = createAppContext({ dataDir: path.join(work, 'data'), actor: 'test', replicaStallMs: STALL_MS, poller: { intervalMs: 2000, nodeTimeoutMs: 5000 } });
  await addFleetNodes(app, fleet, servers);
});

afterAll(async () => {
  await app?.close();
  await forgetEmptyLeaf();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a replica that stalls', () => {
  it('is sent through the console when the target cannot fetch it (an empty file)', async () => {
    const { folder, cid } = emptyFileFolder('direct');
    cids.add(cid);
    // node1 holds the folder; node2 has never seen the empty leaf, so its own pin/add would hang.
    execFileSync(fleet.binaries.ipfs, ['--api', `/ip4/${node1!.address}/tcp/${node1!.kubo.api.port}`, 'add', '-Q', '-r', '--cid-version=1', '--raw-leaves', folder], { encoding: 'utf8' });
    expect(await holdsBlock(node2!, EMPTY_LEAF)).toBe(false);
    const how = await pinReplica(
      { target: { name: node2!.name, url: url(node2!) }, holder: { name: node1!.name, url: url(node1!) } },
      cid,
      { stallMs: STALL_MS, signal: new AbortController().signal },
    );
    expect(how).toBe('sent');
    expect(await pinnedOn(node2!, cid)).toBe(true);
    expect(await holdsBlock(node2!, EMPTY_LEAF)).toBe(true);
  });

  it('fails with both nodes named when the blocks cannot be sent either', async () => {
    // A CID no node holds: node2 fetches nothing, and node1's export of it has nothing to send.
    const nobody = 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4';
    const error = await pinReplica(
      { target: { name: node2!.name, url: url(node2!) }, holder: { name: node1!.name, url: url(node1!) } },
      nobody,
      { stallMs: STALL_MS, signal: new AbortController().signal },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinfleetError);
    expect((error as PinfleetError).code).toBe('timeout');
    expect((error as PinfleetError).message).toMatch(new RegExp(`^${node2!.name} fetched nothing of ${nobody} from ${node1!.name} for 3 s, and sending the blocks through the console failed too`, 'u'));
    expect(await pinnedOn(node2!, nobody)).toBe(false);
  });

  it('an upload of a folder holding an empty file, with 2 replicas, completes with both confirmed', async () => {
    await forgetEmptyLeaf();
    const { folder, cid } = emptyFileFolder('upload');
    cids.add(cid);
    const { ids: [id] } = await call('uploads.start', { paths: [folder], replicas: 2 });
    const item = await waitFor(`upload ${id!} to finish`, async () => {
      const found = (await call('uploads.list', { limit: 100 })).find((i: UploadItem) => i.id === id!);
      return found && ['done', 'failed', 'cancelled'].includes(found.status) ? found : undefined;
    }, 60_000);
    expect(item.error).toBeNull();
    expect(item.status).toBe('done');
    expect(item.cid).toBe(cid);
    const holders = item.replicas.filter((r) => r.status === 'pinned').map((r) => r.node);
    expect(holders).toHaveLength(2);
    for (const name of holders) expect(await pinnedOn(servers.find((s) => s.name === name)!, cid)).toBe(true);
  });
});
