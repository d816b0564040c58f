// The "private fleet network" option: kubo settings that keep a node talking only to its fleet. No
// public bootstrap peers, no AutoConf fetch, no telemetry, no mDNS, relays, hole punching, NAT port
// mapping, AutoTLS, delegated HTTP routers or DNS resolvers, and a connection gater
// (Swarm.AddrFilters) that refuses every address outside the fleet's networks. An admin whose nodes
// sit on a private LAN wants exactly this; the tests use it with 127.0.0.0/8 so nothing leaves the
// machine. Checked against docs/config.md of kubo v0.43.0 (as tests/fleet/kubo-config-script.ts). Pure.

interface Ipv4Block {
  base: number;
  bits: number;
}

function parseCidr(cidr: string): Ipv4Block {
  const [address = '', bits = ''] = cidr.split('/');
  const octets = address.split('.').map(Number);
  const value = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
  const prefix = Number(bits);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (value & mask) >>> 0, bits: prefix };
}

const size = (block: Ipv4Block) => 2 ** (32 - block.bits);
const contains = (outer: Ipv4Block, inner: Ipv4Block) => outer.bits <= inner.bits && inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer);
const overlaps = (a: Ipv4Block, b: Ipv4Block) => a.base < b.base + size(b) && b.base < a.base + size(a);
const dotted = (value: number) => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');

/** The fewest IPv4 blocks that cover everything outside `allowed`, as multiaddr netmasks, plus all of IPv6. */
export function netmasksOutside(allowed: readonly string[]): string[] {
  const keep = allowed.map(parseCidr);
  const out: string[] = [];
  const visit = (block: Ipv4Block) => {
    if (keep.some((k) => contains(k, block))) return;
    if (!keep.some((k) => overlaps(k, block))) {
      out.push(`/ip4/${dotted(block.base)}/ipcidr/${block.bits}`);
      return;
    }
    const half = { bits: block.bits + 1 };
    visit({ base: block.base, ...half });
    visit({ base: block.base + size(block) / 2, ...half });
  };
  visit({ base: 0, bits: 0 });
  return [...out, '/ip6/::/ipcidr/0'];
}

/** The settings, as `ipfs config --json KEY VALUE` pairs, for a node that must stay inside `fleetNetworks`. */
export function privateNetworkSettings(fleetNetworks: readonly string[], swarmMultiaddr: string): [string, unknown][] {
  const outside = netmasksOutside(fleetNetworks);
  return [
    ['Addresses.Announce', [swarmMultiaddr]],
    ['Addresses.AppendAnnounce', []],
    ['Addresses.NoAnnounce', outside],
    ['Swarm.AddrFilters', outside],
    // AutoConf off means every "auto" placeholder must be replaced, or the daemon refuses to start.
    ['AutoConf.Enabled', false],
    ['Bootstrap', []],
    ['DNS.Resolvers', {}],
    ['Routing.DelegatedRouters', []],
    ['Ipns.DelegatedPublishers', []],
    // The DHT among fleet peers only (no bootstrap); loopback and LAN addresses count there.
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
  ];
}
