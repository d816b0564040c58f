import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PINNED_KUBO_IMAGE, defaultKuboImage } from '../../../src-main/provisioning/steps/default-image.js';
import { netmasksOutside, privateNetworkSettings } from '../../../src-main/provisioning/steps/private-network.js';
import {
  containerSpec,
  defaultReserve,
  dockerInstallCommands,
  initScript,
  kuboSettings,
  parseSize,
  peeringPeers,
  resourceLimits,
  serverLayout,
  storageMaxBytes,
  swarmHostFor,
} from '../../../src-main/provisioning/steps/provision-plan.js';
import { exposedListeners } from '../../../src-main/provisioning/steps/verify-exposure.js';
import { decodeStepRecord, encodeStepRecord } from '../../../src-main/provisioning/steps/undo-actions.js';

const MiB = 1024 ** 2;

describe('private fleet network', () => {
  it('filters everything but 127.0.0.0/8 when only loopback is the fleet (the test fleet uses this)', () => {
    expect(netmasksOutside(['127.0.0.0/8'])).toEqual([
      '/ip4/0.0.0.0/ipcidr/2', '/ip4/64.0.0.0/ipcidr/3', '/ip4/96.0.0.0/ipcidr/4', '/ip4/112.0.0.0/ipcidr/5',
      '/ip4/120.0.0.0/ipcidr/6', '/ip4/124.0.0.0/ipcidr/7', '/ip4/126.0.0.0/ipcidr/8', '/ip4/128.0.0.0/ipcidr/1',
      '/ip6/::/ipcidr/0',
    ]);
  });

  it('leaves every given network out of the filter, and covers the rest', () => {
    const masks = netmasksOutside(['10.0.0.0/8', '192.168.0.0/16']);
    const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    const filtered = (ip: string) =>
      masks.some((m) => {
        const match = /^\/ip4\/([\d.]+)\/ipcidr\/(\d+)$/.exec(m);
        if (!match) return false;
        const span = 2 ** (32 - Number(match[2]));
        return toInt(ip) >= toInt(match[1]!) && toInt(ip) < toInt(match[1]!) + span;
      });
    for (const ip of ['10.0.0.1', '10.255.255.254', '192.168.1.7']) expect(filtered(ip), ip).toBe(false);
    for (const ip of ['9.255.255.255', '11.0.0.0', '127.0.0.1', '192.169.0.1', '8.8.8.8', '255.255.255.255', '0.0.0.0']) expect(filtered(ip), ip).toBe(true);
    expect(masks.at(-1)).toBe('/ip6/::/ipcidr/0');
  });

  it('turns off every way kubo reaches beyond the fleet', () => {
    const settings = Object.fromEntries(privateNetworkSettings(['127.0.0.0/8'], '/ip4/127.0.0.20/tcp/4001'));
    expect(settings).toMatchObject({
      Bootstrap: [], 'AutoConf.Enabled': false, 'DNS.Resolvers': {}, 'Routing.DelegatedRouters': [], 'Ipns.DelegatedPublishers': [],
      'Discovery.MDNS.Enabled': false, 'Swarm.DisableNatPortMap': true, 'Swarm.RelayClient.Enabled': false, 'AutoTLS.Enabled': false,
      'Addresses.Announce': ['/ip4/127.0.0.20/tcp/4001'],
    });
  });
});

