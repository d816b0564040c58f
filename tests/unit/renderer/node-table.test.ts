import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../../src-preload/contract/types';
import { filterNodes, matchesSearch, nextSort, sortNodes } from '../../../src-renderer/features/inventory/lib/node-table';

function node(name: string, fields: Partial<NodeRecord> = {}): NodeRecord {
  return {
    id: name.length, name, host: `${name}.example.net`, sshPort: 22, sshUser: 'root', hostKeyFingerprint: null,
    tags: [], region: null, priority: 0, state: 'active', notes: '', apiAddress: '127.0.0.1:5001',
    gatewayAddress: '127.0.0.1:8080', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    ...fields,
  };
}

const fleet = [
  node('ams-1', { host: '192.0.2.10', region: 'eu-west', tags: ['ssd', 'tier:hot'], priority: 5 }),
  node('ams-10', { host: '192.0.2.20', region: 'eu-west', tags: ['hdd'], state: 'draining' }),
  node('ams-2', { host: '192.0.2.11', region: 'eu-west', tags: ['ssd'], hostKeyFingerprint: 'SHA256:x' }),
  node('nyc-1', { host: 'nyc-1.example.net', sshPort: 2222, region: 'us-east', sshUser: 'ops', priority: -1 }),
  node('lab', { host: 'lab.local', notes: 'under the desk' }),
];
const names = (nodes: NodeRecord[]) => nodes.map((n) => n.name);

describe('searching the inventory', () => {
  it.each([
    ['', ['ams-1', 'ams-10', 'ams-2', 'nyc-1', 'lab']],
    ['   ', ['ams-1', 'ams-10', 'ams-2', 'nyc-1', 'lab']],
    ['AMS', ['ams-1', 'ams-10', 'ams-2']],
    ['192.0.2.1', ['ams-1', 'ams-2']],
    ['192.0.2', ['ams-1', 'ams-10', 'ams-2']],
    ['192.0.2.11', ['ams-2']],
    ['ssd', ['ams-1', 'ams-2']],
    ['tier:hot', ['ams-1']],
    ['us-east', ['nyc-1']],
    ['eu ssd', ['ams-1', 'ams-2']],
    ['eu nyc', []],
    ['desk', []],
  ])('"%s" finds %j', (query, expected) => {
    expect(names(filterNodes(fleet, query))).toEqual(expected);
  });

  it('looks at name, host, region and tags only', () => {
    expect(matchesSearch(fleet[4]!, 'under')).toBe(false);
    expect(matchesSearch(fleet[3]!, 'ops')).toBe(false);
  });
});

describe('sorting the inventory', () => {
  it('sorts names the way people count (ams-2 before ams-10)', () => {
    expect(names(sortNodes(fleet, { key: 'name', direction: 'ascending' }))).toEqual(['ams-1', 'ams-2', 'ams-10', 'lab', 'nyc-1']);
    expect(names(sortNodes(fleet, { key: 'name', direction: 'descending' }))).toEqual(['nyc-1', 'lab', 'ams-10', 'ams-2', 'ams-1']);
  });

  it('sorts numbers as numbers and breaks ties by name', () => {
    expect(names(sortNodes(fleet, { key: 'priority', direction: 'descending' }))).toEqual(['ams-1', 'ams-2', 'ams-10', 'lab', 'nyc-1']);
  });

  it('keeps nodes without a region last in either direction', () => {
    expect(names(sortNodes(fleet, { key: 'region', direction: 'ascending' })).at(-1)).toBe('lab');
    expect(names(sortNodes(fleet, { key: 'region', direction: 'descending' }))).toEqual(['nyc-1', 'ams-1', 'ams-2', 'ams-10', 'lab']);
  });

  it('sorts by address, port included, by state and by pinned host key', () => {
    expect(names(sortNodes(fleet, { key: 'address', direction: 'ascending' }))).toEqual(['ams-1', 'ams-2', 'ams-10', 'lab', 'nyc-1']);
    expect(names(sortNodes(fleet, { key: 'state', direction: 'descending' }))[0]).toBe('ams-10');
    expect(names(sortNodes(fleet, { key: 'pinned', direction: 'descending' }))[0]).toBe('ams-2');
  });

  it('does not reorder the list it was given', () => {
    const before = names(fleet);
    sortNodes(fleet, { key: 'name', direction: 'descending' });
    expect(names(fleet)).toEqual(before);
  });

  it('flips the direction on the sorted column and starts ascending on another', () => {
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextSort({ key: 'name', direction: 'descending' }, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort({ key: 'name', direction: 'descending' }, 'region')).toEqual({ key: 'region', direction: 'ascending' });
  });
});
