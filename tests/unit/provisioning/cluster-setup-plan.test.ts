// "Set up a cluster" as data: replication defaults, state folders, every peer's container, the
// join check and the pins-kept check.
import { describe, expect, it } from 'vitest';
import { containerAction } from '../../../src-main/provisioning/cluster-peer/cluster-container.js';
import { kuboApiPlacement } from '../../../src-main/provisioning/cluster-peer/cluster-peer-plan.js';
import {
  defaultStateDir, explicitRestAddresses, guardedJoinPins, lostPins, notYetJoined, setupPeerSpecs, setupReplication, swarmAddressOf, type SetupNode,
} from '../../../src-main/provisioning/cluster-setup/cluster-setup-plan.js';
import { setupContainerName } from '../../../src-main/provisioning/cluster-peer/peer-names.js';
import type { Inspected } from '../../../src-main/provisioning/steps/container-state.js';
import { envValue as valueOf } from '../../support/env-value.js';

const SECRET = 'cd'.repeat(32);
const node = (name: string, host: string, apiAddress: string, id: string): SetupNode => ({
  name, host, apiAddress, region: 'eu', tags: ['fast'], identity: { id, privateKey: `key-of-${id}` }, stateDir: `/srv/${name}/ipfs-cluster`,
});

describe('setupReplication', () => {
  it.each([
    [1, {}, { replicationMin: 1, replicationMax: 1 }],
    [2, {}, { replicationMin: 2, replicationMax: 2 }],
    [3, {}, { replicationMin: 2, replicationMax: 3 }],
    [10, {}, { replicationMin: 2, replicationMax: 3 }],
    [10, { replicationMax: 1 }, { replicationMin: 1, replicationMax: 1 }],
    [10, { replicationMax: -1 }, { replicationMin: 2, replicationMax: -1 }],
    [10, { replicationMin: 4, replicationMax: 6 }, { replicationMin: 4, replicationMax: 6 }],
  ])('%i nodes, asked %j → %j', (count, asked, expected) => {
    expect(setupReplication(count, asked)).toEqual(expected);
  });
});

describe('defaultStateDir', () => {
  it('beside kubo repo host folder, as the add-a-server wizard lays it out', () => {
    expect(defaultStateDir('/srv/pinfleet/ipfs')).toBe('/srv/pinfleet/ipfs-cluster');
    expect(defaultStateDir('/srv/pinfleet/ipfs/')).toBe('/srv/pinfleet/ipfs-cluster');
  });
  it('none for a named volume or no mount', () => {
    expect(defaultStateDir(null)).toBeNull();
    expect(defaultStateDir('kubo-data')).toBeNull();
  });
});

describe('kuboApiPlacement', () => {
  it.each([
    ['127.0.0.1:5001', '/ip4/127.0.0.1/tcp/5001', '127.0.0.1'],
    ['127.0.0.12:5001', '/ip4/127.0.0.12/tcp/5001', '127.0.0.12'],
    ['10.0.0.5:5001', '/ip4/10.0.0.5/tcp/5001', '127.0.0.1'],
    ['0.0.0.0:5001', '/ip4/0.0.0.0/tcp/5001', '127.0.0.1'],
    ['[::1]:5001', '/ip6/::1/tcp/5001', '127.0.0.1'],
    ['kubo.internal:5001', '/dns/kubo.internal/tcp/5001', '127.0.0.1'],
  ])('%s → kubo %s, admin APIs on %s', (address, kuboApi, apiHost) => {
    expect(kuboApiPlacement(address)).toEqual({ kuboApi, apiHost });
  });
});