describe('sizes and limits', () => {
  it.each([
    ['512MiB', 512 * MiB], ['2GB', 2e9], ['1048576', 1048576], ['1.5 GiB', 1.5 * 1024 ** 3], ['20m', 20e6],
  ])('parses %s', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(['', 'lots', '-1MB', '5 parsecs'])('refuses %j', (text) => expect(parseSize(text)).toBeNull());

  it('keeps a tenth of the disk in reserve, within 64 MiB and 50 GiB', () => {
    expect(defaultReserve(512 * MiB)).toBe(64 * MiB);
    expect(defaultReserve(100 * 1024 ** 3)).toBe(10 * 1024 ** 3);
    expect(defaultReserve(4 * 1024 ** 4)).toBe(50 * 1024 ** 3);
  });

  it('derives StorageMax from the disk, or takes the admin figure capped at the disk', () => {
    expect(storageMaxBytes(512 * MiB, {})).toBe(448 * MiB);
    expect(storageMaxBytes(512 * MiB, { reserveBytes: 12 * MiB })).toBe(500 * MiB);
    expect(storageMaxBytes(512 * MiB, { storageMaxBytes: 1024 * MiB })).toBe(512 * MiB);
  });

  it('limits memory to half the server (at least 512 MiB) and CPUs to what it has', () => {
    expect(resourceLimits(8 * 1024 * MiB, 4, {})).toEqual({ memoryBytes: 4 * 1024 * MiB, cpus: 4 });
    expect(resourceLimits(600 * MiB, null, {})).toEqual({ memoryBytes: 512 * MiB, cpus: 1 });
    expect(resourceLimits(8 * 1024 * MiB, 4, { memoryLimitBytes: MiB, cpus: 0.5 })).toEqual({ memoryBytes: MiB, cpus: 0.5 });
  });

  it('listens for the swarm on the host when it is an address, else everywhere', () => {
    expect(swarmHostFor('10.0.0.9')).toBe('10.0.0.9');
    expect(swarmHostFor('node9.example')).toBe('0.0.0.0');
    expect(swarmHostFor('node9.example', '10.0.0.9')).toBe('10.0.0.9');
  });
});

describe('kubo settings and the container', () => {
  const choice = { swarmHost: '127.0.0.20', storageMaxBytes: 448 * MiB, gcWatermarkPercent: 90, privateNetwork: false, fleetNetworks: ['127.0.0.0/8'] };

  it('binds RPC and gateway to loopback, the swarm to the server address', () => {
    expect(Object.fromEntries(kuboSettings(choice))).toEqual({
      'Addresses.API': '/ip4/127.0.0.1/tcp/5001',
      'Addresses.Gateway': '/ip4/127.0.0.1/tcp/8080',
      'Addresses.Swarm': ['/ip4/127.0.0.20/tcp/4001'],
      'Datastore.StorageMax': '469MB',
      'Datastore.StorageGCWatermark': 90,
    });
    expect(kuboSettings({ ...choice, privateNetwork: true }).length).toBeGreaterThan(20);
  });

  it("lets the gateway serve only the node's own content, or fetch, when asked", () => {
    expect(Object.fromEntries(kuboSettings({ ...choice, gatewayOnlyLocal: true }))['Gateway.NoFetch']).toBe(true);
    expect(Object.fromEntries(kuboSettings({ ...choice, gatewayOnlyLocal: false }))['Gateway.NoFetch']).toBe(false);
    expect(Object.keys(Object.fromEntries(kuboSettings(choice)))).not.toContain('Gateway.NoFetch');
  });

  it('writes each value as one single-quoted word, so nothing in it reaches the shell', () => {
    const script = initScript([['Peering.Peers', [{ ID: "x'$(touch /tmp/pwned)`id`" }]]]);
    expect(script.split('\n')[3]).toBe(`ipfs config --json 'Peering.Peers' '[{"ID":"x'\\''$(touch /tmp/pwned)\`id\`"}]'`);
  });

  it('labels the container with a hash of everything that shapes it', () => {
    const base = { containerName: 'pinfleet-kubo', nodeName: 'bare', image: 'ipfs/kubo:v0.43.0', runAs: '1000:1000', privateNetwork: true, layout: serverLayout('/srv/data/'), memoryBytes: 512 * MiB, cpus: 2, script: 'a' };
    const spec = containerSpec(base);
    expect(spec.options).toMatchObject({
      name: 'pinfleet-kubo', User: '1000:1000', Env: ['IPFS_PROFILE=server,autoconf-off', 'IPFS_TELEMETRY=off'],
      HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: 'unless-stopped' }, Binds: ['/srv/data/ipfs:/data/ipfs', '/srv/data/container-init.d:/container-init.d:ro'], Memory: 512 * MiB, NanoCpus: 2e9 },
      Labels: { 'pinfleet.server': 'bare', 'pinfleet.provisioned': '1', 'pinfleet.spec': spec.hash },
    });
    expect(containerSpec(base).hash).toBe(spec.hash);
    expect(containerSpec({ ...base, script: 'b' }).hash).not.toBe(spec.hash);
    expect(containerSpec({ ...base, memoryBytes: MiB }).hash).not.toBe(spec.hash);
  });

  it('peers with every other node on its TCP addresses, sorted, never with itself', () => {
    const peers = peeringPeers(
      [
        { name: 'b', id: 'QmB', addresses: ['/ip4/127.0.0.12/tcp/4001/p2p/QmB', '/ip4/127.0.0.12/udp/4001/quic-v1'] },
        { name: 'a', id: 'QmA', addresses: ['/ip4/127.0.0.11/tcp/4001'] },
        { name: 'self', id: 'QmSelf', addresses: ['/ip4/127.0.0.20/tcp/4001'] },
      ],
      'QmSelf',
    );
    expect(peers).toEqual([{ ID: 'QmA', Addrs: ['/ip4/127.0.0.11/tcp/4001'] }, { ID: 'QmB', Addrs: ['/ip4/127.0.0.12/tcp/4001'] }]);
  });

  it("knows the distributions' Docker packages, and says so when it does not", () => {
    expect(dockerInstallCommands({ ID: 'ubuntu', ID_LIKE: 'debian' })![1]).toEqual(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'docker.io']);
    expect(dockerInstallCommands({ ID: 'rocky', ID_LIKE: 'rhel centos fedora' })![0]).toEqual(['dnf', 'install', '-y', 'moby-engine']);
    expect(dockerInstallCommands({ ID: 'nixos' })).toBeNull();
  });

  it('deploys the image pinned in resources/versions.env unless told otherwise', () => {
    const pinned = /^KUBO_IMAGE=(.+)$/m.exec(fs.readFileSync('resources/versions.env', 'utf8'))![1];
    expect(PINNED_KUBO_IMAGE).toBe(pinned);
    expect(defaultKuboImage({})).toBe(pinned);
    expect(defaultKuboImage({ PINFLEET_KUBO_IMAGE: 'local/kubo:x' })).toBe('local/kubo:x');
  });
});

describe('verify: nothing admin-grade beyond loopback', () => {
  const listener = (host: string, port: number) => ({ host, port, process: null });
  it("flags wildcards, public addresses and the server's own address; other loopback servers are not its own", () => {
    const found = exposedListeners(
      [listener('127.0.0.1', 5001), listener('127.0.0.11', 5001), listener('127.0.0.20', 8080), listener('0.0.0.0', 2375), listener('10.0.0.9', 9094), listener('0.0.0.0', 4001), listener('::1', 8080)],
      '127.0.0.20',
    );
    expect(found.map((l) => `${l.host}:${l.port}`)).toEqual(['127.0.0.20:8080', '0.0.0.0:2375', '10.0.0.9:9094']);
  });
});

describe('step records', () => {
  it('round-trip, and read plain-text logs of older runs as having nothing to undo', () => {
    const record = { summary: 's', lines: ['a'], undo: [{ kind: 'remove-path' as const, path: '/srv/x/ipfs' }] };
    expect(decodeStepRecord(encodeStepRecord(record))).toEqual(record);
    expect(decodeStepRecord('added node2 to the inventory')).toEqual({ summary: 'added node2 to the inventory', lines: [], undo: [] });
  });
});
