import { describe, expect, it } from 'vitest';
import { authorizationsFor, rpcTokenFor, rpcTokenRef, sameAuthorizations } from '../../../src-main/provisioning/provision/rpc-token.js';
import { MemorySecrets } from '../../support/memory-secrets.js';


describe('the wizard RPC token', () => {
  it('is made once per server and container, then found again (a re-run changes nothing)', async () => {
    const secrets = new MemorySecrets();
    const first = await rpcTokenFor(secrets, 'Node.Example', 'pinfleet-kubo');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await rpcTokenFor(secrets, 'node.example', 'pinfleet-kubo')).toBe(first);
    expect(await rpcTokenFor(secrets, 'node.example', 'other')).not.toBe(first);
    expect([...secrets.values.keys()]).toContain(rpcTokenRef('node.example', 'pinfleet-kubo'));
  });

  it('is refused without a secret store to keep it in', async () => {
    await expect(rpcTokenFor(undefined, 'h', 'c')).rejects.toThrow(/no secret store/);
  });

  it("compares kubo's API.Authorizations whatever its key order", () => {
    const wanted = authorizationsFor('t0k');
    expect(wanted).toEqual({ pinfleet: { AuthSecret: 'bearer:t0k', AllowedPaths: ['/api/v0'] } });
    expect(sameAuthorizations({ pinfleet: { AllowedPaths: ['/api/v0'], AuthSecret: 'bearer:t0k' } }, wanted)).toBe(true);
    expect(sameAuthorizations({ pinfleet: { AllowedPaths: ['/api/v0'], AuthSecret: 'bearer:other' } }, wanted)).toBe(false);
    expect(sameAuthorizations(null, wanted)).toBe(false);
    expect(sameAuthorizations({ ...wanted, someoneElse: { AuthSecret: 'basic:a:b', AllowedPaths: ['/'] } }, wanted)).toBe(false);
  });
});

describe('the rpcToken option', () => {
  const base = {
    host: '10.0.0.9', fingerprint: `SHA256:${'A'.repeat(43)}`, login: { method: 'agent' as const }, name: 'node9', dataPath: '/srv/ipfs',
  };

  it('is refused together with a Cluster peer, which would not send kubo the token', async () => {
    const { provisionInput } = await import('../../../src-preload/contract/provisioning-schemas.js');
    expect(provisionInput.safeParse({ ...base, rpcToken: true }).success).toBe(true);
    expect(provisionInput.safeParse({ ...base, clusterPeer: true }).success).toBe(true);
    const both = provisionInput.safeParse({ ...base, rpcToken: true, clusterPeer: true });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]).toMatchObject({ path: ['rpcToken'], message: expect.stringContaining('clusterPeer cannot be combined') as unknown });
  });
});
