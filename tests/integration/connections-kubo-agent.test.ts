// Uploads' adds through an SSH channel opened straight on the node's pooled connection
// (connector.kuboRequestTarget, no local listener in between), against the real fleet: a file and a
// folder of many small files get the CID the kubo binary computes and are pinned; a connection
// killed mid-add fails the add as unreachable (so the engine moves to the next node), and the next
// add goes through on a fresh connection. Every pin made here is removed again.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Agent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kuboAdd } from '../../src-main/uploads/kubo-add.js';
import { computeLocalCid } from '../../src-main/uploads/local-cid.js';
import { readUploadSource } from '../../src-main/uploads/upload-source.js';
import { serverNamed } from '../fleet/fleet-description.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { connectionsWorld, type ConnectionsWorld } from './connections-support.js';

const fleet = inject('fleet');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-kubo-agent-'));
const ipfsPath = path.join(work, 'ipfs-repo');
const added = new Set<string>();
let world: ConnectionsWorld;

const node = (name: string) => world.inventory.getNode(name);
const connector = () => world.connections.connector;

/** What `ipfs add --only-hash` of the real kubo binary says for the same path. */
function onlyHash(target: string): string {
  const args = ['add', '-Q', '--only-hash', '--cid-version=1', '--raw-leaves', '--chunker=size-262144'];
  if (fs.statSync(target).isDirectory()) args.push('-r');
  return execFileSync(fleet.binaries.ipfs, [...args, target], { env: { ...process.env, IPFS_PATH: ipfsPath }, encoding: 'utf8' }).trim();
}

function write(relative: string, bytes: Buffer): string {
  const target = path.join(work, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes);
  return target;
}

async function pinned(name: string, cid: string): Promise<boolean> {
  const answer = await kuboRpc<{ Keys: Record<string, unknown> }>(serverNamed(fleet, name).address, 'pin/ls', [cid]).catch(() => ({ Keys: {} }));
  return cid in answer.Keys;
}

beforeAll(async () => {
  execFileSync(fleet.binaries.ipfs, ['init', '-e'], { env: { ...process.env, IPFS_PATH: ipfsPath } });
  world = await connectionsWorld(fleet, { pin: true });
});

afterAll(async () => {
  await world?.close();
  for (const name of ['node1', 'node2']) {
    const address = serverNamed(fleet, name).address;
    for (const cid of added) await kuboRpc(address, 'pin/rm', [cid]).catch(() => {});
    await kuboRpc(address, 'repo/gc', [], 60_000).catch(() => {});
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe('adds through an SSH channel agent', () => {
  it('gives an agent in the plain tunnel mode; a file and a folder of small files get kubo\'s CID and are pinned', async () => {
    const target = await connector().kuboRequestTarget!(node('node1'));
    expect(target.agent).toBeInstanceOf(Agent);
    expect(target.baseUrl).toBe(await connector().kuboApiUrl(node('node1')));
    const file = write('one.bin', randomBytes(5 * 1024 * 1024 + 3));
    // 300 small files packed into shared buffers and read concurrently, and one file bigger than a buffer.
    for (let i = 0; i < 300; i += 1) write(`tree/d${i % 7}/f${i}.bin`, randomBytes(1 + ((i * 7919) % 9000)));
    write('tree/big.bin', randomBytes(2 * 1024 * 1024 + 11));
    const folder = path.join(work, 'tree');
    for (const source of [file, folder]) {
      const { cid } = await kuboAdd(target.baseUrl, await readUploadSource(source), { agent: target.agent });
      added.add(cid);
      expect(cid).toBe(onlyHash(source));
      expect(await computeLocalCid(await readUploadSource(source))).toBe(cid);
      expect(await pinned('node1', cid)).toBe(true);
    }
  }, 120_000);

  it('a connection killed mid-add fails the add as unreachable; the next add goes through a new connection', async () => {
    const target = await connector().kuboRequestTarget!(node('node2'));
    // Zeros, sparse here: one block on the node however long the transfer (kubo stores a block
    // once), and long enough that the kill lands while it is still sending.
    const big = write('cut.bin', Buffer.alloc(0));
    fs.truncateSync(big, 512 * 1024 * 1024);
    let killed: Promise<unknown> | null = null;
    const cut = kuboAdd(target.baseUrl, await readUploadSource(big), {
      agent: target.agent,
      onBytes: () => {
        // End the pooled SSH connection from the server side: the shell's parent is its sshd session.
        killed ??= connector().exec(node('node2'), ['sh', '-c', 'kill -9 $PPID']).catch(() => undefined);
      },
    });
    // Had it gone through after all, its pin is still removed afterwards (the fleet's disks are small).
    const outcome = await cut.then(
      (answer) => {
        added.add(answer.cid);
        return answer;
      },
      (error: unknown) => error,
    );
    expect(outcome).toMatchObject({ code: 'unreachable' });
    expect(killed).not.toBeNull();
    await killed;
    const small = write('after.bin', randomBytes(300_000));
    const again = await connector().kuboRequestTarget!(node('node2'));
    const { cid } = await kuboAdd(again.baseUrl, await readUploadSource(small), { agent: again.agent });
    added.add(cid);
    expect(cid).toBe(onlyHash(small));
    expect(await pinned('node2', cid)).toBe(true);
  }, 120_000);
});
