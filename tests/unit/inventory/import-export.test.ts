// Export from one inventory, import into another: the real database on both ends.
import { beforeEach, describe, expect, it } from 'vitest';
import { openInventory, type Inventory } from '../../../src-main/inventory/index.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import { expectCode, sampleNode, steppingClock, tempDir } from './inventory-test-kit.js';

let source: Inventory;
let target: Inventory;

beforeEach(() => {
  source = openInventory({ dataDir: tempDir(), now: steppingClock('2025-03-14T10:00:00Z') });
  target = openInventory({ dataDir: tempDir(), now: steppingClock('2025-04-01T00:00:00Z') });
  return () => {
    source.close();
    target.close();
  };
});

const portable = ({ id: _id, createdAt: _c, updatedAt: _u, ...fields }: NodeRecord) => fields;

function seed(inventory: Inventory): void {
  inventory.addNode(sampleNode({ tags: ['eu', 'ssd'], region: 'Zürich, CH', notes: 'rack 4, "top" shelf 🚀', priority: -5 }), 'ui');
  inventory.addNode(sampleNode({ name: 'formula', host: 'store.example.com', notes: '=HYPERLINK("http://evil")', region: '@home' }), 'ui');
  inventory.addNode(sampleNode({ name: 'v6', host: 'fd00::5', sshPort: 2222, state: 'draining', hostKeyFingerprint: `SHA256:${'b'.repeat(43)}` }), 'ui');
}

describe('export and import', () => {
  it.each(['json', 'csv'] as const)('carries every node through %s unchanged', (format) => {
    seed(source);
    const exported = source.exportInventory(format);
    expect(exported).toMatchObject({ format, filename: `pinfleet-inventory-20250314.${format}` });

    const report = target.importInventory(format, exported.content, { update: false }, 'cli');
    expect(report).toEqual({ added: ['formula', 'node1', 'v6'], updated: [], skipped: [] });
    expect(target.listNodes().map(portable)).toEqual(source.listNodes().map(portable));
  });

  it('guards formulas in the exported CSV and strips the guard on import', () => {
    seed(source);
    const csv = source.exportInventory('csv').content;
    expect(csv).toContain(`,'@home,`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    target.importInventory('csv', csv, { update: false }, 'cli');
    expect(target.getNode('formula')).toMatchObject({ notes: '=HYPERLINK("http://evil")', region: '@home' });
  });

  it('adds valid rows, skips invalid and duplicate ones with reasons, and logs each change', () => {
    target.addNode(sampleNode({ name: 'existing', host: '10.0.0.1' }), 'ui');
    const csv = [
      'name,host,sshPort,notes',
      'good,10.0.0.2,22,fine',
      'badport,10.0.0.3,70000,',
      'badhost,exa mple.com,22,',
      'EXISTING,10.0.0.9,22,',
      'samehost,10.0.0.1,22,',
    ].join('\n');
    const report = target.importInventory('csv', csv, { update: false }, 'cli');
    expect(report.added).toEqual(['good']);
    expect(report.skipped).toEqual([
      { name: 'badport', reason: 'line 3: sshPort: 70000 is not a port: use 1–65535' },
      { name: 'badhost', reason: 'line 4: host: "exa mple.com" is not a host name (RFC 1123) or an IP address' },
      { name: 'existing', reason: 'line 5: A node named "existing" already exists (host 10.0.0.1:22). Import with "update" to replace its fields.' },
      { name: 'samehost', reason: 'line 6: Host 10.0.0.1 port 22 is already in the inventory as "existing".' },
    ]);
    const audit = target.listAudit(3);
    expect(audit.map((e) => [e.actor, e.action, e.target])).toEqual([
      ['cli', 'inventory.import', null],
      ['cli', 'node.add', 'good'],
      ['ui', 'node.add', 'existing'],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ format: 'csv', added: 1, updated: 0, skipped: 4 });
    expect(JSON.parse(audit[1]!.detail)).toMatchObject({ name: 'good', notes: 'fine', import: 'csv' });
  });

  it('updates existing nodes only when asked, leaving fields the file does not set', () => {
    target.addNode(sampleNode({ name: 'node-1', host: '10.0.0.5', tags: ['keep'], sshPort: 2200 }), 'ui');
    const env = 'IPFS_NODE_1_ENDPOINT=http://10.0.0.5:5005\nIPFS_NODE_2_ENDPOINT=http://10.0.0.6\n';

    const first = target.importInventory('env', env, { update: false }, 'cli');
    expect(first.added).toEqual(['node-2']);
    expect(first.skipped.map((s) => s.name)).toEqual(['node-1']);

    const second = target.importInventory('env', env, { update: true }, 'cli');
    expect(second).toMatchObject({ added: [], updated: ['node-1'] });
    expect(target.getNode('node-1')).toMatchObject({
      apiAddress: '10.0.0.5:5005',
      notes: 'Imported from .env (IPFS_NODE_1_ENDPOINT)',
      tags: ['keep'],
      sshPort: 2200,
    });
    expect(target.getNode('node-2')).toMatchObject({ host: '10.0.0.6', apiAddress: '10.0.0.6:5001', sshPort: 22 });
  });

  it('refuses an import in the wrong format without changing anything', () => {
    const error = expectCode(() => target.importInventory('json', '{"hello":"world"}', { update: false }, 'cli'), 'invalid_input');
    expect(error.message).toContain('not a Pinfleet inventory export');
    expect(target.listAudit(10)).toEqual([]);
  });

  it('refuses control characters in imported notes and names', () => {
    const json = JSON.stringify({
      format: 'pinfleet-inventory',
      version: 1,
      nodes: [
        { name: 'ok', host: '10.0.0.2' },
        { name: 'bell', host: '10.0.0.3', notes: 'ding\u0007' },
        { name: 'evil\u202e', host: '10.0.0.4' },
      ],
    });
    const report = target.importInventory('json', json, { update: false }, 'cli');
    expect(report.added).toEqual(['ok']);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      'node #2: notes: contains control characters',
      'node #3: name: contains control characters',
    ]);
  });
});
