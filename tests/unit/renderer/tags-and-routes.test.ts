import { describe, expect, it } from 'vitest';
import { formatTags, parseTags } from '../../../src-renderer/shared/lib/tags';
import { hrefFor, hrefForNode, locationFromHash, routeFromHash } from '../../../src-renderer/shared/navigation/routes';
import { formatAddress } from '../../../src-renderer/shared/lib/address';

describe('parseTags', () => {
  it.each([
    ['', []],
    ['  ,, ', []],
    ['ssd', ['ssd']],
    ['ssd, eu', ['ssd', 'eu']],
    ['ssd eu  tier:hot', ['ssd', 'eu', 'tier:hot']],
    ['ssd,eu,\tssd\nrack/4', ['ssd', 'eu', 'rack/4']],
  ])('%j → %j', (text, tags) => {
    expect(parseTags(text)).toEqual(tags);
  });

  it('round-trips with formatTags', () => {
    expect(parseTags(formatTags(['a', 'b:c', 'd/e']))).toEqual(['a', 'b:c', 'd/e']);
  });
});

describe('routes in the URL fragment', () => {
  it.each([
    ['', 'fleet'],
    ['#', 'fleet'],
    ['#/inventory', 'inventory'],
    ['#inventory', 'inventory'],
    ['#/add-node', 'add-node'],
    ['#/settings?x=1', 'settings'],
    ['#/nope', 'fleet'],
    ['#token=abc', 'fleet'],
  ])('%j is %s', (hash, route) => {
    expect(routeFromHash(hash)).toBe(route);
  });

  it('builds the links the navigation uses', () => {
    expect(routeFromHash(hrefFor('activity'))).toBe('activity');
  });

  it.each([
    ['#/nodes/node1', { route: 'node', node: 'node1' }],
    ['#/nodes/ams-1.eu?x=1', { route: 'node', node: 'ams-1.eu' }],
    ['#/nodes/', { route: 'fleet', node: null }],
    ['#/nodes', { route: 'fleet', node: null }],
    ['#/nodes/a/b', { route: 'fleet', node: null }],
    ['#/nodes/%E0%A4%A', { route: 'fleet', node: null }],
    ['#/inventory', { route: 'inventory', node: null }],
  ])('%j is %j', (hash, location) => {
    expect(locationFromHash(hash)).toEqual(location);
  });

  it('links to a node page and back', () => {
    expect(hrefForNode('node_1.eu')).toBe('#/nodes/node_1.eu');
    expect(locationFromHash(hrefForNode('node_1.eu'))).toEqual({ route: 'node', node: 'node_1.eu' });
  });
});

describe('formatAddress', () => {
  it('brackets IPv6 literals only', () => {
    expect(formatAddress('10.0.0.1', 22)).toBe('10.0.0.1:22');
    expect(formatAddress('node.example.net', 2222)).toBe('node.example.net:2222');
    expect(formatAddress('2001:db8::1', 22)).toBe('[2001:db8::1]:22');
    expect(formatAddress('[2001:db8::1]', 22)).toBe('[2001:db8::1]:22');
  });
});
