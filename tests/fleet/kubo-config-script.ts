// The /container-init.d script of one storage server's kubo. It runs before every daemon start (as
// the official image runs its init scripts) and pins the node to its own 127.0.0.x address with
// nothing that reaches beyond this machine: no AutoConf fetch, no telemetry, no bootstrap peers,
// no mDNS, no AutoTLS, no relays, no NAT port mapping, no delegated HTTP routers or DNS resolvers,
// and a connection gater (Swarm.AddrFilters) that refuses every address outside 127.0.0.0/8.
// Checked against docs/config.md of kubo v0.43.0.
import { kuboPorts } from './fleet-layout.js';
import { netmasksOutside, privateNetworkSettings } from '../../src-main/provisioning/steps/private-network.js';

/** Every IPv4 range except 127.0.0.0/8, and all of IPv6, as multiaddr netmasks. */
export const offHostNetmasks = netmasksOutside(['127.0.0.0/8']);

export const peeringFileInContainer = '/container-init.d/peering.json';

export function kuboConfigScript(server: { name: string; address: string; storageMax: string }): string {
  const a = server.address;
  const swarm = `/ip4/${a}/tcp/${kuboPorts.swarm}`;
  // The product's "private fleet network" settings with 127.0.0.0/8 as the fleet: one source of
  // truth for what keeps kubo on this machine (the script's text is unchanged by using it).
  const settings: [string, unknown][] = [
    ['Addresses.API', `/ip4/${a}/tcp/${kuboPorts.api}`],
    ['Addresses.Gateway', `/ip4/${a}/tcp/${kuboPorts.gateway}`],
    ['Addresses.Swarm', [swarm]],
    ...privateNetworkSettings(['127.0.0.0/8'], swarm),
    ['Datastore.StorageMax', server.storageMax],
  ];
  const lines = settings.map(([key, value]) => `ipfs config --json ${key} '${JSON.stringify(value)}'`);
  return [
    '#!/bin/sh',
    `# kubo settings of test server ${server.name} (${a}); written by tests/fleet/kubo-config-script.ts.`,
    'set -e',
    ...lines,
    '# The fleet peers, written by the harness once every node has an identity.',
    `if [ -f ${peeringFileInContainer} ]; then ipfs config --json Peering.Peers "$(cat ${peeringFileInContainer})"; fi`,
    '',
  ].join('\n');
}