describe('setupPeerSpecs', () => {
  const nodes = [node('a', '127.0.0.11', '127.0.0.11:5001', 'IDA'), node('b', '10.0.0.2', '10.0.0.2:5001', 'IDB'), node('c', 'c.example', '127.0.0.1:5001', 'IDC')];
  const specs = setupPeerSpecs(nodes, { secret: SECRET, restLogin: { user: 'pinfleet', password: 'pw' }, image: 'ipfs/ipfs-cluster:v1.1.6', runAs: '1000:100' });

  it('each peer starts with its own identity, trusts all three and dials the other two', () => {
    const env = specs[0]!.spec.options.Env as string[];
    expect(valueOf(env, 'CLUSTER_ID')).toBe('IDA');
    expect(valueOf(env, 'CLUSTER_PRIVATEKEY')).toBe('key-of-IDA');
    expect(valueOf(env, 'CLUSTER_CRDT_TRUSTEDPEERS')).toBe('IDA,IDB,IDC');
    expect(valueOf(env, 'CLUSTER_PEERADDRESSES')).toBe('/dns/c.example/tcp/9096/p2p/IDC,/ip4/10.0.0.2/tcp/9096/p2p/IDB');
    expect(valueOf(env, 'CLUSTER_RESTAPI_BASICAUTHCREDENTIALS')).toBe('pinfleet:pw');
    expect(valueOf(env, 'CLUSTER_DISABLEREPINNING')).toBe('false');
  });

  it('admin APIs beside kubo on its loopback address, kubo as the node records it, swarm on the SSH host', () => {
    const a = specs[0]!.spec.options.Env as string[];
    expect(valueOf(a, 'CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS')).toBe('/ip4/127.0.0.11/tcp/9094');
    expect(valueOf(a, 'CLUSTER_IPFSHTTP_NODEMULTIADDRESS')).toBe('/ip4/127.0.0.11/tcp/5001');
    expect(valueOf(a, 'CLUSTER_LISTENMULTIADDRESS')).toBe('/ip4/127.0.0.11/tcp/9096');
    expect(valueOf(specs[2]!.spec.options.Env as string[], 'CLUSTER_LISTENMULTIADDRESS')).toBe('/ip4/0.0.0.0/tcp/9096');
    expect(specs.map((s) => [s.node, s.restAddress, s.containerName, s.swarmAddress])).toEqual([
      ['a', '127.0.0.11:9094', 'pinfleet-cluster-a', '/ip4/127.0.0.11/tcp/9096/p2p/IDA'],
      ['b', '127.0.0.1:9094', 'pinfleet-cluster-b', '/ip4/10.0.0.2/tcp/9096/p2p/IDB'],
      ['c', '127.0.0.1:9094', 'pinfleet-cluster-c', '/dns/c.example/tcp/9096/p2p/IDC'],
    ]);
  });

  it('the same inputs give the same containers (a re-run keeps them)', () => {
    const again = setupPeerSpecs(nodes, { secret: SECRET, restLogin: { user: 'pinfleet', password: 'pw' }, image: 'ipfs/ipfs-cluster:v1.1.6', runAs: '1000:100' });
    expect(again.map((s) => s.spec.hash)).toEqual(specs.map((s) => s.spec.hash));
    expect(specs[0]!.spec.hash).not.toBe(specs[1]!.spec.hash);
  });

  it('the console finds REST beside kubo by itself only where kubo is on loopback', () => {
    expect(explicitRestAddresses(nodes, specs)).toEqual({ b: '127.0.0.1:9094' });
  });

  it('names one container per node', () => {
    expect(setupContainerName('node1')).toBe('pinfleet-cluster-node1');
    expect(swarmAddressOf({ host: '2001:db8::1', identity: { id: 'X', privateKey: '' } })).toBe('/ip6/2001:db8::1/tcp/9096/p2p/X');
  });
});

describe('containerAction', () => {
  const inspected = (labels: Record<string, string>, running: boolean): Inspected => ({ Config: { Labels: labels }, State: { Running: running, Status: running ? 'running' : 'exited', ExitCode: 0 }, RestartCount: 0 });
  it.each([
    [null, 'create'],
    [inspected({ 'pinfleet.provisioned': '1', 'pinfleet.cluster-spec': 'h1' }, true), 'keep'],
    [inspected({ 'pinfleet.provisioned': '1', 'pinfleet.cluster-spec': 'h1' }, false), 'start'],
    [inspected({ 'pinfleet.provisioned': '1', 'pinfleet.cluster-spec': 'h0' }, true), 'replace'],
  ])('%j → %s', (current, action) => {
    expect(containerAction(current, 'pinfleet-cluster-a', 'h1')).toBe(action);
  });
  it('refuses a same-named container Pinfleet did not make', () => {
    expect(() => containerAction(inspected({}, true), 'pinfleet-cluster-a', 'h1')).toThrow(/already exists on the server and was not made by Pinfleet/);
  });
});

