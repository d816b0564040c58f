// Integration runs bring Cluster up unless PINFLEET_FLEET_CLUSTER=0 (then these are skipped). Every
// Cluster peer, asked through an SSH tunnel with the real ipfs-cluster-ctl, lists all N peers.
import { describe, expect, inject, it } from 'vitest';
import { storageServers } from '../fleet/fleet-description.js';
import { run } from '../fleet/shell.js';
import { connectSsh, openTunnel } from '../fleet/ssh-client.js';

const fleet = inject('fleet');
const nodes = storageServers(fleet);

describe.runIf(fleet.images.cluster !== undefined)('IPFS Cluster on the test fleet', () => {
  it.each(nodes.map((n) => [n.name, n] as const))('%s: ipfs-cluster-ctl peers ls lists every storage node', async (_name, node) => {
    if (!node.cluster) throw new Error(`${node.name} has no Cluster peer in the description`);
    const ssh = await connectSsh(fleet, node);
    const tunnel = await openTunnel(ssh, node.cluster.restApi);
    try {
      const port = new URL(tunnel.url).port;
      const output = await run(fleet.binaries.clusterCtl, ['--host', `/ip4/127.0.0.1/tcp/${port}`, '--enc', 'json', 'peers', 'ls']);
      const names = [...output.matchAll(/"peername": "([^"]+)"/g)].map((m) => m[1]).sort();
      expect(names).toEqual(nodes.map((n) => n.name).sort());
    } finally {
      await tunnel.close();
      ssh.end();
    }
  });
});
