import { describe, expect, it } from 'vitest';
import {
  fingerprintProblem,
  hasControlCharacters,
  hostPortProblem,
  hostProblem,
  nodeNameProblem,
  portProblem,
} from '../../../src-preload/contract/validators.js';

describe('hostProblem', () => {
  it.each([
    'node1', 'ipfs-1.example.com', 'example.com.', '10.0.0.5', '127.0.0.11', '::1', '[2001:db8::1]', 'fe80::1', 'a'.repeat(63),
  ])('accepts %s', (host) => expect(hostProblem(host)).toBeNull());

  it.each([
    ['', 'is empty'],
    [' node1', 'spaces'],
    ['-node', 'not a host name'],
    ['node_1', 'not a host name'],
    ['999.1.1.1', 'not a host name'],
    ['a'.repeat(64), 'not a host name'],
    ['exa mple.com', 'not a host name'],
    ['node\n1', 'control characters'],
    ['$(touch /tmp/pwned)', 'not a host name'],
    ['evil\u202ecom', 'control characters'],
  ])('refuses %j (%s)', (host, why) => expect(hostProblem(host)).toContain(why));
});

describe('portProblem', () => {
  it.each([1, 22, 65535])('accepts %i', (port) => expect(portProblem(port)).toBeNull());
  it.each([[0], [65536], [70000], [-1], [22.5], ['22']])('refuses %j', (port) => expect(portProblem(port)).not.toBeNull());
  it('says what a port is', () => expect(portProblem(70000)).toBe('70000 is not a port: use 1–65535'));
});

describe('other fields', () => {
  it('node names are short and typeable', () => {
    expect(nodeNameProblem('node-1.eu')).toBeNull();
    expect(nodeNameProblem('../etc')).toContain('not a node name');
    expect(nodeNameProblem('')).toBe('is empty');
  });
  it('fingerprints look like ssh-keygen -lf output', () => {
    expect(fingerprintProblem('SHA256:' + 'A'.repeat(43))).toBeNull();
    expect(fingerprintProblem('MD5:aa:bb')).not.toBeNull();
  });
  it('host:port', () => {
    expect(hostPortProblem('127.0.0.1:5001')).toBeNull();
    expect(hostPortProblem('[::1]:5001')).toBeNull();
    expect(hostPortProblem('127.0.0.1')).toContain('host:port');
    expect(hostPortProblem('127.0.0.1:0')).toContain('not a port');
  });
  it('control characters', () => {
    expect(hasControlCharacters('ok text – ünïcode')).toBe(false);
    expect(hasControlCharacters('bell\u0007')).toBe(true);
    expect(hasControlCharacters('c1\u0085')).toBe(true);
  });
});
