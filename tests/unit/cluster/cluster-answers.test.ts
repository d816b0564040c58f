// The REST answers of the test fleet's Cluster v1.1.6 daemons (captured with curl into fixtures/),
// read by the pure parsers, and the views built on them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  errorMessageOf, parseAddOutput, parseAlerts, parseGc, parseId, parseMetricNames, parseMetrics, parseNdjson, parsePin, parsePinStatus,
} from '../../../src-main/cluster/cluster-answers.js';
import { alertViews, matchesFilter, nodeOfPeer, peerViews, pinView } from '../../../src-main/cluster/cluster-views.js';
import { PinfleetError } from '../../../src-preload/contract/errors.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const json = (name: string) => JSON.parse(fixture(name)) as unknown;

const NODE1 = '12D3KooWCWmACwwKwy9Tvt7GhNhBoocC6p3E9GYd6cWdhunVqGh1';
const NODE2 = '12D3KooWH8guY2LRgbNADmt58Dpg7daDvRW3jwDmVgj1peDijFce';
const NODE3 = '12D3KooWPxbn4Sbdok1toAkqGsCoCjfgfU9KEVrX8HzrkfgtDCbu';
const nodes = [
  { name: 'node1', host: '127.0.0.11' },
  { name: 'node2', host: '127.0.0.12' },
  { name: 'node3', host: '127.0.0.13' },
];

describe('Cluster answers', () => {
  it('reads /id', () => {
    const id = parseId(json('id.json'));
    expect(id).toMatchObject({ id: NODE1, peername: 'node1', version: '1.1.6', error: '' });
    expect(id.clusterPeers).toHaveLength(3);
    expect(id.ipfsId).toBe('12D3KooWHMdvo4xbMp94GpopTHQoG2pjpxhT98jQpom4hkNBcqS8');
  });

  it('reads /peers as NDJSON, one peer a line', () => {
    const peers = parseNdjson(fixture('peers.ndjson'), '/peers').map(parseId);
    expect(peers.map((p) => p.peername)).toEqual(['node1', 'node2', 'node3']);
  });

  it('accepts an array body too, and refuses a broken line or a stream error', () => {
    expect(parseNdjson('[{"a":1},{"a":2}]', 'x')).toHaveLength(2);
    expect(parseNdjson('', 'x')).toEqual([]);
    expect(() => parseNdjson('{"a":1}\n{"a"', 'x')).toThrow(/not JSON/);
    expect(() => parseNdjson('{"a":1}', '/pins', 'context canceled')).toThrow(/stopped its \/pins answer: context canceled/);
  });

  it('reads freespace metrics, metric names and alerts', () => {
    const free = parseMetrics(json('freespace.json'));
    expect(free.map((m) => [m.peer, Number(m.value)])).toEqual([[NODE1, 203977157], [NODE2, 306977163], [NODE3, 408977150]]);
    expect(parseMetricNames(json('metrics.json'))).toEqual(['pinqueue', 'freespace', 'ping', 'tag:group']);
    const alerts = parseAlerts(json('alerts-down.json'));
    expect(alerts).toEqual([expect.objectContaining({ name: 'ping', peer: NODE3, triggeredAt: '2026-11-22T02:12:31.709323788Z' })]);
    expect(parseMetrics(null)).toEqual([]);
  });

  it('reads a pin status with its per-peer map, sorted by peer name', () => {
    const status = parsePinStatus(json('pinstatus.json'));
    expect(status.cid).toBe('QmXE7uBymDG79ZCC3MBoUCv8KJqpyE6zgcv8KNPWCH77CD');
    expect(status.allocations).toEqual([NODE3, NODE2]);
    expect(status.peers.map((p) => [p.peerName, p.status])).toEqual([['node1', 'remote'], ['node2', 'pinned'], ['node3', 'pinned']]);
  });

  it('reads a pin (POST /pins answer and /allocations)', () => {
    expect(parsePin(json('pinpost.json'))).toMatchObject({ name: 'probe', replicationMin: 2, replicationMax: 2, allocations: [NODE3, NODE2] });
    const pinset = parseNdjson(fixture('allocations.ndjson'), '/allocations').map(parsePin);
    expect(pinset[0]).toMatchObject({ cid: 'QmXE7uBymDG79ZCC3MBoUCv8KJqpyE6zgcv8KNPWCH77CD', replicationMin: 2 });
  });

  it('reads /add and /ipfs/gc', () => {
    const added = parseNdjson(fixture('add.ndjson'), '/add').map(parseAddOutput);
    expect(added).toEqual([{ name: 'f.txt', cid: 'QmVZYq7QQgJBbxxXhpJUHEs1wiceaLcWWzkCkfFUyQkGyE', size: 26, allocations: [NODE3, NODE2] }]);
    expect(parseGc(json('gc.json')).map((g) => [g.peerName, g.removed])).toEqual([['node1', 2], ['node2', 0], ['node3', 0]]);
  });

  it('refuses shapes that are not Cluster answers, with a code', () => {
    expect(() => parseId({ peername: 'x' })).toThrow(PinfleetError);
    expect(() => parseId([])).toThrow(/not an object/);
    expect(() => parseMetrics({})).toThrow(/not an array/);
    expect(() => parsePinStatus({ peer_map: {} })).toThrow(/no "cid"/);
  });

  it('takes the message out of an error body', () => {
    expect(errorMessageOf('{"code":404,"message":"pin is not part of the pinset"}')).toBe('pin is not part of the pinset');
    expect(errorMessageOf('Unauthorized\n')).toBe('Unauthorized');
    expect(errorMessageOf('')).toBe('no message');
  });
});

