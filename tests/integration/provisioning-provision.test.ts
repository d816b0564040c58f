// The add-a-server wizard and decommission against the real fleet: the bare server becomes a node
// (the kubo image sent over SSH, the private fleet network settings, kubo as uid 64101 under the
// egress guard), a re-run changes nothing, failures injected at several steps stop with their
// reason and a rollback leaves the server bare, hostile values never reach it, and decommissioning
// the new node moves every CID onto node1-3 (checked with their own `pin ls`) before removing it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { imageTar, loadImage } from '../../src-main/provisioning/steps/image-transfer.js';
import { openTargetSession } from '../../src-main/connections/target-connector.js';
import { openSecretStore } from '../../src-main/secrets/choose-secret-store.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap, type Result } from '../../src-preload/contract/errors.js';
import type { ProvisionProgress, ProvisionReport } from '../../src-preload/contract/provisioning-types.js';
import type { UploadItem } from '../../src-preload/contract/upload-types.js';
import { docker, dockerResult } from '../fleet/docker-cli.js';
import { fleetUids, rejectedPackets } from '../fleet/egress-guard.js';
import { storageServers } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';
import { bareServer, bareState, listeningOn, makeBare, onServer, provisionInputFor, targetOf } from './provisioning-support.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const fleet = inject('fleet');
const bare = bareServer(fleet);
const servers = storageServers(fleet);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-provision-'));
/** An image tag the engine does not have, so the image step must send it over SSH. */
const SENT_IMAGE = 'pinfleet-test/kubo-sent:provision-test';
const imageFile = path.join(work, 'kubo-sent.tar');
const PWNED = '/tmp/pwned';
const cids: string[] = [];
const progress: ProvisionProgress[] = [];
let app: AppContext;
let egressBefore = 0;

function send<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<unknown>> {
  return app.router.call(channel, input);
}
async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}
const provision = (extra: Partial<ChannelInput<'provisioning.provision'>> = {}) => call('provisioning.provision', provisionInputFor(fleet, extra));
/** The failed run's undo: what deletes data (a repo the run made) needs the node's name typed. */
const rollback = () => call('provisioning.rollback', { ...targetOf(fleet), confirm: 'bare' });
const stepOf = (report: ProvisionReport, step: string) => report.steps.find((s) => s.step === step)!;

async function expectBare(): Promise<void> {
  expect(await bareState(fleet)).toEqual({ container: null, dataEntries: [] });
  expect((await call('nodes.list', {})).map((n) => n.name)).not.toContain('bare');
}

async function pinnedOn(address: string, cid: string): Promise<boolean> {
  const answer = await kuboRpc<{ Keys: Record<string, unknown> }>(address, 'pin/ls', [cid]).catch(() => ({ Keys: {} }));
  return cid in answer.Keys;
}

async function uploadTo(node: string, bytes: number): Promise<UploadItem> {
  const file = path.join(work, `upload-${randomBytes(4).toString('hex')}.bin`);
  fs.writeFileSync(file, randomBytes(bytes));
  const { ids } = await call('uploads.start', { paths: [file], node });
  const item = await waitFor(`upload to ${node}`, async () => {
    const found = (await call('uploads.list', { limit: 1000 })).find((i) => i.id === ids[0]);
    return found && ['done', 'failed', 'cancelled'].includes(found.status) ? found : undefined;
  }, 90_000);
  if (item.cid) cids.push(item.cid);
  return item;
}

beforeAll(async () => {
  await makeBare(fleet);
  fs.rmSync(PWNED, { force: true });
  egressBefore = await rejectedPackets(fleetUids.kubo);
  // The fleet's kubo image under a new tag, saved to a tar here and removed from the engine.
  await docker(['tag', fleet.images.kubo, SENT_IMAGE]);
  await docker(['save', '--output', imageFile, SENT_IMAGE]);
  await docker(['rmi', SENT_IMAGE]);
  // The rpcToken run keeps its token in the console's file secret store.
  process.env.PINFLEET_SECRETS_PASSPHRASE ??= 'provisioning-test-passphrase';
  app = createAppContext({ dataDir: path.join(work, 'data'), actor: 'test' });
  app.bus.subscribe((event, payload) => {
    if (event === 'provisioning.progress') progress.push(payload as ProvisionProgress);
  });
  await addFleetNodes(app, fleet, servers);
});

