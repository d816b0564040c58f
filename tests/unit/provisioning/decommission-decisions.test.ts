// Decommission's decisions as pure functions: which kubo container it may stop (the health locator's
// choice, but never a guess by name: the `eu1` beside `eu1-staging` case), which Cluster peer is the
// node's and what refuses a Cluster-mode run, when Cluster's re-allocation counts as done, the
// remaining kubos' check, and the plan with its typed confirmation.
import { describe, expect, it } from 'vitest';
import { chooseKuboContainer, type ContainerSummary, type KuboIdentity } from '../../../src-main/health/kubo-container.js';
import { findNodePeer, missingOnKubos, planClusterDecommission, reallocationState, type ClusterFacts } from '../../../src-main/provisioning/decommission/decommission-cluster-plan.js';
import { judgeDecommissionContainer } from '../../../src-main/provisioning/decommission/decommission-container.js';
import { checkConfirmation, describeDecommission } from '../../../src-main/provisioning/decommission/decommission-plan.js';
import { PinfleetError } from '../../../src-preload/contract/errors.js';

function kubo(name: string, id: string, extra: Partial<ContainerSummary> = {}): ContainerSummary {
  return { Id: id.repeat(32), Names: [`/${name}`], Image: 'ipfs/kubo:v0.43.0', State: 'running', Labels: {}, Mounts: [{ Source: `/srv/${name}/ipfs`, Destination: '/data/ipfs' }], Ports: [], ...extra };
}

const judge = (containers: ContainerSummary[], identity: KuboIdentity, listen = new Map<string, string>()) =>
  judgeDecommissionContainer(chooseKuboContainer(containers, identity, listen), identity, containers);

