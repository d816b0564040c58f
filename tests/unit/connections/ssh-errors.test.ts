import { describe, expect, it } from 'vitest';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { classifyConnectError, connectError, redactSecrets } from '../../../src-main/connections/ssh-errors.js';

const node = { name: 'node1', host: '127.0.0.11', port: 22, user: 'root' };
const err = (message: string, extra: Record<string, string> = {}) => Object.assign(new Error(message), extra);

describe('classifyConnectError', () => {
  it.each([
    [err('Timed out while waiting for handshake', { level: 'client-timeout' }), 'timeout'],
    [err('connect ETIMEDOUT 127.0.0.11:22', { code: 'ETIMEDOUT' }), 'timeout'],
    [err('connect ECONNREFUSED 127.0.0.11:22', { code: 'ECONNREFUSED' }), 'unreachable'],
    [err('connect EHOSTUNREACH', { code: 'EHOSTUNREACH' }), 'unreachable'],
    [err('getaddrinfo ENOTFOUND nowhere', { code: 'ENOTFOUND' }), 'unreachable'],
    [err('read ECONNRESET', { code: 'ECONNRESET' }), 'unreachable'],
    [err('All configured authentication methods failed', { level: 'client-authentication' }), 'auth_failed'],
    [err('Encrypted private OpenSSH key detected, but no passphrase given'), 'auth_failed'],
    [err('something else entirely'), 'unreachable'],
  ])('%s → %s', (error, code) => {
    const { code: got, message } = classifyConnectError(node, error, 20_000);
    expect(got).toBe(code);
    expect(message).toContain('node1');
  });

  it('says how long it waited on a timeout', () => {
    expect(classifyConnectError(node, err('x', { level: 'client-timeout' }), 20_000).message).toContain('20 s');
  });

  it('passes PinfleetErrors (a refused host key) through unchanged', () => {
    const refusal = new PinfleetError('host_key_mismatch', 'both keys');
    expect(connectError(node, refusal, 20_000)).toBe(refusal);
  });

  it('scrubs secrets from messages', () => {
    const error = connectError(node, err('bad passphrase hunter2-secret given'), 20_000, ['hunter2-secret']);
    expect(error.message).not.toContain('hunter2-secret');
    expect(error.message).toContain('[redacted]');
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence and ignores empty or tiny values', () => {
    expect(redactSecrets('pw=s3cret; again s3cret', ['s3cret', '', undefined, 'ab'])).toBe('pw=[redacted]; again [redacted]');
  });
});
