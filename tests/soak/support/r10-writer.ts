// The child process of R10: opens the real inventory on a data directory (the real open path, with
// its migrations and backup) and writes through the real stores until it is SIGKILLed. Before each
// write it prints `B <op>` (the state that write leaves behind), and `A` once the commit returned,
// so the parent knows exactly which commits were acknowledged and which one may have been in
// flight. Stdout to a pipe is synchronous on Linux, so an `A` line is out before the next write.
//
// argv: <dataDir> <seed> <run tag>. Bundled once by r10-child.ts so a spawn costs one Node start.
import { StatusStore } from '../../../src-main/health/status-store.js';
import { openStorage } from '../../../src-main/inventory/index.js';
import { ProvisionRunStore } from '../../../src-main/provisioning/steps/provision-run-store.js';
import { UploadStore } from '../../../src-main/uploads/upload-store.js';
import type { NodeHealth } from '../../../src-preload/contract/health-types.js';
import { r10Random, type R10Op } from './r10-ops.js';

const [dataDir, seedText, runTag] = process.argv.slice(2);
if (!dataDir || !seedText || !runTag) throw new Error('usage: r10-writer <dataDir> <seed> <run tag>');
const random = r10Random(Number(seedText));
const say = (line: string) => process.stdout.write(`${line}\n`);

say('O'); // opening: a kill from here on may land in the open, the backup or a migration
const { inventory, opened } = openStorage({ dataDir });
say(`R ${opened.schemaVersion}`);
const db = opened.db;
const status = new StatusStore(db);
const uploads = new UploadStore(db);
const runs = new ProvisionRunStore(db);

/** Announces the state a write leaves, runs it, then acknowledges it. */
function write(op: R10Op, work: () => void): void {
  say(`B ${JSON.stringify(op)}`);
  work();
  say('A');
}

const BASE_NODES = 3;
const base = inventory.listNodes().filter((n) => n.name.startsWith('base-'));
for (let i = base.length; i < BASE_NODES; i += 1) {
  const name = `base-${i}`;
  write({ key: `node:${name}`, state: { notes: '' } }, () => {
    base.push(inventory.addNode({ name, host: `base-${i}.r10.invalid` }, 'soak'));
  });
}

// Samples get distinct times: each run has its own window of a million milliseconds.
const windowStart = Date.UTC(2026, 0, 1) + Number(runTag.replace(/\D/g, '') || 0) * 1_000_000;
let serial = 0;
const scratch: { name: string; version: number }[] = [];
const openUploads: { name: string; id: number; step: number }[] = [];
const openRuns: { host: string; id: number; steps: number }[] = [];
const UPLOAD_STEPS = ['uploading', 'pinning', 'done'] as const;

const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function health(name: string, at: string, repoSize: number): NodeHealth {
  const capacity = { repoSize, storageMax: 1e12, diskFree: 5e11, diskTotal: 1e12, usableFree: 4e11, usableTotal: 9e11 };
  return {
    name, state: 'online', reason: '', checkedAt: at, lastSeenAt: at, capacity, kuboVersion: '0.38.0',
    peerId: null, peers: 3, bandwidth: null, container: null, latencyMs: 4,
  } as NodeHealth;
}

const actions: (() => void)[] = [
  () => {
    const name = `s${runTag}-${serial}`;
    write({ key: `node:${name}`, state: { notes: '' } }, () => {
      inventory.addNode({ name, host: `${name}.r10.invalid`, tags: ['soak'], region: 'r10' }, 'soak');
    });
    scratch.push({ name, version: 0 });
  },
  () => {
    const node = scratch.length > 0 ? pick(scratch) : null;
    if (!node) return;
    node.version += 1;
    const notes = `v${node.version}`;
    write({ key: `node:${node.name}`, state: { notes } }, () => inventory.updateNode(node.name, { notes }, 'soak'));
  },
  () => {
    if (scratch.length < 4) return;
    const [node] = scratch.splice(Math.floor(random() * scratch.length), 1);
    write({ key: `node:${node!.name}`, state: null }, () => inventory.removeNode(node!.name, 'soak'));
  },
  () => {
    const node = pick(base);
    const at = new Date(windowStart + serial).toISOString();
    const repoSize = Math.floor(random() * 1e9);
    write({ key: `sample:${node.id}:${at}`, state: { repoSize }, also: { key: `status:${node.id}`, state: { checkedAt: at } } }, () =>
      status.record(node.id, health(node.name, at, repoSize), true),
    );
  },
  () => {
    const name = `u${runTag}-${serial}.bin`;
    let id = 0;
    write({ key: `upload:${name}`, state: { status: 'queued' } }, () => {
      id = uploads.insert({ name, sourcePath: `/tmp/${name}`, size: 1024, replicas: 1, chunker: 'size-1048576' });
    });
    openUploads.push({ name, id, step: 0 });
  },
  () => {
    const upload = openUploads.length > 0 ? pick(openUploads) : null;
    if (!upload) return;
    const next = UPLOAD_STEPS[upload.step]!;
    upload.step += 1;
    if (upload.step === UPLOAD_STEPS.length) openUploads.splice(openUploads.indexOf(upload), 1);
    if (next === 'done') {
      const node = base[0]!;
      write({ key: `replica:${upload.name}:${node.name}`, state: { status: 'pinned' } }, () => uploads.setReplica(upload.id, node.id, 'pinned'));
    }
    write({ key: `upload:${upload.name}`, state: { status: next } }, () => uploads.setStatus(upload.id, next, { cid: 'bafyr10' }));
  },
  () => {
    const host = `p${runTag}-${serial}.r10.invalid`;
    let id = 0;
    write({ key: `run:${host}`, state: { status: 'running' } }, () => {
      id = runs.startRun(host, 'provision');
    });
    openRuns.push({ host, id, steps: 0 });
  },
  () => {
    const run = openRuns.length > 0 ? pick(openRuns) : null;
    if (!run) return;
    const step = `step-${run.steps}`;
    run.steps += 1;
    write({ key: `step:${run.host}:${step}`, state: { status: 'running' } }, () => runs.stepStarted(run.id, step));
    const record = { summary: `did ${step}`, lines: ['ok'], undo: [{ kind: 'remove-path' as const, path: `/srv/r10/${step}` }] };
    write({ key: `step:${run.host}:${step}`, state: { status: 'done' } }, () => runs.stepEnded(run.id, step, 'done', record));
    if (run.steps === 3) {
      openRuns.splice(openRuns.indexOf(run), 1);
      write({ key: `run:${run.host}`, state: { status: 'done' } }, () => runs.finishRun(run.id, 'done'));
    }
  },
];

// The parent kills long before this; the cap only keeps a forgotten child from writing forever.
const stopAt = Date.now() + 20_000;
while (Date.now() < stopAt) {
  serial += 1;
  pick(actions)();
}
say('E');