describe('notYetJoined and lostPins', () => {
  it('a peer has joined when it lists every peer, itself included', () => {
    const listed = new Map([['A', ['A', 'B', 'C']], ['B', ['A', 'B']], ['C', ['A', 'B', 'C']]]);
    expect(notYetJoined(['A', 'B', 'C'], listed)).toEqual(['B']);
    expect(notYetJoined(['A', 'B', 'C'], new Map([['A', ['A', 'B', 'C']]]))).toEqual(['B', 'C']);
    expect(notYetJoined(['A'], new Map([['A', ['A']]]))).toEqual([]);
  });
  it('a pin is lost when its node no longer lists it, wherever else it is', () => {
    const before = new Map([['n1', ['x', 'y']], ['n2', ['y']]]);
    expect(lostPins(before, new Map([['n1', ['x', 'y', 'z']], ['n2', ['y']]]))).toEqual([]);
    expect(lostPins(before, new Map([['n1', ['x']], ['n2', ['y']]]))).toEqual([{ node: 'n1', cid: 'y' }]);
    expect(lostPins(before, new Map([['n1', ['x', 'y']]]))).toEqual([{ node: 'n2', cid: 'y' }]);
  });
});

describe('guardedJoinPins', () => {
  const pin = (cid: string, allocations: string[], replicationMin: number, replicationMax: number, name = '') => ({ cid, name, allocations, replicationMin, replicationMax, timestamp: '' });
  it('forces the joining peer into the pins its kubo holds (min one above what they have), then settles min back, max raised, name kept', () => {
    const pinset = [pin('held', ['A'], 1, 1, 'photos'), pin('heldToo', ['A', 'B'], 3, 3), pin('notHeld', ['A'], 1, 1), pin('mine', ['C'], 1, 1), pin('everywhere', [], -1, -1)];
    expect(guardedJoinPins(['held', 'heldToo', 'mine', 'everywhere'], pinset, 'C')).toEqual([
      {
        cid: 'held',
        force: { name: 'photos', allocations: ['C', 'A'], replicationMin: 2, replicationMax: 2 },
        settle: { name: 'photos', allocations: ['C', 'A'], replicationMin: 1, replicationMax: 2 },
      },
      { cid: 'heldToo', force: { name: undefined, allocations: ['C', 'A', 'B'], replicationMin: 3, replicationMax: 3 }, settle: null },
    ]);
  });
  it('nothing to do for a kubo that holds none of the pinset', () => {
    expect(guardedJoinPins(['x'], [pin('y', ['A'], 1, 1)], 'C')).toEqual([]);
  });
});

describe('setupPeerSpecs for a guarded join', () => {
  it('turns unpinning off for the joining peers only, which changes their container', () => {
    const nodes = [node('a', '127.0.0.11', '127.0.0.11:5001', 'IDA'), node('b', '127.0.0.12', '127.0.0.12:5001', 'IDB')];
    const common = { secret: SECRET, restLogin: { user: 'pinfleet', password: 'pw' }, image: 'i', runAs: '1:1' };
    const normal = setupPeerSpecs(nodes, common);
    const guarded = setupPeerSpecs(nodes, common, new Set(['b']));
    expect(valueOf(guarded[1]!.spec.options.Env as string[], 'CLUSTER_IPFSHTTP_UNPINDISABLE')).toBe('true');
    expect(valueOf(guarded[0]!.spec.options.Env as string[], 'CLUSTER_IPFSHTTP_UNPINDISABLE')).toBeUndefined();
    expect(guarded[0]!.spec.hash).toBe(normal[0]!.spec.hash);
    expect(guarded[1]!.spec.hash).not.toBe(normal[1]!.spec.hash);
  });
});
