// The CID check's refusal, made to fire: a stand-in kubo answers an add with a CID that is not the one
// the bytes hash to (as a kubo with other add settings, or a corrupting proxy, would). The item fails
// with cid_mismatch, the pin that add made is removed, and nothing is recorded as stored.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src-main/inventory/index.js';
import { runUpload } from '../../../src-main/uploads/upload-run.js';
import { readUploadSource } from '../../../src-main/uploads/upload-source.js';
import { UploadStore } from '../../../src-main/uploads/upload-store.js';
import type { NodeConnector } from '../../../src-main/connections/node-connector.js';
import { PinfleetError } from '../../../src-preload/contract/errors.js';

const WRONG = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A kubo stand-in: add answers WRONG; pin/rm is recorded (and refused when `pinRmFails`). */
async function standInKubo(pinRmFails = false) {
  const removed: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    request.resume();
    request.on('end', () => {
      if (url.pathname === '/api/v0/add') return response.end(`{"Name":"a.bin","Hash":"${WRONG}","Size":"3"}\n`);
      if (url.pathname === '/api/v0/pin/rm' && !pinRmFails) {
        removed.push(url.searchParams.get('arg') ?? '');
        return response.end(`{"Pins":["${url.searchParams.get('arg')}"]}`);
      }
      response.writeHead(500).end('{"Message":"refused by the stand-in","Type":"error"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, removed };
}

async function uploadTo(kuboUrl: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-mismatch-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'a.bin');
  fs.writeFileSync(file, 'abc');
  const { inventory, opened } = openStorage({ dataDir: path.join(dir, 'data') });
  cleanups.push(() => inventory.close());
  inventory.addNode({ name: 'node1', host: 'node1.example', sshPort: 22, sshUser: 'root', hostKeyFingerprint: null, tags: [], region: null, priority: 0, state: 'active', notes: '', apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080' }, 'test');
  const store = new UploadStore(opened.db);
  const id = store.insert({ name: 'a.bin', sourcePath: file, size: 3, replicas: 1, chunker: 'size-262144' });
  const connector = { kuboApiUrl: async () => kuboUrl } as unknown as NodeConnector;
  const error = await runUpload(id, await readUploadSource(file), 1, {
    store, connector, node: (name) => inventory.getNode(name),
    plan: async () => ({ name: 'a.bin', size: 3, ok: true, targets: [{ node: 'node1', freeAfter: 1e9, why: 'the only node' }] }),
    progress: () => {}, commit: () => () => {}, nowMs: () => Date.now(),
  }, new AbortController().signal).catch((e: unknown) => e);
  return { error, item: store.get(id)! };
}

describe('an add whose CID differs from the local one', () => {
  it('fails the item with cid_mismatch and removes the pin the add made', async () => {
    const kubo = await standInKubo();
    const { error, item } = await uploadTo(kubo.url);
    expect(error).toBeInstanceOf(PinfleetError);
    expect((error as PinfleetError).code).toBe('cid_mismatch');
    expect((error as PinfleetError).message).toMatch(/Its pin on node1 was removed$/u);
    expect(kubo.removed).toEqual([WRONG]);
    expect(item.replicas).toEqual([expect.objectContaining({ node: 'node1', status: 'unpinned' })]);
    expect(item.replicas.some((r) => r.status === 'pinned')).toBe(false);
  });

  it('says how to remove the pin by hand when the node refuses to', async () => {
    const kubo = await standInKubo(true);
    const { error, item } = await uploadTo(kubo.url);
    expect((error as PinfleetError).code).toBe('cid_mismatch');
    expect((error as PinfleetError).message).toContain(`could not be removed: remove it with ipfs pin rm ${WRONG}`);
    expect(item.replicas).toEqual([expect.objectContaining({ node: 'node1', status: 'failed' })]);
  });
});
