// Node CRUD through the real database: validation, duplicates, not-found messages, audit rows.
import { beforeEach, describe, expect, it } from 'vitest';
import { openInventory, type Inventory } from '../../../src-main/inventory/index.js';
import type { NodeChanges, NodeFields } from '../../../src-preload/contract/schemas.js';
import { expectCode, sampleNode, steppingClock, tempDir } from './inventory-test-kit.js';

let inventory: Inventory;

beforeEach(() => {
  inventory = openInventory({ dataDir: tempDir(), now: steppingClock('2025-03-14T10:00:00.000Z') });
  return () => inventory.close();
});

describe('adding and reading nodes', () => {
  it('adds a node with UTC time stamps and reads it back by name, in any case', () => {
    const added = inventory.addNode(sampleNode({ tags: ['eu', 'ssd'], region: 'eu-west', priority: 5 }), 'ui');
    expect(added).toMatchObject({ name: 'node1', host: '10.0.0.5', sshPort: 22, sshUser: 'root', tags: ['eu', 'ssd'] });
    expect(added.createdAt).toBe('2025-03-14T10:00:00.000Z');
    expect(added.updatedAt).toBe(added.createdAt);
    expect(inventory.getNode('NoDe1')).toEqual(added);
    expect(inventory.listNodes()).toEqual([added]);
  });

  it('lists nodes by name', () => {
    for (const [name, host] of [['zeta', '10.0.0.3'], ['alpha', '10.0.0.1'], ['Mid', '10.0.0.2']] as const) {
      inventory.addNode(sampleNode({ name, host }), 'ui');
    }
    expect(inventory.listNodes().map((n) => n.name)).toEqual(['alpha', 'Mid', 'zeta']);
  });

  it.each([
    ['the same name', { name: 'node1', host: '10.0.0.6' }, 'A node named "node1" already exists (host 10.0.0.5:22).'],
    ['the same name in other case', { name: 'NODE1', host: '10.0.0.6' }, 'A node named "node1" already exists (host 10.0.0.5:22).'],
    ['the same host and port', { name: 'node2', host: '10.0.0.5' }, 'Host 10.0.0.5 port 22 is already in the inventory as "node1".'],
    ['the same host name in other case', { name: 'node2', host: 'Store.Example.com' }, 'Host Store.Example.com port 22 is already in the inventory as "named".'],
  ])('refuses %s', (_label, second, message) => {
    inventory.addNode(sampleNode(), 'ui');
    inventory.addNode(sampleNode({ name: 'named', host: 'store.example.com' }), 'ui');
    const error = expectCode(() => inventory.addNode(sampleNode(second), 'ui'), 'duplicate');
    expect(error.message).toBe(message);
    expect(inventory.listNodes()).toHaveLength(2);
  });

  it('keeps notes that span lines', () => {
    inventory.addNode(sampleNode({ notes: 'rack 4\n\tshelf 2' }), 'ui');
    expect(inventory.getNode('node1').notes).toBe('rack 4\n\tshelf 2');
  });

  it('allows the same host on another SSH port', () => {
    inventory.addNode(sampleNode(), 'ui');
    inventory.addNode(sampleNode({ name: 'node2', sshPort: 2222 }), 'ui');
    expect(inventory.listNodes().map((n) => `${n.host}:${n.sshPort}`)).toEqual(['10.0.0.5:22', '10.0.0.5:2222']);
  });

  it.each([
    ['a control character in the name', { name: 'node\u00071' }, /^name: contains control characters/],
    ['a bell character in the notes', { notes: 'one\u0007two' }, /^notes: contains control characters/],
    ['a bidi override in the region', { region: 'eu\u202ewest' }, /^region: contains control characters/],
    ['port 0', { sshPort: 0 }, /^sshPort: 0 is not a port: use 1–65535/],
    ['port 70000', { sshPort: 70000 }, /^sshPort: 70000 is not a port/],
    ['a fractional port', { sshPort: 22.5 }, /^sshPort: must be a whole number/],
    ['a host with a space', { host: 'bad host' }, /^host: "bad host" is not a host name/],
    ['an impossible IPv4 address', { host: '999.1.1.1' }, /^host: "999.1.1.1" is not a host name/],
    ['a bad API address', { apiAddress: '10.0.0.5' }, /^apiAddress: "10.0.0.5" must be host:port/],
    ['an unknown field', { colour: 'red' }, /colour/],
  ])('refuses %s on add with invalid_input naming the field', (_label, overrides, message) => {
    const fields = { ...sampleNode(), ...overrides } as NodeFields;
    const error = expectCode(() => inventory.addNode(fields, 'ui'), 'invalid_input');
    expect(error.message).toMatch(message);
    expect(inventory.listNodes()).toEqual([]);
    expect(inventory.listAudit(10)).toEqual([]);
  });
});