afterAll(async () => {
  await faults.healFleet(fleet);
  if (app) {
    await send('provisioning.rollback', { ...targetOf(fleet), confirm: 'bare' });
    await app.close();
  }
  await makeBare(fleet);
  await dockerResult(['rmi', SENT_IMAGE]);
  for (const s of servers) for (const cid of cids) await kuboRpc(s.address, 'pin/rm', [cid]).catch(() => {});
  fs.rmSync(work, { recursive: true, force: true });
});

describe('failures stop with their reason, and rollback leaves the server bare', () => {
  it('sshd down: stops at connect', async () => {
    await faults.stopSshdOf(fleet, 'bare');
    try {
      const report = await provision();
      expect(report).toMatchObject({ status: 'failed', failedStep: 'connect', error: { code: 'unreachable' } });
      expect(report.error!.message).toContain(bare.address);
    } finally {
      await faults.startSshdOf(fleet, 'bare');
    }
    await rollback();
    await expectBare();
  });

  it('another host key than the confirmed one: stops at connect before logging in', async () => {
    const report = await provision({ fingerprint: servers[0]!.ssh.hostKeyFingerprint });
    expect(report).toMatchObject({ status: 'failed', failedStep: 'connect', error: { code: 'host_key_mismatch' } });
    expect(report.error!.message).toContain('nothing was sent to the server');
    await expectBare();
  });

  it('a full data disk: stops at preflight naming the disk', async () => {
    faults.fillDiskOf(fleet, 'bare');
    try {
      const report = await provision();
      expect(report).toMatchObject({ status: 'failed', failedStep: 'preflight' });
      expect(report.error!.message).toMatch(/disk: .*free of 512 MiB at \/srv\/pinfleet-fleet\/bare\/data/);
      expect(stepOf(report, 'container').status).toBe('pending');
    } finally {
      faults.unfillDiskOf(fleet, 'bare');
    }
    await rollback();
    await expectBare();
  });

  it('port 4001 taken on the server address: stops at preflight; forced past it, kubo fails in the container step, and rollback undoes what that did', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(4001, bare.address, resolve));
    try {
      const report = await provision();
      expect(report).toMatchObject({ status: 'failed', failedStep: 'preflight' });
      expect(report.error!.message).toContain(`4001 (swarm) is taken: ${bare.address}:4001`);

      const forced = await provision({ fromStep: 'container' });
      expect(forced).toMatchObject({ status: 'failed', failedStep: 'container' });
      expect(forced.error!.message).toMatch(/kubo in pinfleet-kubo stopped/);
      expect(stepOf(forced, 'preflight')).toMatchObject({ status: 'skipped' });
      expect((await bareState(fleet)).dataEntries.sort()).toEqual(['container-init.d', 'ipfs']);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    const undone = await rollback();
    expect(undone.failures).toEqual([]);
    expect(undone.undone).toEqual(expect.arrayContaining(['remove container pinfleet-kubo', `remove ${bare.dataPath}/ipfs`]));
    await expectBare();
  });

  it('an image no registry serves: stops at image with what to do', async () => {
    const report = await provision({ image: 'pinfleet-test/no-such-kubo:v0' });
    expect(report).toMatchObject({ status: 'failed', failedStep: 'image' });
    expect(report.error!.message).toContain('send the image over SSH');
    await rollback();
    await expectBare();
  });

  it('refuses hostile values in host, name, path and tags with precise messages, and runs nothing', async () => {
    const hostile = ['$(touch /tmp/pwned)', ';id', '`touch /tmp/pwned`', 'a\nb', 'a\u202Eb'];
    for (const value of hostile) {
      const cases: [string, Partial<ChannelInput<'provisioning.provision'>>][] = [
        ['host', { host: value }],
        ['name', { name: value }],
        ['dataPath', { dataPath: `/srv/${value}` }],
        ['tags', { tags: [value] }],
        ['image', { image: value }],
      ];
      for (const [field, extra] of cases) {
        const result = await send('provisioning.provision', provisionInputFor(fleet, extra));
        expect(result, `${field} = ${JSON.stringify(value)}`).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(field) as unknown } });
      }
    }
    const path = await send('provisioning.provision', provisionInputFor(fleet, { dataPath: '/srv/$(touch /tmp/pwned)' }));
    expect(path).toMatchObject({ error: { message: expect.stringContaining('may contain only letters, digits and . _ - /') as unknown } });
    expect((await onServer(fleet, ['test', '-e', PWNED])).code).not.toBe(0);
    expect(fs.existsSync(PWNED)).toBe(false);
    await expectBare();
  });
});

