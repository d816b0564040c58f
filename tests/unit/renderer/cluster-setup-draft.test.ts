// "Set up a cluster": the draft → cluster.setup input, the defaults the form shows, the wording of
// the kept-pins check and of the live log, and when the page offers the wizard unasked.
import { describe, expect, it } from 'vitest';
import type { ClusterSetupProgress } from '../../../src-preload/contract/cluster-types';
import { clusterSetupInput } from '../../../src-preload/contract/cluster-schemas';
import {
  applySetupProgress, chosenNodes, defaultReplication, emptySetupDraft, emptySetupLog, keptSentence, progressLine, setupInput, stateDirError, type SetupDraft,
} from '../../../src-renderer/features/cluster/lib/setup-draft';
import { setupReason } from '../../../src-renderer/features/cluster/lib/setup-offer';

const nodes = ['node1', 'node2', 'node3'];
const draft = (patch: Partial<SetupDraft> = {}): SetupDraft => ({ ...emptySetupDraft(), ...patch });

describe('defaultReplication', () => {
  it.each([
    [1, { min: 1, max: 1 }],
    [2, { min: 2, max: 2 }],
    [3, { min: 2, max: 3 }],
    [7, { min: 2, max: 3 }],
  ])('%i nodes → %j', (count, expected) => {
    expect(defaultReplication(count)).toEqual(expected);
  });
});

describe('setupInput', () => {
  it('sends every active node and leaves the optional fields out, so main applies its defaults', () => {
    expect(setupInput(nodes, draft(), true)).toEqual({ nodes, runAs: '1000:100', dryRun: true });
  });

  it('passes what was typed, trimmed, and only the state folders of chosen nodes', () => {
    const input = setupInput(nodes, draft({
      unchecked: ['node3'], replicationMin: ' 1 ', replicationMax: '2', image: ' ipfs/ipfs-cluster:v1.1.6 ', runAs: '1000:1000',
      stateDirs: { node1: ' /srv/a ', node2: '', node3: '/srv/c' },
    }), false);
    expect(input).toEqual({
      nodes: ['node1', 'node2'], replicationMin: 1, replicationMax: 2, image: 'ipfs/ipfs-cluster:v1.1.6', runAs: '1000:1000',
      stateDirs: { node1: '/srv/a' }, dryRun: false,
    });
    // What the form sends is what the contract accepts.
    expect(clusterSetupInput.safeParse(input).success).toBe(true);
  });

  it.each([
    [draft({ unchecked: nodes }), 'Choose at least one node'],
    [draft({ replicationMin: 'two' }), 'Replication min is a whole number'],
    [draft({ replicationMax: '-2' }), 'Replication max is a whole number'],
    [draft({ replicationMin: '3', replicationMax: '2' }), 'Replication min (3) must not exceed replication max (2)'],
    // The default max (3 here) counts too.
    [draft({ replicationMin: '4' }), 'Replication min (4) must not exceed replication max (3)'],
    [draft({ runAs: 'ipfs' }), 'Run as is uid:gid'],
    [draft({ stateDirs: { node2: '/' } }), 'State folder on node2: this folder must not be the root directory.'],
    [draft({ stateDirs: { node1: '/etc/cluster' } }), 'State folder on node1: this folder is inside /etc'],
  ])('refuses %j with “%s”', (d, message) => {
    expect(setupInput(nodes, d, true)).toContain(message);
  });

  it('shows a state folder that cannot be one on its field, as main would refuse it', () => {
    expect(stateDirError('/home')).toMatch(/^this folder is \/home itself/);
    expect(stateDirError(' /srv/node1/ipfs-cluster ')).toBeUndefined();
    expect(stateDirError('')).toBeUndefined();
  });

  it('takes -1 (every peer) as a max any min fits under', () => {
    expect(setupInput(nodes, draft({ replicationMin: '3', replicationMax: '-1' }), true)).toMatchObject({ replicationMin: 3, replicationMax: -1 });
  });

  it('keeps a newly listed node ticked: the draft remembers only what was unticked', () => {
    expect(chosenNodes([...nodes, 'node4'], draft({ unchecked: ['node2'] }))).toEqual(['node1', 'node3', 'node4']);
  });
});

describe('keptSentence', () => {
  it('says how many of the checked pins are still there', () => {
    expect(keptSentence({ checked: 12, missing: [] })).toBe('kept: 12 of 12 existing pins checked, 0 missing');
    expect(keptSentence({ checked: 12, missing: [{ node: 'node1', cid: 'bafyx' }] })).toBe('kept: 11 of 12 existing pins checked, 1 missing');
  });
});

describe('the live log', () => {
  const event = (p: Partial<ClusterSetupProgress>): ClusterSetupProgress => ({ phase: 'peers', node: null, message: 'm', step: 3, steps: 7, ...p });

  it('keeps every event in order and the latest for the bar', () => {
    const first = event({ phase: 'check', step: 1 });
    const second = event({ node: 'node2', message: 'started the peer' });
    const log = applySetupProgress(applySetupProgress(emptySetupLog(), first), second);
    expect(log.entries).toEqual([first, second]);
    expect(log.latest).toBe(second);
  });

  it('names the node a line is about', () => {
    expect(progressLine(event({ node: 'node2', message: 'started the peer' }))).toBe('node2: started the peer');
    expect(progressLine(event({ message: 'generated the fleet secret' }))).toBe('generated the fleet secret');
  });
});

describe('setupReason', () => {
  it('offers the wizard unasked only when no peer answers', () => {
    expect(setupReason({ enabled: true }, null)).toBeNull();
    expect(setupReason(undefined, null)).toBeNull();
    // A cluster answers: the set-up would refuse it; the settings turn cluster mode on.
    expect(setupReason({ enabled: false }, null)).toBeNull();
    expect(setupReason({ enabled: true }, 'unreachable: node1')).toContain('No Cluster peer answers (unreachable: node1)');
    expect(setupReason({ enabled: false }, 'x')).toMatch(/No Cluster peer answers.*Cluster mode is off/);
  });
});
