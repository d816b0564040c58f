// Preflight and adoption against the real fleet: the bare server passes (ports free on its own
// address), node1's kubo ports are reported taken, node2 is adopted into a fresh data folder and
// then polls as online, the bare server is refused clearly, and hostile values never run anything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { openTargetSession } from '../../src-main/connections/target-connector.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap, type Result } from '../../src-preload/contract/errors.js';
import { serverNamed } from '../fleet/fleet-description.js';

const fleet = inject('fleet');
const bare = serverNamed(fleet, 'bare');
const node1 = serverNamed(fleet, 'node1');
const node2 = serverNamed(fleet, 'node2');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-provisioning-'));
const PWNED = '/tmp/pwned-x';
let app: AppContext;

const target = (server: typeof bare) => ({
  host: server.ssh.host,
  port: server.ssh.port,
  user: server.ssh.user,
  fingerprint: server.ssh.hostKeyFingerprint,
  login: { method: 'keyFile' as const, keyPath: fleet.clientKeyPath },
});

function send<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<unknown>> {
  return app.router.call(channel, input);
}
async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await send(channel, input)) as ChannelOutput<C>;
}

/** Whether a path exists on the server, asked over SSH (not on this machine). */
async function existsOnServer(server: typeof bare, file: string): Promise<boolean> {
  const session = openTargetSession(target(server));
  try {
    return (await session.connector.exec(session.node, ['test', '-e', file])).code === 0;
  } finally {
    await session.close();
  }
}

beforeAll(() => {
  fs.rmSync(PWNED, { force: true });
  app = createAppContext({ dataDir, actor: 'test' });
});

