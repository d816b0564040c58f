// One file to one node: Pinfleet's streamed add (the same kuboAdd + local CID the upload engine
// runs) against `curl -F` to the same /api/v0/add with the same parameters, through the same SSH
// tunnel and directly. Needs the test fleet (`npm run fleet -- up`); run under the integration lock.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { EventBus } from '../src-main/core/events.js';
import { createConnections } from '../src-main/connections/index.js';
import { openStorage } from '../src-main/inventory/index.js';
import { openSecretStore } from '../src-main/secrets/choose-secret-store.js';
import { kuboAdd } from '../src-main/uploads/kubo-add.js';
import { CHUNKER, computeLocalCid } from '../src-main/uploads/local-cid.js';
import { readUploadSource } from '../src-main/uploads/upload-source.js';
import { nodeFields } from '../src-preload/contract/schemas.js';
import { loadFleet, storageServers } from '../tests/fleet/fleet-description.js';

// Asynchronous on purpose: a synchronous child would block the event loop that serves the tunnel.
const run = promisify(execFile);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const QUERY = `cid-version=1&raw-leaves=true&chunker=${CHUNKER}&pin=true`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function uploadThroughputBench(args: string[]): Promise<unknown> {
  const { values } = parseArgs({ args, options: { mib: { type: 'string', default: '64' }, runs: { type: 'string', default: '3' }, node: { type: 'string', default: 'node3' } } });
  const fleet = loadFleet();
  const server = storageServers(fleet).find((s) => s.name === values.node);
  if (!server) throw new Error(`no storage server ${values.node} in the fleet`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-bench-upload-'));
  const file = path.join(dataDir, 'payload.bin');
  const bytes = Number(values.mib) * 1024 * 1024;
  fs.writeFileSync(file, randomBytes(bytes));
  const { inventory, opened } = openStorage({ dataDir });
  const connections = createConnections({ inventory, db: opened.db, secrets: openSecretStore(dataDir, undefined), bus: new EventBus(), actor: 'bench' });
  try {
    const node = inventory.addNode(
      nodeFields.parse({
        name: server.name,
        host: server.ssh.host,
        sshPort: server.ssh.port,
        sshUser: server.ssh.user,
        hostKeyFingerprint: server.ssh.hostKeyFingerprint,
        apiAddress: `${server.kubo.api.host}:${server.kubo.api.port}`,
      }),
      'bench',
    );
    await connections.handlers['credentials.set']({ name: node.name, method: 'keyFile', keyPath: fleet.clientKeyPath });
    const tunnel = await connections.connector.kuboApiUrl(node);
    const direct = `http://${server.kubo.api.host}:${server.kubo.api.port}`;
    const curlAdd = (base: string) => run('curl', ['-sf', '-o', '/dev/null', '-F', `file=@${file}`, `${base}/api/v0/add?${QUERY}`]);
    const source = await readUploadSource(file);
    const times = { pinfleet: [] as number[], curlTunnel: [] as number[], curlDirect: [] as number[] };
    let cid = '';
    for (let i = 0; i < Number(values.runs); i += 1) {
      // What the engine does: the add and the local CID read the file at the same time.
      times.pinfleet.push(await timed(async () => {
        const [added, local] = await Promise.all([kuboAdd(tunnel, source), computeLocalCid(source)]);
        if (added.cid !== local) throw new Error(`CID mismatch: kubo ${added.cid}, local ${local}`);
        cid = added.cid;
      }));
      times.curlTunnel.push(await timed(() => curlAdd(tunnel)));
      times.curlDirect.push(await timed(() => curlAdd(direct)));
    }
    await fetch(`${direct}/api/v0/pin/rm?arg=${cid}`, { method: 'POST' });
    await fetch(`${direct}/api/v0/repo/gc`, { method: 'POST' }).then((r) => r.arrayBuffer());
    const rate = (ms: number) => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
    const pinfleet = median(times.pinfleet);
    return {
      node: server.name,
      bytes,
      runs: Number(values.runs),
      megabytesPerSecond: { pinfleetThroughTunnel: rate(pinfleet), curlThroughTunnel: rate(median(times.curlTunnel)), curlDirect: rate(median(times.curlDirect)) },
      ratios: {
        pinfleetToCurlThroughTunnel: Math.round((median(times.curlTunnel) / pinfleet) * 100) / 100,
        pinfleetToCurlDirect: Math.round((median(times.curlDirect) / pinfleet) * 100) / 100,
      },
    };
  } finally {
    await connections.close();
    inventory.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
