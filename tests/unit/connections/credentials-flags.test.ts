import { describe, expect, it } from 'vitest';
import { credentialsInputFromFlags } from '../../../src-main/cli/commands/credentials.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n';

describe('credentialsInputFromFlags', () => {
  it.each([
    [{ agent: true }, null, { name: 'n', method: 'agent' }],
    [{ 'key-file': '/k' }, null, { name: 'n', method: 'keyFile', keyPath: '/k' }],
    [{ 'key-file': '/k', 'passphrase-stdin': true }, 'pp\n', { name: 'n', method: 'keyFile', keyPath: '/k', passphrase: 'pp' }],
    [{ 'password-stdin': true }, 'pw with spaces\r\n', { name: 'n', method: 'password', password: 'pw with spaces' }],
    [{ 'key-stdin': true }, KEY, { name: 'n', method: 'storedKey', privateKey: KEY }],
    [{ 'key-stdin': true, 'passphrase-stdin': true }, `pp\n${KEY}`, { name: 'n', method: 'storedKey', privateKey: KEY, passphrase: 'pp' }],
  ])('%o', (flags, stdin, expected) => {
    expect(credentialsInputFromFlags('n', flags, stdin)).toEqual(expected);
  });

  it.each([[{}], [{ agent: true, 'key-file': '/k' }], [{ agent: true, 'passphrase-stdin': true }]])('refuses %o', (flags) => {
    expect(() => credentialsInputFromFlags('n', flags, null)).toThrow();
  });
});
