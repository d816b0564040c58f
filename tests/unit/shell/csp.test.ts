import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, withContentSecurityPolicy } from '../../../src-main/shell/csp.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/u);
      return [name, sources];
    }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const parsed = directives(CONTENT_SECURITY_POLICY);

  it.each([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
  ])('%s is exactly %j', (name, sources) => {
    expect(parsed.get(name)).toEqual(sources);
  });

  it('has no other directive', () => {
    expect(parsed.size).toBe(10);
  });

  it('allows no inline code, eval, wildcard or remote scheme', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-/u);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\*|https?:|blob:|filesystem:|ws:/u);
  });
});

describe('withContentSecurityPolicy', () => {
  it('adds the policy and keeps the other headers', () => {
    const headers = withContentSecurityPolicy({ 'Content-Type': ['text/html'] });
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('replaces a weaker policy sent in any letter case', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["default-src * 'unsafe-inline'"],
      'CONTENT-SECURITY-POLICY': "script-src 'unsafe-eval'",
    });
    expect(Object.keys(headers)).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('works when the response had no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
