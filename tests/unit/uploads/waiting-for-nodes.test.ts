// A node that fails an item mid-way (its kubo killed and restarting) used to fail the item for good
// when the other nodes could not hold all its replicas. It now waits in the queue and tries again,
// every node counted again. A stand-in kubo refuses the add; placement is a stub (pure logic here).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src-main/inventory/index.js';
import { runUpload, WaitingForNodes, WaitingInQueue } from '../../../src-main/uploads/upload-run.js';
import { readUploadSource } from '../../../src-main/uploads/upload-source.js';
import { UploadStore } from '../../../src-main/uploads/upload-store.js';
import type { NodeConnector } from '../../../src-main/connections/node-connector.js';
import type { ItemPlan } from '../../../src-preload/contract/upload-types.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function refusingKubo(): Promise<string> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(500).end('{"Message":"context canceled","Type":"error"}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('an item whose node failed it when the others cannot hold it', () => {
  it('waits in the queue naming the node, instead of failing for good', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-waiting-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'a.bin');
    fs.writeFileSync(file, 'abc');
    const { inventory, opened } = openStorage({ dataDir: path.join(dir, 'data') });
    cleanups.push(() => inventory.close());
    for (const name of ['node1', 'node2']) {
      inventory.addNode({ name, host: `${name}.example`, sshPort: 22, sshUser: 'root', hostKeyFingerprint: null, tags: [], region: null, priority: 0, state: 'active', notes: '', apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080' }, 'test');
    }
    const store = new UploadStore(opened.db);
    const id = store.insert({ name: 'a.bin', sourcePath: file, size: 3, replicas: 2, chunker: 'size-262144' });
    const url = await refusingKubo();
    const plans: string[][] = [];
    const plan = async (exclude: ReadonlySet<string>): Promise<ItemPlan> => {
      plans.push([...exclude]);
      return exclude.has('node1')
        ? { name: 'a.bin', size: 3, ok: false, reason: 'Only 1 of 2 replicas fit', shortfallBytes: 3 }
        : { name: 'a.bin', size: 3, ok: true, targets: [{ node: 'node1', freeAfter: 1e9, why: 'roomiest' }, { node: 'node2', freeAfter: 1e9, why: 'next' }] };
    };
    const error = await runUpload(id, await readUploadSource(file), 2, {
      store, connector: { kuboApiUrl: async () => url } as unknown as NodeConnector, node: (name) => inventory.getNode(name),
      plan, progress: () => {}, commit: () => () => {}, nowMs: () => Date.now(),
    }, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitingForNodes);
    expect(error).toBeInstanceOf(WaitingInQueue);
    expect((error as Error).message).toBe('waiting for a node: node1 failed it just now and the other nodes cannot take it (Only 1 of 2 replicas fit); it is tried again as the fleet changes');
    expect(plans).toEqual([[], ['node1']]);
  });
});
