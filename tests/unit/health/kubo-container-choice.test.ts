// Which container is a node's kubo, as a pure choice over `docker ps`-shaped answers: the stored
// name wins, then label, published port, the address its kubo listens on, and the name last.
import { describe, expect, it } from 'vitest';
import {
  containersToProbe,
  listensOn,
  multiaddrHostPort,
  noContainerMessage,
  pickKuboContainer,
  type ContainerSummary,
} from '../../../src-main/health/kubo-container.js';

function kubo(name: string, extra: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    Id: `${name.replace(/[^a-f0-9]/g, '').padEnd(12, 'a')}${'0'.repeat(52)}`,
    Names: [`/${name}`],
    Image: 'ipfs/kubo:v0.43.0',
    State: 'running',
    Labels: {},
    Mounts: [{ Source: `/srv/${name}/ipfs`, Destination: '/data/ipfs' }],
    Ports: [],
    ...extra,
  };
}

const shared = [
  kubo('pinfleet-node1-kubo', { Id: 'a1'.repeat(32), Labels: { 'pinfleet.server': 'node1' } }),
  kubo('pinfleet-node2-kubo', { Id: 'b2'.repeat(32), Labels: { 'pinfleet.server': 'node2' } }),
  kubo('pinfleet-node3-kubo', { Id: 'c3'.repeat(32), Labels: { 'pinfleet.server': 'node3' } }),
  { ...kubo('web'), Image: 'nginx', Mounts: [] },
];
const listening = new Map([
  ['a1'.repeat(32), '/ip4/127.0.0.11/tcp/5001'],
  ['b2'.repeat(32), '/ip4/127.0.0.12/tcp/5001'],
  ['c3'.repeat(32), '/ip4/127.0.0.13/tcp/5001'],
]);
const nameOf = (c: ContainerSummary | null) => c?.Names[0] ?? null;

describe('pickKuboContainer', () => {
  it.each([
    ['the stored name, over a label naming another node', { name: 'node1', kuboContainer: 'pinfleet-node3-kubo' }, '/pinfleet-node3-kubo'],
    ['a stored ID prefix of 12 hex digits', { name: 'x', kuboContainer: 'b2b2b2b2b2b2' }, '/pinfleet-node2-kubo'],
    ['the label with the node name', { name: 'NODE2', apiAddress: '127.0.0.13:5001' }, '/pinfleet-node2-kubo'],
    ['the kubo listening on the API address, for a node named unlike its server', { name: 'storage-b', apiAddress: '127.0.0.12:5001' }, '/pinfleet-node2-kubo'],
    ['the address rule before the name rule', { name: 'node1-old', apiAddress: '127.0.0.13:5001' }, '/pinfleet-node3-kubo'],
    ['the name containing the node name when nothing else decides', { name: 'pinfleet-node1' }, '/pinfleet-node1-kubo'],
  ])('takes %s', (_why, node, expected) => {
    expect(nameOf(pickKuboContainer(shared, node, listening))).toBe(expected);
  });

  it('never guesses: a stored name that matches nothing, or two candidates, is null', () => {
    expect(pickKuboContainer(shared, { name: 'node1', kuboContainer: 'gone' }, listening)).toBeNull();
    expect(pickKuboContainer(shared, { name: 'storage-b', apiAddress: '127.0.0.1:5001' }, listening)).toBeNull();
    expect(pickKuboContainer(shared, { name: 'kubo' }, listening)).toBeNull(); // every name contains it
    expect(pickKuboContainer(shared, 'storage-b')).toBeNull();
  });

  it('takes the only kubo on an engine whatever its name', () => {
    expect(nameOf(pickKuboContainer([shared[0]!, shared[3]!], 'anything'))).toBe('/pinfleet-node1-kubo');
  });

  it('matches published ports (bridge networking), wildcard binds included', () => {
    const bridged = [
      kubo('a', { Id: 'a'.repeat(64), Ports: [{ IP: '127.0.0.1', PrivatePort: 5001, PublicPort: 5001, Type: 'tcp' }] }),
      kubo('b', { Id: 'b'.repeat(64), Ports: [{ IP: '0.0.0.0', PrivatePort: 5001, PublicPort: 5002, Type: 'tcp' }] }),
    ];
    expect(nameOf(pickKuboContainer(bridged, { name: 'n', apiAddress: '127.0.0.1:5001' }))).toBe('/a');
    expect(nameOf(pickKuboContainer(bridged, { name: 'n', apiAddress: '127.0.0.1:5002' }))).toBe('/b');
    expect(pickKuboContainer(bridged, { name: 'n', apiAddress: '127.0.0.1:5003' })).toBeNull();
  });
});

describe('containersToProbe', () => {
  it('asks for the api files only when the cheap rules cannot decide', () => {
    expect(containersToProbe(shared, { name: 'node1', apiAddress: '127.0.0.11:5001' })).toEqual([]);
    expect(containersToProbe(shared, { name: 'x', apiAddress: '127.0.0.11:5001', kuboContainer: 'pinfleet-node1-kubo' })).toEqual([]);
    expect(containersToProbe(shared, { name: 'x' })).toEqual([]);
    expect(containersToProbe(shared, { name: 'storage-b', apiAddress: '127.0.0.12:5001' }).map(nameOf)).toEqual([
      '/pinfleet-node1-kubo',
      '/pinfleet-node2-kubo',
      '/pinfleet-node3-kubo',
    ]);
  });
});

describe('addresses', () => {
  it('reads kubo multiaddrs and matches wildcard listeners', () => {
    expect(multiaddrHostPort('/ip4/127.0.0.12/tcp/5001\n')).toEqual({ host: '127.0.0.12', port: 5001 });
    expect(multiaddrHostPort('/ip6/::1/tcp/5001')).toEqual({ host: '::1', port: 5001 });
    expect(multiaddrHostPort('/unix/run/api.sock')).toBeNull();
    expect(listensOn({ host: '0.0.0.0', port: 5001 }, '127.0.0.1:5001')).toBe(true);
    expect(listensOn({ host: '127.0.0.12', port: 5001 }, '127.0.0.13:5001')).toBe(false);
    expect(listensOn({ host: '127.0.0.12', port: 5002 }, '127.0.0.12:5001')).toBe(false);
  });

  it('says why nothing was chosen', () => {
    expect(noContainerMessage(shared, { name: 'n', kuboContainer: 'gone' })).toContain('"gone"');
    expect(noContainerMessage(shared, { name: 'n', apiAddress: '127.0.0.1:5001' })).toContain('pinfleet-node1-kubo, pinfleet-node2-kubo, pinfleet-node3-kubo');
  });
});
