import { describe, expect, it } from 'vitest';
import { IdentityCache } from '../../../src-main/health/identity-cache.js';

const identity = { version: '0.43.0', peerId: '12D3KooWtest' };

function cacheAt(start = 1_000_000) {
  let now = start;
  const cache = new IdentityCache(60_000, () => now);
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('IdentityCache', () => {
  it('asks the first time, then reuses the answer within the TTL', () => {
    const { cache, advance } = cacheAt();
    expect(cache.fresh('node1')).toBeNull();
    cache.observe('node1', { read: identity, answered: true, startedAt: '2026-11-22T00:00:00Z' });
    advance(59_999);
    expect(cache.fresh('node1')).toEqual(identity);
  });

  it('asks again once the answer is older than the TTL (kubo outside Docker)', () => {
    const { cache, advance } = cacheAt();
    cache.observe('node1', { read: identity, answered: true, startedAt: null });
    advance(60_000);
    expect(cache.fresh('node1')).toBeNull();
  });

  it('asks again after the container started again (an upgrade restarts it)', () => {
    const { cache } = cacheAt();
    cache.observe('node1', { read: identity, answered: true, startedAt: '2026-11-22T00:00:00Z' });
    cache.observe('node1', { read: null, answered: true, startedAt: '2026-11-22T00:00:00Z' });
    expect(cache.fresh('node1')).toEqual(identity);
    cache.observe('node1', { read: null, answered: true, startedAt: '2026-11-22T01:00:00Z' });
    expect(cache.fresh('node1')).toBeNull();
  });

  it('asks again after a poll kubo did not answer (it may come back as another kubo)', () => {
    const { cache } = cacheAt();
    cache.observe('node1', { read: identity, answered: true, startedAt: null });
    cache.observe('node1', { read: null, answered: false, startedAt: null });
    expect(cache.fresh('node1')).toBeNull();
  });

  it('keeps nodes apart and forgets a removed node', () => {
    const { cache } = cacheAt();
    cache.observe('node1', { read: identity, answered: true, startedAt: null });
    expect(cache.fresh('node2')).toBeNull();
    cache.forget('node1');
    expect(cache.fresh('node1')).toBeNull();
  });
});