describe('updating and removing nodes', () => {
  it('changes only the fields named, keeps the rest, and logs from → to', () => {
    inventory.addNode(sampleNode({ sshPort: 2222, tags: ['eu'], notes: 'keep' }), 'ui');
    const updated = inventory.updateNode('NODE1', { state: 'draining', priority: 3 }, 'cli');
    expect(updated).toMatchObject({ state: 'draining', priority: 3, sshPort: 2222, tags: ['eu'], notes: 'keep' });
    expect(updated.updatedAt > updated.createdAt).toBe(true);

    const [entry] = inventory.listAudit(1);
    expect(entry).toMatchObject({ actor: 'cli', action: 'node.update', target: 'node1' });
    expect(JSON.parse(entry!.detail)).toEqual({
      changes: { state: { from: 'active', to: 'draining' }, priority: { from: 0, to: 3 } },
    });
  });

  it('renames a node, and the old name is then unknown', () => {
    inventory.addNode(sampleNode(), 'ui');
    expect(inventory.updateNode('node1', { name: 'storage-1' }, 'ui').name).toBe('storage-1');
    expectCode(() => inventory.getNode('node1'), 'not_found');
    expect(inventory.getNode('Storage-1').host).toBe('10.0.0.5');
  });

  it('may change the case of its own name', () => {
    inventory.addNode(sampleNode(), 'ui');
    expect(inventory.updateNode('node1', { name: 'Node1' }, 'ui').name).toBe('Node1');
  });

  it('refuses an update that would collide with another node', () => {
    inventory.addNode(sampleNode(), 'ui');
    inventory.addNode(sampleNode({ name: 'node2', host: '10.0.0.6' }), 'ui');
    expect(expectCode(() => inventory.updateNode('node2', { name: 'NODE1' }, 'ui'), 'duplicate').message).toBe(
      'A node named "node1" already exists (host 10.0.0.5:22).',
    );
    expect(expectCode(() => inventory.updateNode('node2', { host: '10.0.0.5' }, 'ui'), 'duplicate').message).toBe(
      'Host 10.0.0.5 port 22 is already in the inventory as "node1".',
    );
    expect(inventory.getNode('node2').host).toBe('10.0.0.6');
  });

  it.each([
    ['no field', {}, /names no field to change/],
    ['a bad port', { sshPort: 99999 }, /^sshPort: 99999 is not a port/],
    ['a control character', { notes: 'a\u0000b' }, /^notes: contains control characters/],
  ])('refuses an update with %s', (_label, changes, message) => {
    inventory.addNode(sampleNode(), 'ui');
    const error = expectCode(() => inventory.updateNode('node1', changes as NodeChanges, 'ui'), 'invalid_input');
    expect(error.message).toMatch(message);
  });

  it('writes nothing when an update changes nothing', () => {
    const added = inventory.addNode(sampleNode(), 'ui');
    expect(inventory.updateNode('node1', { host: '10.0.0.5' }, 'ui')).toEqual(added);
    expect(inventory.listAudit(10).map((e) => e.action)).toEqual(['node.add']);
  });

  it('removes a node and logs what it was', () => {
    inventory.addNode(sampleNode({ region: 'eu' }), 'ui');
    inventory.removeNode('Node1', 'web');
    expect(inventory.listNodes()).toEqual([]);
    const [entry] = inventory.listAudit(1);
    expect(entry).toMatchObject({ actor: 'web', action: 'node.remove', target: 'node1' });
    expect(JSON.parse(entry!.detail)).toMatchObject({ name: 'node1', host: '10.0.0.5', region: 'eu' });
  });

  it.each([
    ['get', () => inventory.getNode('ghost')],
    ['update', () => inventory.updateNode('ghost', { notes: 'x' }, 'ui')],
    ['remove', () => inventory.removeNode('ghost', 'ui')],
  ])('answers not_found on %s of an unknown node', (_label, action) => {
    expect(expectCode(action, 'not_found').message).toBe(
      'No node named "ghost" in the inventory. `pinfleet nodes list` shows what is there.',
    );
  });
});

describe('the audit log', () => {
  it('records each change with actor, action, target and time, newest first, up to the limit', () => {
    inventory.addNode(sampleNode(), 'ui');
    inventory.updateNode('node1', { notes: 'moved to rack 2' }, 'cli');
    inventory.removeNode('node1', 'web');

    const entries = inventory.listAudit(10);
    expect(entries.map((e) => [e.actor, e.action, e.target])).toEqual([
      ['web', 'node.remove', 'node1'],
      ['cli', 'node.update', 'node1'],
      ['ui', 'node.add', 'node1'],
    ]);
    expect(entries.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(e.at))).toBe(true);
    expect(JSON.parse(entries[2]!.detail)).toMatchObject({ name: 'node1', host: '10.0.0.5', sshPort: 22 });
    expect(inventory.listAudit(2)).toEqual(entries.slice(0, 2));
  });

  it.each([0, -1, 1.5, 10_001])('refuses a limit of %s', (limit) => {
    expectCode(() => inventory.listAudit(limit), 'invalid_input');
  });
});
