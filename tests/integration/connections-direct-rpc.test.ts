// kubo's RPC at a direct URL with API.Authorizations, against a real kubo daemon
// this test starts on 127.0.0.31 with one bearer and one basic credential: no credential is refused
// with kubo_auth_failed; the right one lets health read the real repo/stat figures; a streamed add
// goes through the proxy with the expected CID; the credential also rides the SSH tunnel (through
// the bare fleet server's sshd); and the secrets never land in SQLite or in any log line.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { createConnections, type Connections } from '../../src-main/connections/index.js';
import { kuboCall } from '../../src-main/health/kubo-rpc.js';
import { NodeReader } from '../../src-main/health/read-node.js';
import { openStorage, type Inventory } from '../../src-main/inventory/index.js';
import { EventBus } from '../../src-main/core/events.js';
import { FileSecretStore } from '../../src-main/secrets/file-secret-store.js';
import { kuboAdd } from '../../src-main/uploads/kubo-add.js';
import { CHUNKER } from '../../src-main/uploads/local-cid.js';
import { readUploadSource } from '../../src-main/uploads/upload-source.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import { serverNamed } from '../fleet/fleet-description.js';
import { DAEMON_API, onlyHashCid, startAuthorizedKubo, type AuthorizedKubo } from './connections-kubo-daemon.js';

const fleet = inject('fleet');
const token = `tok-${randomBytes(18).toString('hex')}`;
const user = 'operator';
const password = `pw-${randomBytes(18).toString('hex')}`;
const basicBase64 = Buffer.from(`${user}:${password}`).toString('base64');
const secretsToHide = [token, password, basicBase64];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-direct-rpc-'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-direct-rpc-files-'));
const logged: string[] = [];
const store = () => new FileSecretStore({ dataDir, passphrase: 'direct-rpc-test', kdf: { N: 1024, r: 8, p: 1 } });

let kubo: AuthorizedKubo;
let app: AppContext;
let inventory: Inventory;
let connections: Connections;
let closeStorage: () => void;
const restore: (() => void)[] = [];

/** Every line this process prints while the test runs, to prove no secret is among them. */
function captureOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original));
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : String(a))).join(' '));
      original(...args);
    };
    restore.push(() => (console[level] = original));
  }
}

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

async function failure<C extends ChannelName>(channel: C, input?: ChannelInput<C>) {
  const result = await app.router.call(channel, input);
  if (result.ok) throw new Error(`${channel} succeeded, a failure was expected`);
  return result.error;
}

beforeAll(async () => {
  captureOutput();
  kubo = await startAuthorizedKubo(fleet.binaries.ipfs, { token, user, password });
  app = createAppContext({ dataDir, actor: 'test', secrets: store() });
  // A second view of the same data folder, as the CLI beside the app would have, whose connector
  // the health reader and the upload stream use directly; its log lines are kept too.
  const opened = openStorage({ dataDir });
  inventory = opened.inventory;
  closeStorage = () => opened.inventory.close();
  connections = createConnections({ inventory, db: opened.opened.db, secrets: store(), bus: new EventBus(), actor: 'test', log: (m) => logged.push(m) });
  await call('nodes.add', { name: 'direct1', host: '127.0.0.31', apiUrl: kubo.apiUrl });
}, 120_000);