function refusal(work: () => unknown): PinfleetError {
  try {
    work();
  } catch (error) {
    if (error instanceof PinfleetError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('which kubo container decommission may stop', () => {
  const real = kubo('kubo', 'a1');
  const staging = kubo('eu1-staging', 'b2');

  it('refuses the eu1 / eu1-staging case the name rule alone would pick (health still takes it)', () => {
    // Health's choice: the staging container, by name. Decommission must not act on that.
    expect(chooseKuboContainer([real, staging], { name: 'eu1' })).toMatchObject({ chosen: staging, rule: 'name' });
    const error = refusal(() => judge([real, staging], { name: 'eu1' }));
    expect(error.code).toBe('duplicate');
    expect(error.message).toContain('eu1-staging was picked only because its name contains "eu1"');
    expect(error.message).toContain('kubo also runs');
    expect(error.message).toContain('Edit node → kubo container');
  });

  it('takes the container the node\'s API address identifies, even beside one named like it', () => {
    const listen = new Map([[real.Id, '/ip4/127.0.0.11/tcp/5001'], [staging.Id, '/ip4/127.0.0.50/tcp/5001']]);
    expect(judge([real, staging], { name: 'eu1', apiAddress: '127.0.0.11:5001' }, listen)).toMatchObject({ kind: 'chosen', name: 'kubo', why: expect.stringContaining('listens') as unknown });
  });

  it('refuses when two containers claim the node\'s address and both carry its name, naming both', () => {
    const a = kubo('pinfleet-eu1-kubo', 'c3', { Labels: { 'pinfleet.server': 'eu1' } });
    const b = kubo('pinfleet-eu1-kubo-staging', 'd4', { Labels: { 'pinfleet.server': 'eu1' } });
    const listen = new Map([[a.Id, '/ip4/127.0.0.11/tcp/5001'], [b.Id, '/ip4/127.0.0.11/tcp/5001']]);
    const error = refusal(() => judge([a, b], { name: 'eu1', apiAddress: '127.0.0.11:5001' }, listen));
    expect(error.code).toBe('duplicate');
    expect(error.message).toContain('pinfleet-eu1-kubo, pinfleet-eu1-kubo-staging all could be');
    expect(error.message).toContain('nothing was changed');
  });

  it('takes the stored container, label or only kubo; a stored name that is gone is refused', () => {
    expect(judge([real, staging], { name: 'eu1', kuboContainer: 'kubo' })).toMatchObject({ kind: 'chosen', name: 'kubo' });
    expect(judge([real, kubo('x', 'e5', { Labels: { 'pinfleet.server': 'eu1' } })], { name: 'eu1' })).toMatchObject({ kind: 'chosen', name: 'x' });
    expect(judge([real], { name: 'other' })).toMatchObject({ kind: 'chosen', name: 'kubo' });
    expect(refusal(() => judge([real], { name: 'eu1', kuboContainer: 'renamed' })).code).toBe('not_found');
  });

  it('no kubo container at all is nothing to stop, not a refusal', () => {
    expect(judge([{ ...real, Image: 'nginx', Mounts: [] }], { name: 'eu1' })).toMatchObject({ kind: 'none' });
  });
});

const facts = (extra: Partial<ClusterFacts> = {}): ClusterFacts => ({
  node: 'node3',
  kuboPeerId: 'kubo3',
  peers: [
    { id: 'p1', peername: 'node1', ipfsId: 'kubo1' },
    { id: 'p2', peername: 'node2', ipfsId: 'kubo2' },
    { id: 'p3', peername: 'node3', ipfsId: 'kubo3' },
  ],
  pinset: [
    { cid: 'a', allocations: ['p1', 'p3'], replicationMin: 2 },
    { cid: 'b', allocations: ['p1', 'p2'], replicationMin: 2 },
    { cid: 'c', allocations: [], replicationMin: -1 },
  ],
  kuboPins: ['a', 'c'],
  containers: [{ name: 'pinfleet-cluster-node3', peerId: 'p3', stateDir: '/srv/node3/ipfs-cluster' }],
  ...extra,
});

describe('decommission through IPFS Cluster: the plan', () => {
  it('finds the node\'s peer by its container, else by its kubo, else by name', () => {
    expect(findNodePeer(facts())).toEqual({ id: 'p3', name: 'node3' });
    expect(findNodePeer(facts({ containers: [] }))).toEqual({ id: 'p3', name: 'node3' });
    expect(findNodePeer(facts({ containers: [], kuboPeerId: 'other' }))).toEqual({ id: 'p3', name: 'node3' });
    expect(findNodePeer(facts({ containers: [], kuboPeerId: 'other', node: 'node9' }))).toBeNull();
  });

  it('lists the pins allocated to it (and everywhere pins) with the copies each needs on the others', () => {
    expect(planClusterDecommission(facts())).toEqual({
      peerId: 'p3', peerName: 'node3', container: facts().containers[0], remaining: ['p1', 'p2'],
      pins: [{ cid: 'a', min: 2 }, { cid: 'c', min: -1 }],
    });
  });

  it('refuses a kubo pin outside the pinset (it would go with the node), naming it and the import', () => {
    const error = refusal(() => planClusterDecommission(facts({ kuboPins: ['a', 'zzz'] })));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('zzz');
    expect(error.message).toContain('pinfleet cluster import --nodes node3');
  });

  it('refuses a pin whose minimum the remaining peers cannot meet, and two peers driving one kubo', () => {
    const error = refusal(() => planClusterDecommission(facts({ kuboPins: ['a'], pinset: [{ cid: 'a', allocations: ['p1', 'p2', 'p3'], replicationMin: 3 }] })));
    expect(error.code).toBe('no_space');
    expect(error.message).toContain('a needs 3');
    const twice = facts({ containers: [], peers: [...facts().peers, { id: 'p9', peername: 'x', ipfsId: 'kubo3' }] });
    expect(refusal(() => planClusterDecommission(twice)).code).toBe('duplicate');
    expect(refusal(() => planClusterDecommission(facts({ containers: [...facts().containers, { name: 'b', peerId: null, stateDir: null }] }))).code).toBe('duplicate');
  });
});

describe('decommission through IPFS Cluster: when re-allocation is done', () => {
  const plan = planClusterDecommission(facts());
  const pinned = (cid: string, peers: string[]) => ({ cid, peers: peers.map((peer) => ({ peer, peerName: peer, ipfsId: '', status: 'pinned' as const, error: '', at: '' })) });

  it('waits while fewer than its minimum of remaining peers are allocated it, or have pinned it', () => {
    const state = reallocationState(plan, [{ cid: 'a', allocations: ['p1', 'p3'] }, { cid: 'c', allocations: [] }], [pinned('a', ['p1', 'p3']), pinned('c', ['p1'])]);
    expect(state).toEqual({ done: 0, waiting: [{ cid: 'a', why: 'allocated to 1 of the 2 remaining peer(s) it needs' }, { cid: 'c', why: 'pinned on 1 of the 2 remaining peer(s) it needs' }] });
    // The departing peer's own "pinned" does not count.
    expect(reallocationState(plan, [{ cid: 'a', allocations: ['p1', 'p2'] }, { cid: 'c', allocations: [] }], [pinned('a', ['p1', 'p3']), pinned('c', ['p1', 'p2'])]).waiting).toEqual([
      { cid: 'a', why: 'pinned on 1 of the 2 remaining peer(s) it needs' },
    ]);
  });

  it('is done when its minimum of remaining peers are allocated it and have pinned it', () => {
    expect(reallocationState(plan, [{ cid: 'a', allocations: ['p1', 'p2'] }, { cid: 'c', allocations: [] }], [pinned('a', ['p1', 'p2']), pinned('c', ['p1', 'p2'])])).toEqual({ done: 2, waiting: [] });
    // Cluster keeps the departing peer listed when the others already meet the minimum: still done.
    expect(reallocationState(plan, [{ cid: 'a', allocations: ['p1', 'p2', 'p3'] }, { cid: 'c', allocations: [] }], [pinned('a', ['p1', 'p2']), pinned('c', ['p1', 'p2'])]).waiting).toEqual([]);
  });

  it('a pin that left the pinset meanwhile is reported, not counted done', () => {
    expect(reallocationState(plan, [{ cid: 'c', allocations: [] }], [pinned('c', ['p1', 'p2'])]).waiting).toEqual([{ cid: 'a', why: 'it left the pinset (unpinned by someone meanwhile?)' }]);
  });

  it('the remaining kubos\' own pin ls must show each pin on its minimum', () => {
    const byNode = new Map([['node1', new Set(['a', 'c'])], ['node2', new Set(['c'])]]);
    expect(missingOnKubos(plan.pins, byNode)).toEqual([{ cid: 'a', on: ['node1'], need: 2 }]);
    byNode.set('node2', new Set(['a', 'c']));
    expect(missingOnKubos(plan.pins, byNode)).toEqual([]);
  });
});

describe('the plan shown first, and the typed confirmation', () => {
  const cluster = { peerId: 'p3', peerName: 'node3', container: 'pinfleet-cluster-node3', stateDir: '/srv/node3/ipfs-cluster', pins: 2, remainingPeers: 2 };
  const base = { node: 'node3', kuboContainer: 'pinfleet-node3-kubo', removeContainer: false, removeData: false, dataPaths: ['/srv/node3/ipfs'], replicas: 1 };

  it('in Cluster mode names peers rm, the wait, the peer container and its state folder, and never an unpin', () => {
    const plan = describeDecommission({ ...base, mode: 'cluster', cluster });
    expect(plan.steps.join('\n')).toMatch(/peers rm[\s\S]*replication minimum[\s\S]*pinfleet-cluster-node3 and delete its state folder \/srv\/node3\/ipfs-cluster/);
    expect(plan.steps.join('\n')).not.toMatch(/unpin those/);
    expect(plan).toMatchObject({ deletes: ['/srv/node3/ipfs-cluster'], confirmationRequired: true });
  });

  it('standalone without data removal needs no typed name; with it, the exact name', () => {
    const keep = describeDecommission({ ...base, mode: 'standalone', cluster: null });
    expect(keep).toMatchObject({ deletes: [], confirmationRequired: false });
    expect(() => checkConfirmation('node3', keep, undefined)).not.toThrow();
    const wipe = describeDecommission({ ...base, removeData: true, mode: 'standalone', cluster: null });
    expect(wipe).toMatchObject({ deletes: ['/srv/node3/ipfs'], confirmationRequired: true });
    expect(refusal(() => checkConfirmation('node3', wipe, undefined)).message).toContain('--confirm node3');
    expect(refusal(() => checkConfirmation('node3', wipe, 'node')).message).toContain('is not the node\'s name');
    expect(() => checkConfirmation('node3', wipe, 'node3')).not.toThrow();
  });
});