afterAll(async () => {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('preflight against real servers', () => {
  it('passes or warns on the bare server, with its kubo ports free', async () => {
    const report = await call('provisioning.preflight', { ...target(bare), dataPath: bare.dataPath, listenHost: bare.address });
    const status = Object.fromEntries(report.findings.map((f) => [f.check, f.status]));
    expect(status).toMatchObject({ os: 'pass', arch: 'pass', memory: 'pass', docker: 'pass', 'port-4001': 'pass', 'port-5001': 'pass', 'port-8080': 'pass', clock: 'pass' });
    // The bare disk is a small tmpfs: a warning, with its size.
    expect(report.findings.find((f) => f.check === 'disk')).toMatchObject({ status: 'warn' });
    expect(report.verdict).toBe('warn');
  });

  it("reports node1's kubo ports as taken by ipfs, with what to do", async () => {
    const report = await call('provisioning.preflight', { ...target(node1), dataPath: node1.dataPath, listenHost: node1.address });
    for (const port of [4001, 5001, 8080]) {
      const finding = report.findings.find((f) => f.check === `port-${port}`);
      expect(finding).toMatchObject({ status: 'fail' });
      expect(finding!.summary).toContain(`${node1.address}:${port} by ipfs`);
      expect(finding!.action).toContain('adopt');
    }
    expect(report.verdict).toBe('fail');
  });

  it('fails the disk check for a data path that does not exist', async () => {
    const report = await call('provisioning.preflight', { ...target(bare), dataPath: '/srv/no-such-disk', listenHost: bare.address });
    expect(report.findings.find((f) => f.check === 'disk')).toMatchObject({ status: 'fail', summary: expect.stringContaining('/srv/no-such-disk') as unknown });
  });
});

describe('adopting a running kubo', () => {
  // Named node2: on the fleet's shared Docker engine the health poller finds a node's container by
  // its pinfleet.server label or name (see the report), so an adopted node keeps its server's name.
  it('adopts node2 with its real addresses, and it then polls as online', async () => {
    const report = await call('provisioning.adoptDetect', { ...target(node2), name: 'node2' });
    expect(report.runtime).toMatchObject({ kind: 'container', name: node2.kubo!.container });
    expect(report.apiAddress).toBe(`${node2.kubo!.api.host}:${node2.kubo!.api.port}`);
    expect(report.gatewayAddress).toBe(`${node2.kubo!.gateway.host}:${node2.kubo!.gateway.port}`);
    expect(report.peerId).toBe(node2.kubo!.peerId);
    expect(report.repoPath).toBe(node2.dataPath);
    expect(report.storageMax).toBe(node2.kubo!.storageMax);
    expect(report.exposure).toEqual({ api: 'loopback', gateway: 'loopback' });
    expect(report.warnings).toEqual([]);

    const node = await call('provisioning.adoptRegister', {
      ...target(node2), name: 'node2', tags: ['hdd'], region: 'us', apiAddress: report.apiAddress, gatewayAddress: report.gatewayAddress!,
      kuboContainer: report.runtime.kind === 'container' ? report.runtime.name : null,
    });
    expect(node).toMatchObject({ name: 'node2', host: node2.ssh.host, hostKeyFingerprint: node2.ssh.hostKeyFingerprint, apiAddress: report.apiAddress, tags: ['hdd'], region: 'us' });
    // The container adopt found is stored, so health reads that one, whatever its name or labels.
    expect(node.kuboContainer).toBe(node2.kubo!.container);
    expect(await call('credentials.get', { name: 'node2' })).toMatchObject({ method: 'keyFile', keyPath: fleet.clientKeyPath });
    expect(await call('health.pollNow', { name: 'node2' })).toEqual({ polled: ['node2'] });
    const health = await call('health.node', { name: 'node2' });
    expect(health, health.reason).toMatchObject({ state: 'online' });

    const audit = await call('audit.list', { limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['provisioning.adopt', 'credentials.set']));
  });

  it('records each run and its steps, and adds nothing when kubo does not answer', async () => {
    const failed = await send('provisioning.adoptRegister', {
      ...target(node2), name: 'wrong-port', apiAddress: `${node2.address}:5999`, gatewayAddress: `${node2.address}:8080`,
    });
    expect(failed).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect((await call('nodes.list', {})).map((n) => n.name)).toEqual(['node2']);
    const db = new Database(path.join(dataDir, 'inventory.sqlite'), { readonly: true });
    try {
      const runs = db.prepare("SELECT id, status, error FROM provisioning_runs WHERE kind = 'adopt' ORDER BY id").all() as { id: number; status: string; error: string | null }[];
      expect(runs.map((r) => r.status)).toEqual(['done', 'failed']);
      const steps = (id: number) => db.prepare('SELECT step, status FROM provisioning_steps WHERE run_id = ? ORDER BY started_at, step').all(id);
      expect(steps(runs[0]!.id)).toEqual(expect.arrayContaining([{ step: 'verify', status: 'done' }, { step: 'register', status: 'done' }, { step: 'credentials', status: 'done' }]));
      expect(steps(runs[1]!.id)).toEqual([{ step: 'verify', status: 'failed' }]);
    } finally {
      db.close();
    }
  });

  it('refuses the bare server clearly and registers nothing', async () => {
    const result = await send('provisioning.adoptDetect', target(bare));
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining(`no kubo found on ${bare.address}: `) as unknown } });
  });

  it('refuses a host key other than the confirmed one before logging in', async () => {
    const result = await send('provisioning.adoptDetect', { ...target(node1), fingerprint: node2.ssh.hostKeyFingerprint });
    expect(result).toMatchObject({ ok: false, error: { code: 'host_key_mismatch' } });
  });

  it('never runs hostile values on the server', async () => {
    const hostile = ['$(touch /tmp/pwned-x)', ';id', '`touch /tmp/pwned-x`', 'a\nb', 'a\u202Eb'];
    for (const value of hostile) {
      const register = await send('provisioning.adoptRegister', {
        ...target(node2), name: value, tags: [value], apiAddress: '127.0.0.12:5001', gatewayAddress: '127.0.0.12:8080',
      });
      expect(register).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await send('provisioning.preflight', { ...target(bare), dataPath: value })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // Absolute paths are accepted, and reach df as one literal argument.
    const report = await call('provisioning.preflight', { ...target(bare), dataPath: '/srv/$(touch /tmp/pwned-x)`touch /tmp/pwned-x`;id', listenHost: bare.address });
    expect(report.findings.find((f) => f.check === 'disk')).toMatchObject({ status: 'fail' });
    expect(await existsOnServer(bare, PWNED)).toBe(false);
    expect(fs.existsSync(PWNED)).toBe(false);
    expect((await call('nodes.list', {})).map((n) => n.name)).toEqual(['node2']);
  });
});
