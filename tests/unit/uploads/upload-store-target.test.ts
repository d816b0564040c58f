// The node an admin chose for an upload survives a restart (schema v3), on a real SQLite file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src-main/inventory/index.js';
import { UploadStore } from '../../../src-main/uploads/upload-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function storage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-upload-target-'));
  dirs.push(dir);
  return { dir, ...openStorage({ dataDir: dir }) };
}

const fields = (name: string) => ({
  name, host: `${name}.example`, sshPort: 22, sshUser: 'root', hostKeyFingerprint: null, tags: [], region: null, priority: 0,
  state: 'active' as const, notes: '', apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080',
});

describe("an upload's chosen node", () => {
  it('is kept with the item across closing and reopening the inventory', () => {
    const first = storage();
    const node = first.inventory.addNode(fields('node2'), 'test');
    const chosen = new UploadStore(first.opened.db).insert({ name: 'a.bin', sourcePath: '/tmp/a.bin', size: 1, replicas: 1, chunker: 'size-262144', targetNodeId: node.id });
    const free = new UploadStore(first.opened.db).insert({ name: 'b.bin', sourcePath: '/tmp/b.bin', size: 1, replicas: 1, chunker: 'size-262144' });
    first.inventory.close();

    const again = openStorage({ dataDir: first.dir });
    try {
      const store = new UploadStore(again.opened.db);
      expect(store.targetNode(chosen)).toBe('node2');
      expect(store.targetNode(free)).toBeNull();
    } finally {
      again.inventory.close();
    }
  });

  it('is forgotten when that node leaves the inventory: placement chooses again', () => {
    const { inventory, opened } = storage();
    const node = inventory.addNode(fields('node3'), 'test');
    const store = new UploadStore(opened.db);
    const id = store.insert({ name: 'c.bin', sourcePath: '/tmp/c.bin', size: 1, replicas: 1, chunker: 'size-262144', targetNodeId: node.id });
    inventory.removeNode('node3', 'test');
    expect(store.targetNode(id)).toBeNull();
    inventory.close();
  });
});