describe('Cluster views', () => {
  const names = new Map([[NODE1, 'node1'], [NODE2, 'node2'], [NODE3, 'node3']]);

  it('joins peers with freespace and tags, and matches them to inventory nodes', () => {
    const peers = parseNdjson(fixture('peers.ndjson'), '/peers').map(parseId);
    const tag = { name: 'tag:group', peer: NODE2, value: 'us', expire: 0, valid: true, weight: 0 };
    const views = peerViews(peers, [...parseMetrics(json('freespace.json')), tag], [], nodes, 1795313303095508492n);
    expect(views.map((v) => [v.name, v.node, v.freespaceBytes, v.error, v.metricsExpired])).toEqual([
      ['node1', 'node1', 203977157, '', false],
      ['node2', 'node2', 306977163, '', false],
      ['node3', 'node3', 408977150, '', false],
    ]);
    expect(views[1]!.tags).toEqual({ group: 'us' });
    // Long after the metrics expired:
    expect(peerViews(peers, parseMetrics(json('freespace.json')), [], nodes, 1895313303095508492n).every((v) => v.metricsExpired)).toBe(true);
  });

  it('shows a stopped peer, gone from /peers, from the ping alert the others raise', () => {
    const peers = parseNdjson(fixture('peers-down.ndjson'), '/peers').map(parseId);
    expect(peers).toHaveLength(2);
    const views = peerViews(peers, [], parseAlerts(json('alerts-down.json')), nodes, 0n);
    expect(views.map((v) => v.name)).toEqual(['node1', 'node2', 'node3']);
    expect(views[2]).toMatchObject({ id: NODE3, node: 'node3', ipfsId: '12D3KooWQB5uqfGcRwdaxnHHPqM6JR9ygQjShsiRxnTprEqHedgp' });
    expect(views[2]!.error).toMatch(/counts it as down/);
  });

  it('keeps an alert open while its peer is down, and calls it cleared once the peer answers again', () => {
    const alerts = parseAlerts(json('alerts-down.json'));
    const down = peerViews(parseNdjson(fixture('peers-down.ndjson'), '/peers').map(parseId), [], alerts, nodes, 0n);
    expect(alertViews(alerts, down)).toEqual([expect.objectContaining({ peerName: 'node3', cleared: false })]);
    const back = peerViews(parseNdjson(fixture('peers.ndjson'), '/peers').map(parseId), [], alerts, nodes, 0n);
    expect(alertViews(alerts, back)).toEqual([expect.objectContaining({ peerName: 'node3', cleared: true })]);
  });

  it('matches a peer by address when its name differs from the node', () => {
    expect(nodeOfPeer({ peername: 'cluster-a', addresses: ['/ip4/127.0.0.12/tcp/9096/p2p/x'], ipfsAddresses: [] }, nodes)).toBe('node2');
    expect(nodeOfPeer({ peername: 'cluster-a', addresses: ['/ip4/127.0.0.1/tcp/9096'], ipfsAddresses: [] }, nodes)).toBeNull();
  });

  it('judges a pin pinned on both allocated peers as settled', () => {
    const view = pinView(parsePinStatus(json('pinstatus.json')), parsePin(json('pinpost.json')), names);
    expect(view).toMatchObject({ pinnedCount: 2, underReplicated: false, settled: true, replicationMin: 2, allocationNames: ['node3', 'node2'] });
    expect(matchesFilter(view, 'pinned')).toBe(true);
    expect(matchesFilter(view, 'underReplicated')).toBe(false);
  });

  it('judges the re-allocated pin (node3 stopped, now on node2) as settled', () => {
    const view = pinView(parsePinStatus(json('status-realloc.json')), undefined, names);
    expect(view.allocationNames).toEqual(['node2']);
    expect(view.settled).toBe(true);
  });

  it('counts a pin below replication min, or in error on an allocated peer, as under-replicated', () => {
    const status = parsePinStatus(json('pinstatus.json'));
    const pin = parsePin(json('pinpost.json'));
    const pinning = { ...status, peers: status.peers.map((p) => (p.peerName === 'node3' ? { ...p, status: 'pinning' as const } : p)) };
    expect(pinView(pinning, pin, names)).toMatchObject({ pinnedCount: 1, underReplicated: true, settled: false });
    expect(matchesFilter(pinView(pinning, pin, names), 'pinning')).toBe(true);
    const broken = { ...status, peers: status.peers.map((p) => (p.peerName === 'node2' ? { ...p, status: 'unexpectedly_unpinned' as const } : p)) };
    const view = pinView(broken, { ...pin, replicationMin: 1 }, names);
    expect(view.underReplicated).toBe(true);
    expect(matchesFilter(view, 'error')).toBe(true);
    expect(matchesFilter(view, 'unexpectedly_unpinned')).toBe(true);
  });

  it('treats an empty allocation list as "every peer"', () => {
    const status = parsePinStatus(json('pinstatus.json'));
    const everywhere = { ...status, allocations: [] };
    const view = pinView(everywhere, { ...parsePin(json('pinpost.json')), allocations: [], replicationMin: -1 }, names);
    expect(view.pinnedCount).toBe(2);
    expect(view.underReplicated).toBe(true); // node1 is 'remote', so not all three hold it
  });
});