describe('provisioning the bare server', () => {
  it('sends the image over SSH, starts kubo with RPC and gateway on loopback only, peers, verifies and registers it', async () => {
    progress.length = 0;
    const report = await provision({ image: SENT_IMAGE, imageSource: 'send', imageFile });
    expect(report.error).toBeNull();
    expect(report.steps.map((s) => [s.step, s.status])).toEqual([
      ['connect', 'done'], ['preflight', 'done'], ['docker', 'done'], ['image', 'done'], ['container', 'done'], ['configure', 'done'], ['verify', 'done'], ['register', 'done'],
    ]);
    expect(stepOf(report, 'docker')).toMatchObject({ changed: false });
    expect(stepOf(report, 'image')).toMatchObject({ changed: true, summary: expect.stringContaining('sent over SSH') as unknown });
    const sent = progress.filter((p) => p.step === 'image' && p.bytes);
    expect(sent.at(-1)!.bytes).toEqual({ done: fs.statSync(imageFile).size, total: fs.statSync(imageFile).size });
    expect(stepOf(report, 'configure').summary).toBe('Peering.Peers set to 3 fleet node(s)');
    expect(progress.some((p) => p.step === 'verify' && p.line === 'nothing of 5001/8080/9094/2375 listens beyond loopback')).toBe(true);

    expect((await bareState(fleet)).container).toBe('running');
    const listening = await listeningOn(fleet);
    expect(listening).toEqual(expect.arrayContaining(['127.0.0.1:5001', '127.0.0.1:8080', `${bare.address}:4001`]));
    expect(listening.filter((a) => /:(5001|8080)$/.test(a) && (a.startsWith(`${bare.address}:`) || a.startsWith('0.0.0.0:') || a.startsWith('*:')))).toEqual([]);
    const user = await onServer(fleet, ['docker', 'inspect', '--format', '{{.Config.User}} {{.HostConfig.RestartPolicy.Name}}', 'pinfleet-kubo']);
    expect(user.stdout.trim()).toBe(`${fleetUids.kubo}:${fleetUids.kubo} unless-stopped`);
    // The gateway serves only what the node holds (the default gateway setting); bare's RPC is 127.0.0.1:5001 here.
    const noFetch = (await (await fetch('http://127.0.0.1:5001/api/v0/config?arg=Gateway.NoFetch', { method: 'POST' })).json()) as { Value: unknown };
    expect(noFetch.Value).toBe(true);

    const health = await call('health.node', { name: 'bare' });
    expect(health, health.reason).toMatchObject({ state: 'online' });
    expect(health.capacity!.diskTotal).toBe(bare.diskBytes);
    expect(health.capacity!.usableTotal).toBeGreaterThan(0);
    expect(report.health).toMatchObject({ state: 'online' });
    const node = (await call('nodes.list', {})).find((n) => n.name === 'bare');
    expect(node).toMatchObject({ host: bare.address, hostKeyFingerprint: bare.ssh.hostKeyFingerprint, tags: bare.tags, region: bare.region, apiAddress: '127.0.0.1:5001', kuboContainer: 'pinfleet-kubo' });
    const audit = (await call('audit.list', { limit: 50 })).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['provisioning.image', 'provisioning.container', 'provisioning.register']));
  });

  it('an upload lands on it', async () => {
    const item = await uploadTo('bare', 200_000);
    expect(item, item.error ?? '').toMatchObject({ status: 'done' });
    expect(item.replicas.map((r) => [r.node, r.status])).toEqual([['bare', 'pinned']]);
  });

  it('running it again changes nothing', async () => {
    const again = await provision({ image: SENT_IMAGE, imageSource: 'send', imageFile });
    expect(again).toMatchObject({ status: 'done', changed: false });
    expect(again.steps.filter((s) => s.changed)).toEqual([]);
    expect(stepOf(again, 'container').summary).toBe('pinfleet-kubo already runs as asked');
    expect(stepOf(again, 'image').summary).toBe(`${SENT_IMAGE} is already on the server`);
  });

  it("the new kubo sent nothing beyond loopback (the egress guard's counter for uid 64101 did not move)", async () => {
    expect(await rejectedPackets(fleetUids.kubo)).toBe(egressBefore);
  });
});

