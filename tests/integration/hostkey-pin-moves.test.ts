// A node moved to another address is not logged in to until the admin confirms the new server's key.
// node1 logs in with a stored private key that every fleet server accepts, so the only thing between
// that key and node2 is the pin. The fingerprint cannot ride along with the new host (nodes.update
// refuses it); moving the host clears the pin, and the next poll stops at the host key: node2's
// sshd sees the connection but no authentication attempt, until hostKeys.trust.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { nodesCommand } from '../../src-main/cli/commands/nodes.js';
import { createOutput } from '../../src-main/cli/output.js';
import { FileSecretStore } from '../../src-main/secrets/file-secret-store.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import { serverNamed } from '../fleet/fleet-description.js';
import { sshServerPaths } from '../fleet/ssh-server.js';

const fleet = inject('fleet');
const node1 = serverNamed(fleet, 'node1');
const node2 = serverNamed(fleet, 'node2');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-pin-moves-'));
let app: AppContext;

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

/** What node2's sshd logs (LogLevel VERBOSE) from now on. */
function sshdLogFrom(): () => string {
  const file = sshServerPaths(fleet.stateDir, 'node2').log;
  const start = fs.statSync(file).size;
  return () => fs.readFileSync(file).subarray(start).toString('utf8');
}

async function cli(...argv: string[]): Promise<string> {
  let printed = '';
  const [sub, ...args] = argv;
  const flags: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i]!.startsWith('--')) flags[args[i]!.slice(2)] = args[++i]!;
    else positionals.push(args[i]!);
  }
  await nodesCommand(sub, { args: positionals, flags, out: createOutput(false, (t) => (printed += t)), dataDir, app: () => app });
  return printed;
}

describe('moving a node clears its host-key pin', () => {
  beforeAll(async () => {
    const secrets = new FileSecretStore({ dataDir, passphrase: 'pin-moves test', kdf: { N: 1024, r: 8, p: 1 } });
    app = createAppContext({ dataDir, actor: 'test', secrets, poller: { intervalMs: 60_000, nodeTimeoutMs: 15_000 } });
    await call('nodes.add', {
      name: 'node1',
      host: node1.ssh.host,
      sshPort: node1.ssh.port,
      sshUser: node1.ssh.user,
      hostKeyFingerprint: node1.ssh.hostKeyFingerprint,
      apiAddress: `${node1.kubo!.api.host}:${node1.kubo!.api.port}`,
      gatewayAddress: `${node1.kubo!.gateway.host}:${node1.kubo!.gateway.port}`,
    });
    // A stored key: the secret the console would send to whatever server the node points at.
    await call('credentials.set', { name: 'node1', method: 'storedKey', privateKey: fs.readFileSync(fleet.clientKeyPath, 'utf8') });
  });

  afterAll(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('polls node1 under its pin', async () => {
    await call('health.pollNow', { name: 'node1' });
    expect((await call('health.node', { name: 'node1' })).state).toBe('online');
  });

  it('refuses nodes.update with a fingerprint, even beside a new host, and changes nothing', async () => {
    const answer = await app.router.call('nodes.update', { name: 'node1', changes: { host: node2.ssh.host, hostKeyFingerprint: node2.ssh.hostKeyFingerprint } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('pinfleet hostkeys trust') } });
    expect(await call('nodes.get', { name: 'node1' })).toMatchObject({ host: node1.ssh.host, hostKeyFingerprint: node1.ssh.hostKeyFingerprint });
    await expect(cli('update', 'node1', '--host', node2.ssh.host, '--host-key', node2.ssh.hostKeyFingerprint)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('a new host clears the pin; the next poll reaches node2 but never authenticates until hostkeys trust', async () => {
    const printed = await cli('update', 'node1', '--host', node2.ssh.host);
    expect(printed).toContain('The host key pin was cleared');
    expect(printed).toContain('pinfleet hostkeys trust node1');
    expect((await call('nodes.get', { name: 'node1' })).hostKeyFingerprint).toBeNull();

    const log = sshdLogFrom();
    await call('health.pollNow', { name: 'node1' });
    const health = await call('health.node', { name: 'node1' });
    expect(health.state).toBe('unreachable');
    expect(health.reason).toContain('not pinned yet');
    expect(health.reason).toContain(node2.ssh.hostKeyFingerprint);
    // node2's sshd saw the poll arrive and end before any authentication: no key, no password offered.
    expect(log()).toMatch(/Connection from .* port \d+ on [\d.]+ port \d+/);
    expect(log()).not.toMatch(/publickey|password|Accepted|keyboard-interactive/i);

    const check = await call('hostKeys.check', { name: 'node1' });
    expect(check).toMatchObject({ status: 'unknown', fingerprint: node2.ssh.hostKeyFingerprint, pinned: null });
    await call('hostKeys.trust', { name: 'node1', fingerprint: node2.ssh.hostKeyFingerprint });
    await call('health.pollNow', { name: 'node1' });
    expect((await call('health.node', { name: 'node1' })).state).toBe('online');
    // The same log now shows the login: the check above could see one.
    expect(log()).toMatch(/Accepted publickey for root/);
  });
});
