import { describe, expect, it } from 'vitest';
import { parseDf } from '../../../src-main/health/df.js';
import { readBandwidth, readPeerCount, readRepoStat, readVersion } from '../../../src-main/health/kubo-answers.js';
import {
  containerInfo,
  cpuPercentBetween,
  memoryBytes,
  pickKuboContainer,
  repoHostPath,
  type ContainerSummary,
} from '../../../src-main/health/kubo-container.js';
import { LineSplitter } from '../../../src-main/health/log-lines.js';

describe('parseDf', () => {
  it('reads size and available bytes under the header', () => {
    expect(parseDf('1B-blocks     Avail\n268435456 268337152\n')).toEqual({ total: 268435456, free: 268337152 });
  });

  it('tolerates leading blanks and trailing empty lines', () => {
    expect(parseDf('     1B-blocks        Avail\n   1000   400\n\n')).toEqual({ total: 1000, free: 400 });
  });

  it('never reports more free than the filesystem holds', () => {
    expect(parseDf('1B-blocks Avail\n100 150\n').free).toBe(100);
  });

  it.each([
    ['', 'empty output'],
    ['df: /nope: No such file or directory\n', 'an error message'],
    ['1B-blocks Avail\n12 x\n', 'a non-number'],
    ['Filesystem 1B-blocks Used Available Use% Mounted on\n/dev/sda1 100 50 50 50% /\n', 'the full default layout'],
  ])('refuses %j (%s) with a remote_failed error', (output) => {
    expect(() => parseDf(output)).toThrow(expect.objectContaining({ code: 'remote_failed' }));
  });
});

describe('kubo answers', () => {
  it('reads repo/stat sizes and refuses a shape without them', () => {
    expect(readRepoStat({ RepoSize: 22839, StorageMax: 204000000, NumObjects: 0 })).toEqual({ repoSize: 22839, storageMax: 204000000 });
    expect(() => readRepoStat({ RepoSize: '1' })).toThrow(/RepoSize/);
    // A damaged flatfs disk-usage cache wraps below zero into a huge unsigned number.
    expect(() => readRepoStat(JSON.parse('{"RepoSize":18446744073709001495,"StorageMax":204000000}'))).toThrow(/impossible repo size.*diskUsage.cache/);
    expect(() => readRepoStat([])).toThrow(/not a JSON object/);
  });

  it('counts peers, treating kubo\'s null as none', () => {
    expect(readPeerCount({ Peers: [{}, {}] })).toBe(2);
    expect(readPeerCount({ Peers: null })).toBe(0);
    expect(() => readPeerCount({ Peers: 3 })).toThrow(/Peers/);
  });

  it('reads the version and bandwidth', () => {
    expect(readVersion({ Version: '0.43.0' })).toBe('0.43.0');
    expect(readBandwidth({ TotalIn: 1, TotalOut: 2, RateIn: 0.5, RateOut: 0 })).toEqual({ totalIn: 1, totalOut: 2, rateIn: 0.5, rateOut: 0 });
  });
});

const summary = (over: Partial<ContainerSummary>): ContainerSummary => ({
  Id: 'id', Names: ['/c'], Image: 'busybox', State: 'running', Labels: {}, Mounts: [], ...over,
});

describe('pickKuboContainer', () => {
  const node1 = summary({ Id: 'a', Names: ['/pinfleet-node1-kubo'], Image: 'pinfleet-test/kubo:v0.43.0', Labels: { 'pinfleet.server': 'node1' }, Mounts: [{ Source: '/srv/n1', Destination: '/data/ipfs' }] });
  const node2 = summary({ Id: 'b', Names: ['/pinfleet-node2-kubo'], Image: 'pinfleet-test/kubo:v0.43.0', Labels: { 'pinfleet.server': 'node2' } });
  const other = summary({ Id: 'c', Names: ['/postgres'], Image: 'postgres:16' });

  it('takes the only kubo, whatever its name', () => {
    expect(pickKuboContainer([other, node2], 'node1')?.Id).toBe('b');
  });

  it('recognises kubo by its /data/ipfs mount when the image says nothing', () => {
    const custom = summary({ Id: 'd', Image: 'registry.local/ipfs-node:7', Mounts: [{ Destination: '/data/ipfs' }] });
    expect(pickKuboContainer([other, custom], 'x')?.Id).toBe('d');
  });

  it('uses the pinfleet.server label, then the name, when one engine serves several servers', () => {
    expect(pickKuboContainer([node1, node2, other], 'node2')?.Id).toBe('b');
    const unlabelled = [{ ...node1, Labels: {} }, { ...node2, Labels: {} }];
    expect(pickKuboContainer(unlabelled, 'node1')?.Id).toBe('a');
  });

  it('says it cannot tell rather than guessing', () => {
    expect(pickKuboContainer([{ ...node1, Labels: {} }, { ...node2, Labels: {} }], 'node9')).toBeNull();
    expect(pickKuboContainer([other], 'node1')).toBeNull();
  });

  it('finds the repo on the server from the mount', () => {
    expect(repoHostPath(node1)).toBe('/srv/n1');
    expect(repoHostPath(node2)).toBeNull();
  });
});

describe('container figures', () => {
  it('shapes docker inspect for the UI, hiding Docker\'s zero time', () => {
    const inspect = { Name: '/k', RestartCount: 2, State: { Status: 'exited', StartedAt: '0001-01-01T00:00:00Z' }, Config: { Image: 'ipfs/kubo' } };
    expect(containerInfo(inspect, { cpuPercent: null, memoryBytes: 5 })).toEqual({
      name: 'k', state: 'exited', restartCount: 2, image: 'ipfs/kubo', startedAt: null, cpuPercent: null, memoryBytes: 5,
    });
  });

  it('computes CPU between two polls and memory without the page cache', () => {
    expect(cpuPercentBetween({ container: 100, system: 1000, cpus: 2 }, { container: 150, system: 2000, cpus: 2 })).toBe(10);
    expect(cpuPercentBetween(null, { container: 1, system: 1, cpus: 1 })).toBeNull();
    expect(cpuPercentBetween({ container: 100, system: 1000, cpus: 1 }, { container: 100, system: 1000, cpus: 1 })).toBeNull();
    expect(memoryBytes({ memory_stats: { usage: 1000, stats: { inactive_file: 300 } } })).toBe(700);
    expect(memoryBytes({})).toBeNull();
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks and keeps the unfinished tail for later', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('one\ntw')).toEqual(['one']);
    expect(splitter.push('o\r\nthree')).toEqual(['two']);
    expect(splitter.flush()).toEqual(['three']);
    expect(splitter.flush()).toEqual([]);
  });
});
