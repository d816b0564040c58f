// Everything over one pooled SSH connection per node, against the real fleet: commands (quoted so
// hostile values stay literal), the kubo RPC tunnel, Docker over the forwarded engine socket, a
// shared connect for concurrent callers, reconnecting after a drop, and an unreachable node that
// fails with a clear code while the others keep answering.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverNamed } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { connectionsWorld, type ConnectionsWorld } from './connections-support.js';

const fleet = inject('fleet');
let world: ConnectionsWorld;

const node = (name: string) => world.inventory.getNode(name);
const connector = () => world.connections.connector;
/** The client side of the SSH connection a command ran over, as the server saw it. */
const sshConnectionOf = async (name: string) => (await connector().exec(node(name), ['printenv', 'SSH_CONNECTION'])).stdout.trim();

describe('connections over SSH', () => {
  beforeAll(async () => {
    world = await connectionsWorld(fleet, { pin: true });
  });
  afterAll(async () => {
    await world.close();
  });

  it('exec runs df -B1 on the data path', async () => {
    const server = serverNamed(fleet, 'node1');
    const result = await connector().exec(node('node1'), ['df', '-P', '-B1', server.dataPath]);
    expect(result.code, result.stderr).toBe(0);
    expect(Number(result.stdout.trim().split('\n')[1]?.split(/\s+/)[1])).toBe(server.diskBytes);
  });

  it('a hostile argument runs as a literal and creates no file', async () => {
    const canary = `/tmp/pwned-${randomBytes(6).toString('hex')}`;
    for (const value of [`$(touch ${canary})`, `\`touch ${canary}\``, `;touch ${canary}`, `x\ntouch ${canary}`, `'; touch ${canary}; '`]) {
      const result = await connector().exec(node('node1'), ['printf', '%s', value]);
      expect(result).toEqual({ stdout: value, stderr: '', code: 0 });
    }
    expect(existsSync(canary)).toBe(false); // The fleet's servers share this machine's /tmp.
  });

  it('reports a non-zero exit code as data, and a command past its deadline as timeout', async () => {
    expect((await connector().exec(node('node1'), ['sh', '-c', 'echo oops >&2; exit 3'])).code).toBe(3);
    await expect(connector().exec(node('node1'), ['sleep', '30'], { timeoutMs: 500 })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('concurrent callers share one SSH connection', async () => {
    await connector().disconnect('node3');
    const seen = await Promise.all(Array.from({ length: 6 }, () => sshConnectionOf('node3')));
    expect(new Set(seen).size).toBe(1);
    expect(await sshConnectionOf('node3')).toBe(seen[0]);
  });

  it('kuboApiUrl reaches kubo through the tunnel: /api/v0/id answers with the peer id, and the URL is reused', async () => {
    for (const name of ['node1', 'node2']) {
      const url = await connector().kuboApiUrl(node(name));
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/api/v0/id`, { method: 'POST' });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { ID: string }).ID).toBe(serverNamed(fleet, name).kubo?.peerId);
      expect(await connector().kuboApiUrl(node(name))).toBe(url);
    }
  });

  it('docker(node) lists the node\'s kubo container over the forwarded socket', async () => {
    const docker = await connector().docker(node('node2'));
    const containers = await docker.listContainers({ all: true, filters: { label: ['pinfleet.server=node2'] } });
    expect(containers.map((c) => c.Names[0])).toContain(`/${serverNamed(fleet, 'node2').kubo?.container}`);
    expect(await connector().docker(node('node2'))).toBe(docker);
  });

  it('reconnects after the pooled connection dies, keeping the tunnel URL', async () => {
    const url = await connector().kuboApiUrl(node('node2'));
    const before = await sshConnectionOf('node2');
    // End our own SSH session from the server side: the shell's parent is its sshd session process.
    await connector().exec(node('node2'), ['sh', '-c', 'kill -9 $PPID']).catch(() => undefined);
    const after = await sshConnectionOf('node2');
    expect(after).not.toBe(before);
    const response = await fetch(`${url}/api/v0/id`, { method: 'POST' });
    expect(((await response.json()) as { ID: string }).ID).toBe(serverNamed(fleet, 'node2').kubo?.peerId);
  });

  it('a dropped node fails with timeout or unreachable while another node still answers', async () => {
    await connector().disconnect('node3');
    await faults.dropTrafficOf(fleet, 'node3');
    try {
      const [dropped, alive] = await Promise.allSettled([
        connector().exec(node('node3'), ['true']),
        connector().exec(node('node1'), ['echo', 'still here']),
      ]);
      expect(dropped.status).toBe('rejected');
      expect((dropped as PromiseRejectedResult).reason).toMatchObject({ code: expect.stringMatching(/^(timeout|unreachable)$/), message: expect.stringContaining('node3') });
      expect(alive).toMatchObject({ status: 'fulfilled', value: { stdout: 'still here\n', code: 0 } });
    } finally {
      await faults.undropTrafficOf(fleet, 'node3');
    }
    expect((await connector().exec(node('node3'), ['true'])).code).toBe(0);
  });
});