afterAll(async () => {
  await connections?.close();
  closeStorage?.();
  await app?.close();
  await kubo?.stop();
  for (const undo of restore.reverse()) undo();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('direct kubo RPC URL with API.Authorizations', () => {
  it('refuses a node without a credential with kubo_auth_failed, naming the fix', async () => {
    const status = await call('credentials.get', { name: 'direct1' });
    expect(status.api).toEqual({ mode: 'direct', url: kubo.apiUrl, credential: null, warnings: [] });
    const error = await failure('nodes.runGc', { name: 'direct1' });
    expect(error.code).toBe('kubo_auth_failed');
    expect(error.message).toContain(`kubo at http://${DAEMON_API}`);
    expect(error.message).toContain('pinfleet credentials set direct1 --api-token-stdin');
    await call('health.pollNow', { name: 'direct1' });
    const health = await call('health.node', { name: 'direct1' });
    expect(health.state).toBe('unreachable');
    expect(health.reason).toContain('requires an RPC credential');
  });

  it('refuses a wrong token with kubo_auth_failed', async () => {
    await call('credentials.setApi', { name: 'direct1', scheme: 'bearer', token: 'not-the-token' });
    const error = await failure('nodes.runGc', { name: 'direct1' });
    expect(error.code).toBe('kubo_auth_failed');
    expect(error.message).toContain('refused the RPC credential of direct1');
  });

  it('with the right token, health reads the repo figures kubo itself reports', async () => {
    const status = await call('credentials.setApi', { name: 'direct1', scheme: 'bearer', token });
    expect(status.api?.credential).toBe('bearer');
    expect(status.api?.warnings).toEqual([]); // http:// to a loopback address: nothing travels off the machine
    const reading = await new NodeReader(connections.connector).read(inventory.getNode('direct1'), { timeoutMs: 10_000, dataPathFallback: '/' });
    const own = JSON.parse(await kubo.ipfs(['repo', 'stat', '--size-only', '--enc=json'])) as { RepoSize: number; StorageMax: number };
    expect(reading.repo).toEqual({ ok: true, value: { repoSize: own.RepoSize, storageMax: own.StorageMax } });
    const id = JSON.parse(await kubo.ipfs(['id', '--enc=json'])) as { ID: string };
    expect(reading.peerId).toEqual({ ok: true, value: id.ID });
    // No SSH login: kubo's figures stand, the disk is unknown, and the node says so.
    expect(reading.disk.ok).toBe(false);
    await call('health.pollNow', { name: 'direct1' });
    const health = await call('health.node', { name: 'direct1' });
    expect(health.state).toBe('degraded');
    expect(health.reason).toContain('disk free unknown');
    expect(health.peerId).toBe(id.ID);
  });

  it('works with the basic credential too', async () => {
    await call('credentials.setApi', { name: 'direct1', scheme: 'basic', user, password });
    const result = await call('nodes.runGc', { name: 'direct1' });
    const own = JSON.parse(await kubo.ipfs(['repo', 'stat', '--size-only', '--enc=json'])) as { RepoSize: number };
    expect(result.repoSize).toBe(own.RepoSize);
  });

  it('streams an add through the proxy and gets the CID kubo computes offline', async () => {
    await call('credentials.setApi', { name: 'direct1', scheme: 'bearer', token });
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const file = path.join(work, 'payload.bin');
    fs.writeFileSync(file, bytes);
    const url = await connections.connector.kuboApiUrl(inventory.getNode('direct1'));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Uploads ask for a request target: with a direct URL it is the proxy, never a channel agent.
    expect(await connections.connector.kuboRequestTarget!(inventory.getNode('direct1'))).toEqual({ baseUrl: url });
    const { cid } = await kuboAdd(url, await readUploadSource(file));
    expect(cid).toBe(await onlyHashCid(fleet.binaries.ipfs, bytes, CHUNKER));
    expect(await kubo.ipfs(['pin', 'ls', '--type=recursive', '--quiet', cid])).toBe(cid);
  });

  it('sends the credential through the SSH tunnel when the node is reached over SSH', async () => {
    const bare = serverNamed(fleet, 'bare');
    // The bare server's sshd forwards to the daemon on 127.0.0.31: the tunnel path, with a kubo that wants a credential.
    await call('nodes.add', {
      name: 'tunnelled1',
      host: bare.ssh.host,
      sshPort: bare.ssh.port,
      sshUser: bare.ssh.user,
      hostKeyFingerprint: bare.ssh.hostKeyFingerprint,
      apiAddress: DAEMON_API,
    });
    await call('credentials.set', { name: 'tunnelled1', method: 'keyFile', keyPath: fleet.clientKeyPath });
    const node = () => inventory.getNode('tunnelled1');
    const bareTunnel = await connections.connector.kuboApiUrl(node());
    await expect(kuboCall(bareTunnel, 'id')).rejects.toMatchObject({ code: 'kubo_auth_failed' });
    const status = await call('credentials.setApi', { name: 'tunnelled1', scheme: 'bearer', token });
    expect(status.api).toMatchObject({ mode: 'tunnel', credential: 'bearer' });
    const answer = (await kuboCall(await connections.connector.kuboApiUrl(node()), 'id')) as { ID: string };
    expect(answer.ID).toBe((JSON.parse(await kubo.ipfs(['id', '--enc=json'])) as { ID: string }).ID);
    // An upload's add with a credential goes through the proxy (which adds it), not a bare channel:
    // kubo refuses anything without it, so the CID coming back proves the credential was sent.
    const target = await connections.connector.kuboRequestTarget!(node());
    expect(target).toEqual({ baseUrl: await connections.connector.kuboApiUrl(node()) });
    const bytes = randomBytes(600_000);
    const file = path.join(work, 'tunnelled.bin');
    fs.writeFileSync(file, bytes);
    const { cid } = await kuboAdd(target.baseUrl, await readUploadSource(file), { agent: target.agent });
    expect(cid).toBe(await onlyHashCid(fleet.binaries.ipfs, bytes, CHUNKER));
  });

  it('without a credential, an upload\'s add through the SSH channel agent is refused by a kubo that wants one', async () => {
    await call('credentials.setApi', { name: 'tunnelled1', scheme: 'none' });
    const node = inventory.getNode('tunnelled1');
    const target = await connections.connector.kuboRequestTarget!(node);
    expect(target.agent).toBeDefined();
    const file = path.join(work, 'refused.bin');
    fs.writeFileSync(file, randomBytes(1000));
    await expect(kuboAdd(target.baseUrl, await readUploadSource(file), { agent: target.agent })).rejects.toMatchObject({ code: 'remote_failed' });
  });

  it('warns when a credential would travel in the clear to another machine', async () => {
    await call('nodes.update', { name: 'direct1', changes: { apiUrl: 'http://kubo.example:5001' } });
    // A new URL drops the credential meant for the old one: nothing goes there until it is set again.
    expect((await call('credentials.get', { name: 'direct1' })).api).toMatchObject({ credential: null, warnings: [] });
    await call('credentials.setApi', { name: 'direct1', scheme: 'bearer', token });
    const status = await call('credentials.get', { name: 'direct1' });
    expect(status.api?.warnings.map((w) => w.code)).toEqual(['rpc_credential_cleartext']);
    // Opening the proxy (no request is sent anywhere) logs the warning once, without the secret.
    await connections.connector.kuboApiUrl(inventory.getNode('direct1'));
    expect(logged.some((line) => line.includes('rpc_credential_cleartext') && line.includes('kubo.example:5001'))).toBe(true);
    await call('nodes.update', { name: 'direct1', changes: { apiUrl: kubo.apiUrl } });
    await call('credentials.setApi', { name: 'direct1', scheme: 'bearer', token });
  });

  it('keeps every secret out of SQLite and out of every log line', async () => {
    const files = fs.readdirSync(dataDir).filter((f) => f.startsWith('inventory.sqlite'));
    expect(files).toContain('inventory.sqlite');
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dataDir, file));
      for (const secret of secretsToHide) expect(bytes.includes(Buffer.from(secret)), `${secret.slice(0, 6)}… in ${file}`).toBe(false);
    }
    const sealed = fs.readFileSync(store().file);
    for (const secret of secretsToHide) expect(sealed.includes(Buffer.from(secret))).toBe(false);
    const everything = logged.join('\n');
    for (const secret of secretsToHide) expect(everything.includes(secret)).toBe(false);
  });
});
