import { describe, expect, it } from 'vitest';
import { buildConnectConfig, secretsOf, splitHostPort } from '../../../src-main/connections/connect-config.js';
import { parseDockerHost } from '../../../src-main/connections/docker-host.js';

const node = { host: '127.0.0.11', sshPort: 22, sshUser: 'root' };
const verifier = () => true;

describe('buildConnectConfig', () => {
  it('bounds waits, keeps the link alive and forwards nothing back', () => {
    const config = buildConnectConfig(node, { kind: 'agent', agentSocket: '/tmp/agent.sock' }, verifier);
    expect(config).toMatchObject({ host: '127.0.0.11', port: 22, username: 'root', keepaliveInterval: 15_000, keepaliveCountMax: 3, agentForward: false, agent: '/tmp/agent.sock' });
    expect(config.readyTimeout).toBeLessThanOrEqual(20_000);
    expect(config.hostVerifier).toBe(verifier);
  });

  it('never lets a caller stretch the ready timeout beyond 20 s', () => {
    expect(buildConnectConfig(node, null, verifier, { readyTimeoutMs: 120_000 }).readyTimeout).toBe(20_000);
    expect(buildConnectConfig(node, null, verifier, { readyTimeoutMs: 2_000 }).readyTimeout).toBe(2_000);
  });

  it.each([
    [{ kind: 'key', privateKey: 'PEM', passphrase: 'pp' } as const, { privateKey: 'PEM', passphrase: 'pp' }],
    [{ kind: 'key', privateKey: 'PEM' } as const, { privateKey: 'PEM' }],
    [{ kind: 'password', password: 'pw' } as const, { password: 'pw', tryKeyboard: true }],
  ])('%o → %o', (auth, expected) => {
    expect(buildConnectConfig(node, auth, verifier)).toMatchObject(expected);
  });

  it('a probe (no auth) carries no credentials', () => {
    const config = buildConnectConfig(node, null, verifier);
    expect(config.privateKey).toBeUndefined();
    expect(config.password).toBeUndefined();
    expect(config.agent).toBeUndefined();
  });

  it('lists the secrets to redact', () => {
    expect(secretsOf({ kind: 'password', password: 'pw12' })).toEqual(['pw12']);
    expect(secretsOf({ kind: 'agent', agentSocket: '/s' })).toEqual([]);
  });
});

describe('splitHostPort', () => {
  it.each([
    ['127.0.0.1:5001', '127.0.0.1', 5001],
    ['[::1]:5001', '::1', 5001],
    ['ipfs.internal:80', 'ipfs.internal', 80],
  ])('%s', (address, host, port) => {
    expect(splitHostPort(address)).toEqual({ host, port });
  });

  it('refuses what is not host:port', () => {
    expect(() => splitHostPort('127.0.0.1')).toThrow(/host:port/);
  });
});

describe('parseDockerHost', () => {
  it.each([
    ['', { kind: 'unix', path: '/var/run/docker.sock' }],
    ['\n', { kind: 'unix', path: '/var/run/docker.sock' }],
    ['unix:///run/pinfleet/docker.sock\n', { kind: 'unix', path: '/run/pinfleet/docker.sock' }],
    ['tcp://127.0.0.1:2375', { kind: 'tcp', host: '127.0.0.1', port: 2375 }],
    ['tcp://[::1]:2376', { kind: 'tcp', host: '::1', port: 2376 }],
  ])('%j', (value, expected) => {
    expect(parseDockerHost(value, 'node1')).toEqual(expected);
  });

  it.each(['ssh://user@host', 'unix://relative.sock', 'npipe:////./pipe/docker'])('refuses %s with remote_failed', (value) => {
    expect(() => parseDockerHost(value, 'node1')).toThrow(expect.objectContaining({ code: 'remote_failed' }));
  });
});
