// The /container-init.d script of one storage server's kubo. It runs before every daemon start (as
// the official image runs its init scripts) and pins the node to its own 127.0.0.x address with
// nothing that reaches beyond this machine: no AutoConf fetch, no telemetry, no bootstrap peers,
// no mDNS, no AutoTLS, no relays, no NAT port mapping, no delegated HTTP routers or DNS resolvers,
// and a connection gater (Swarm.AddrFilters) that refuses every address outside 127.0.0.0/8.
// Checked against docs/config.md of kubo v0.43.0.
import { kuboPorts } from './fleet-layout.js';

/** Every IPv4 range except 127.0.0.0/8, and all of IPv6, as multiaddr netmasks. */
export const offHostNetmasks = [
  '/ip4/0.0.0.0/ipcidr/2',
  '/ip4/64.0.0.0/ipcidr/3',
  '/ip4/96.0.0.0/ipcidr/4',
  '/ip4/112.0.0.0/ipcidr/5',
  '/ip4/120.0.0.0/ipcidr/6',
  '/ip4/124.0.0.0/ipcidr/7',
  '/ip4/126.0.0.0/ipcidr/8',
  '/ip4/128.0.0.0/ipcidr/1',
  '/ip6/::/ipcidr/0',
];

export const peeringFileInContainer = '/container-init.d/peering.json';

export function kuboConfigScript(server: { name: string; address: string; storageMax: string }): string {
  const a = server.address;
  const swarm = `/ip4/${a}/tcp/${kuboPorts.swarm}`;
  const settings: [string, unknown][] = [
    ['Addresses.API', `/ip4/${a}/tcp/${kuboPorts.api}`],
    ['Addresses.Gateway', `/ip4/${a}/tcp/${kuboPorts.gateway}`],
    ['Addresses.Swarm', [swarm]],
    ['Addresses.Announce', [swarm]],
    ['Addresses.AppendAnnounce', []],
    ['Addresses.NoAnnounce', offHostNetmasks],
    ['Swarm.AddrFilters', offHostNetmasks],
    // AutoConf off means every "auto" placeholder must be replaced, or the daemon refuses to start.
    ['AutoConf.Enabled', false],
    ['Bootstrap', []],
    ['DNS.Resolvers', {}],
    ['Routing.DelegatedRouters', []],
    ['Ipns.DelegatedPublishers', []],
    // DHT only among fleet peers (no bootstrap); the LAN DHT accepts loopback addresses.
    ['Routing.Type', 'dht'],
    ['Routing.LoopbackAddressesOnLanDHT', true],
    ['Plugins.Plugins', { telemetry: { Disabled: true, Config: { Mode: 'off' } } }],
    ['AutoTLS.Enabled', false],
    ['AutoNAT.ServiceMode', 'disabled'],
    ['Discovery.MDNS.Enabled', false],
    ['Swarm.DisableNatPortMap', true],
    ['Swarm.RelayClient.Enabled', false],
    ['Swarm.RelayService.Enabled', false],
    ['Swarm.EnableHolePunching', false],
    ['Swarm.Transports.Network.QUIC', false],
    ['Swarm.Transports.Network.WebTransport', false],
    ['Swarm.Transports.Network.WebRTCDirect', false],
    ['Swarm.Transports.Network.Websocket', false],
    ['HTTPRetrieval.Enabled', false],
    ['Gateway.NoDNSLink', true],
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
