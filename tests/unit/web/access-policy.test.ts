import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  checkBindAddress,
  contentSecurityPolicy,
  isAllowedHostHeader,
  isAllowedOrigin,
  isLoopbackHost,
  tokenMatches,
} from '../../../src-main/web/access-policy.js';

describe('where the web transport may listen', () => {
  it.each(['127.0.0.1', '127.0.0.11', 'localhost', '::1', '[::1]'])('loopback %s is fine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(() => checkBindAddress({ host, allowRemote: false, tls: false })).not.toThrow();
  });

  it('refuses any other address without --allow-remote', () => {
    expect(() => checkBindAddress({ host: '0.0.0.0', allowRemote: false, tls: false })).toThrow(/Refusing to listen on 0.0.0.0/);
    expect(() => checkBindAddress({ host: '192.168.1.5', allowRemote: false, tls: true })).toThrow(/--allow-remote/);
  });

  it('refuses --allow-remote without TLS, accepts it with', () => {
    expect(() => checkBindAddress({ host: '0.0.0.0', allowRemote: true, tls: false })).toThrow(/--tls-cert/);
    expect(() => checkBindAddress({ host: '0.0.0.0', allowRemote: true, tls: true })).not.toThrow();
  });
});

describe('which requests are trusted', () => {
  const hosts = ['127.0.0.1:4000', 'localhost:4000'];
  const origins = ['http://127.0.0.1:4000', 'http://localhost:4000'];

  it('checks the Host header against DNS rebinding', () => {
    expect(isAllowedHostHeader('127.0.0.1:4000', hosts)).toBe(true);
    expect(isAllowedHostHeader('evil.example:4000', hosts)).toBe(false);
    expect(isAllowedHostHeader(undefined, hosts)).toBe(false);
  });

  it('checks Origin when a browser sends one', () => {
    expect(isAllowedOrigin('http://127.0.0.1:4000', origins)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4001', origins)).toBe(false);
    expect(isAllowedOrigin('null', origins)).toBe(false);
    expect(isAllowedOrigin(undefined, origins)).toBe(true);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
    expect(bearerToken('Bearer xyz')).toBe('xyz');
    expect(bearerToken('Basic xyz')).toBeNull();
  });

  it('serves a CSP with no unsafe sources', () => {
    const csp = contentSecurityPolicy('ws://127.0.0.1:4000');
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4000");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
