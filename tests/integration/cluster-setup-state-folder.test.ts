// A Cluster peer's state folder on the real fleet (its servers share this machine's filesystem):
// `cluster.setup` refuses a folder that cannot be one (/, /etc…) at the schema, and an existing
// folder Pinfleet did not make and the peer's uid does not own in its check phase, before any
// change, dry run or not: the folder keeps its owner, and no peer container appears. The folder
// adapter itself, over SSH on node1: makes a new folder (marked, handed to the peer's uid), hands
// over again only a folder it marked, uses one the peer's uid already owns without touching it,
// and follows no symbolic link.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { openTargetSession, type TargetSession } from '../../src-main/connections/target-connector.js';
import { setupContainerName } from '../../src-main/provisioning/cluster-peer/peer-names.js';
import { STATE_MARKER, prepareStateDir, type StateDirAction } from '../../src-main/provisioning/cluster-peer/cluster-state-folder.js';
import type { UndoAction } from '../../src-main/provisioning/steps/undo-actions.js';
import { FileSecretStore } from '../../src-main/secrets/file-secret-store.js';
import type { ChannelInput } from '../../src-preload/contract/contract.js';
import { dockerResult } from '../fleet/docker-cli.js';
import { storageServers } from '../fleet/fleet-description.js';
import { addFleetNodes } from '../support/fleet-nodes.js';
import { targetOf } from './provisioning-support.js';

const fleet = inject('fleet');
const node1 = storageServers(fleet)[0]!;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-state-folder-'));
// On the fleet's servers, i.e. this machine: a folder no one else uses.
const folders = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-state-folders-'));
const FOREIGN_UID = 4242;
const RUN_AS = '4343:4343';
let app: AppContext;
let session: TargetSession;

const ownerOf = (dir: string) => {
  const stat = fs.lstatSync(dir);
  return { uid: stat.uid, gid: stat.gid, mode: stat.mode & 0o7777 };
};

function foreignFolder(name: string, uid = FOREIGN_UID, mode = 0o755): string {
  const dir = path.join(folders, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.chownSync(dir, uid, uid);
  fs.chmodSync(dir, mode);
  return dir;
}

async function setUp(input: ChannelInput<'cluster.setup'>) {
  return app.router.call('cluster.setup', input);
}

beforeAll(async () => {
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  app = createAppContext({ dataDir, actor: 'test', secrets: new FileSecretStore({ dataDir, passphrase: 'state-folder-test', kdf: { N: 1024, r: 8, p: 1 } }) });
  await addFleetNodes(app, fleet, [node1]);
  session = openTargetSession(targetOf(fleet, node1));
}, 60_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(folders, { recursive: true, force: true });
});

describe('cluster.setup refuses a state folder it must not hand over', () => {
  it.each(['/', '/etc', '/home', 'srv/relative', '/srv/../etc', '/srv/x;touch /tmp/pinfleet-canary', '/srv/x\n/etc'])('%j is refused at the schema, on the field', async (dir) => {
    const answer = await setUp({ nodes: ['node1'], dryRun: true, stateDirs: { node1: dir } });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.message).toMatch(/stateDirs\.node1/);
  });

  it('refuses, in a dry run, an existing folder of another owner that Pinfleet did not make', async () => {
    const dir = foreignFolder('dry-run');
    const answer = await setUp({ nodes: ['node1'], dryRun: true, runAs: RUN_AS, stateDirs: { node1: dir }, image: fleet.images.cluster ?? undefined });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.message).toContain(`${dir} on node1 already exists, belongs to uid ${FOREIGN_UID}`);
    expect(answer.error.message).toContain(`chown ${RUN_AS} ${dir}`);
    expect(ownerOf(dir)).toEqual({ uid: FOREIGN_UID, gid: FOREIGN_UID, mode: 0o755 });
  });

  it('refuses it in a real run too, before any change: the owner is unchanged and no peer container appears', async () => {
    const dir = foreignFolder('real-run');
    const before = ownerOf(dir);
    const answer = await setUp({ nodes: ['node1'], dryRun: false, runAs: RUN_AS, stateDirs: { node1: dir }, image: fleet.images.cluster ?? undefined });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.message).toMatch(/will not change its owner/);
    expect(ownerOf(dir)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await dockerResult(['inspect', setupContainerName('node1')])).code).not.toBe(0);
  });
});

describe('the state folder adapter, over SSH', () => {
  const undos: UndoAction[] = [];
  const host = { run: (argv: readonly string[]) => session.connector.exec(session.node, argv, { timeoutMs: 30_000 }), undo: (a: UndoAction) => undos.push(a) };
  const prepare = (dir: string): Promise<StateDirAction> => prepareStateDir(host, dir, RUN_AS, 'node1');

  it('makes a new folder, marks it as its own and hands it to the peer uid; a re-run hands over only that', async () => {
    const dir = path.join(folders, 'new', 'ipfs-cluster');
    expect(await prepare(dir)).toBe('create');
    expect(ownerOf(dir)).toEqual({ uid: 4343, gid: 4343, mode: 0o700 });
    expect(fs.existsSync(path.join(dir, STATE_MARKER))).toBe(true);
    expect(undos).toContainEqual({ kind: 'remove-path', path: dir });
    fs.chownSync(dir, 0, 0);
    expect(await prepare(dir)).toBe('own');
    expect(ownerOf(dir).uid).toBe(4343);
  });

  it("uses a folder the peer's uid already owns as it is: no marker, mode and owner untouched", async () => {
    const dir = foreignFolder('owned-by-peer', 4343, 0o750);
    expect(await prepare(dir)).toBe('use');
    expect(ownerOf(dir)).toEqual({ uid: 4343, gid: 4343, mode: 0o750 });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a foreign folder and a symbolic link to one, changing neither', async () => {
    const dir = foreignFolder('foreign');
    await expect(prepare(dir)).rejects.toMatchObject({ code: 'invalid_input' });
    const link = path.join(folders, 'link-to-foreign');
    fs.symlinkSync(dir, link);
    await expect(prepare(link)).rejects.toThrow(/symbolic link/);
    expect(ownerOf(dir)).toEqual({ uid: FOREIGN_UID, gid: FOREIGN_UID, mode: 0o755 });
  });
});
