// Schema v2's node fields: the direct kubo RPC URL and the kubo container name, through the
// migration of a v1 file, the inventory, and both export formats.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildExport, readImport } from '../../../src-main/inventory/formats/index.js';
import { openInventory } from '../../../src-main/inventory/index.js';
import { MIGRATIONS } from '../../../src-main/inventory/migrations.js';
import { openDatabase } from '../../../src-main/inventory/open-database.js';
import { expectCode, sampleNode, tempDir } from './inventory-test-kit.js';

describe('schema v2 node fields', () => {
  it('migrates a v1 inventory: existing nodes keep the tunnel and have no container set', () => {
    const dataDir = tempDir();
    // A file as Pinfleet with schema v1 left it, holding one node.
    const v1 = openDatabase(dataDir, MIGRATIONS.filter((m) => m.version === 1), () => new Date());
    v1.db.prepare("INSERT INTO nodes (name, host, created_at, updated_at) VALUES ('old', '10.0.0.1', 't', 't')").run();
    v1.db.close();
    const v2 = openInventory({ dataDir });
    expect(v2.getNode('old')).toMatchObject({ apiUrl: null, kuboContainer: null });
    const updated = v2.updateNode('old', { apiUrl: 'https://old.example:5001', kuboContainer: 'kubo-old' }, 'cli');
    expect(updated).toMatchObject({ apiUrl: 'https://old.example:5001', kuboContainer: 'kubo-old' });
    v2.close();
    const db = new Database(path.join(dataDir, 'inventory.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
    expect(db.prepare('SELECT api_url, kubo_container FROM nodes').get()).toEqual({ api_url: 'https://old.example:5001', kubo_container: 'kubo-old' });
    db.close();
  });

  it.each([
    ['ftp://node.example:5001', 'must start with http:// or https://'],
    ['https://admin:secret@node.example:5001', 'must not carry a user or password'],
    ['https://node.example:5001/?token=x', 'must not have a query'],
    ['https://node.example:5001/#frag', 'must not have a query (?…) or fragment'],
    ['https://node.example:5001/api/v0', 'must not end in /api/v0'],
    ['node.example:5001', 'must start with http:// or https://'],
    ['https://node .example', 'must not contain spaces'],
  ])('refuses apiUrl %s, saying why', (apiUrl, why) => {
    const inventory = openInventory({ dataDir: tempDir() });
    const error = expectCode(() => inventory.addNode({ ...sampleNode(), apiUrl }, 'cli'), 'invalid_input');
    expect(error.message).toContain('apiUrl');
    expect(error.message).toContain(why);
    inventory.close();
  });

  it('accepts http, https, IPv6 and a path prefix', () => {
    const inventory = openInventory({ dataDir: tempDir() });
    for (const [i, apiUrl] of ['http://127.0.0.1:5001', 'https://node.example', 'http://[fd00::5]:5001', 'https://proxy.example/kubo/n1'].entries()) {
      expect(inventory.addNode(sampleNode({ name: `n${i}`, host: `10.0.0.${i + 1}`, apiUrl }), 'cli').apiUrl).toBe(apiUrl);
    }
    inventory.close();
  });

  it.each(['json', 'csv'] as const)('carries apiUrl and kuboContainer through %s', (format) => {
    const node = sampleNode({ name: 'direct', apiUrl: 'https://direct.example:5001', kuboContainer: 'ipfs_host' });
    const plain = sampleNode({ name: 'tunnel', host: '10.0.0.9' });
    const content = buildExport(format, [node, plain], new Date()).content;
    expect(readImport(format, content).map((c) => c.input)).toEqual([node, plain]);
  });
});