describe('decommissioning the provisioned node', () => {
  it("moves every CID onto node1-3 (their own pin ls), then removes the container, the data and the node", async () => {
    for (const size of [50_000, 300_000]) expect((await uploadTo('bare', size)).status).toBe('done');
    const held = Object.keys((await kuboPinsOfBare()) ?? {});
    expect(held).toEqual(expect.arrayContaining(cids));

    const report = await call('provisioning.decommission', { name: 'bare', removeContainer: true, removeData: true, confirm: 'bare' });
    expect(report.problems).toEqual([]);
    expect(report.moved.map((m) => m.cid).sort()).toEqual([...held].sort());
    for (const cid of held) {
      const holders = [];
      for (const s of servers) if (await pinnedOn(s.address, cid)) holders.push(s.name);
      expect(holders.length, cid).toBeGreaterThanOrEqual(1);
      // Every node the report names really pins it (its own pin ls, asked directly here).
      expect(holders).toEqual(expect.arrayContaining(report.moved.find((m) => m.cid === cid)!.to));
    }
    expect(report).toMatchObject({ containerRemoved: true, dataRemoved: true, removedFromInventory: true });
    await expectBare();
    expect((await call('nodes.list', {})).map((n) => n.name).sort()).toEqual(['node1', 'node2', 'node3']);
  });
});

/** The bare node's recursive pins, asked through the app's own tunnel. */
async function kuboPinsOfBare(): Promise<Record<string, unknown> | null> {
  const session = openTargetSession(targetOf(fleet));
  try {
    const url = await session.connector.kuboApiUrl(session.node);
    const response = await fetch(`${url}/api/v0/pin/ls?type=recursive`, { method: 'POST' });
    return ((await response.json()) as { Keys?: Record<string, unknown> }).Keys ?? null;
  } finally {
    await session.close();
  }
}

describe('sending from this computer\'s Docker', () => {
  it('streams `docker save` here into `docker load` on the server over SSH, counting bytes', async () => {
    const session = openTargetSession(targetOf(fleet));
    try {
      const engine = await session.connector.docker(session.node);
      const seen: number[] = [];
      const tar = imageTar(fleet.images.kubo, undefined, { ...process.env, DOCKER_HOST: fleet.dockerHost });
      const lines = await loadImage(engine, tar, (done) => seen.push(done));
      expect(lines.join('\n')).toContain(fleet.images.kubo);
      expect(seen.at(-1)).toBeGreaterThan(1_000_000);
    } finally {
      await session.close();
    }
  });
});

describe('requiring a token on the RPC (API.Authorizations)', () => {
  const anonymousId = () => fetch('http://127.0.0.1:5001/api/v0/id', { method: 'POST' }).then((r) => r.status);

  let tokenRun = 0;

  it('provisions with a bearer token kept in the secret store: kubo refuses the RPC without it, the console polls with it', async () => {
    const report = await provision({ rpcToken: true });
    tokenRun = report.runId;
    expect(report.error).toBeNull();
    expect(stepOf(report, 'configure')).toMatchObject({ changed: true, summary: expect.stringContaining("requires Pinfleet's bearer token") as unknown });
    // bare's kubo RPC listens on 127.0.0.1:5001 of this machine (the servers share its network).
    expect(await anonymousId()).toBe(403);
    const access = await call('credentials.get', { name: 'bare' });
    expect(access.api).toMatchObject({ mode: 'tunnel', credential: 'bearer' });
    const health = await call('health.node', { name: 'bare' });
    expect(health, health.reason).toMatchObject({ state: 'online' });
    // The token is in no SQLite file of the console.
    const store = openSecretStore(path.join(work, 'data'), undefined);
    const secret = await store.get(`provisioning/rpc-token/${bare.address}/pinfleet-kubo`);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const file of fs.readdirSync(path.join(work, 'data')).filter((f) => f.includes('.db') || f.endsWith('.sqlite'))) {
      expect(fs.readFileSync(path.join(work, 'data', file)).includes(secret!), file).toBe(false);
    }
  });

  it('running it again changes nothing; rollback leaves a successful run alone unless it is named, then leaves the server bare', async () => {
    const again = await provision({ rpcToken: true });
    expect(again.steps.filter((s) => s.changed).map((s) => [s.step, s.summary])).toEqual([]);
    expect(again).toMatchObject({ status: 'done', changed: false });
    expect(stepOf(again, 'configure').summary).toContain("the RPC already requires Pinfleet's token");
    expect(await rollback()).toMatchObject({ runIds: [], undone: [] });
    expect((await bareState(fleet)).container).toBe('running');
    // Named, its node asked for pins through the token-guarded RPC (it holds none).
    expect(await call('provisioning.rollback', { ...targetOf(fleet), runId: tokenRun, confirm: 'bare' })).toMatchObject({ runIds: [tokenRun], failures: [] });
    await expectBare();
  });
});
