// `pinfleet nodes update`: only the flags given become changes, and the output says what the admin
// must confirm again after a move.
import { describe, expect, it } from 'vitest';
import { describeUpdate, nodeChangesFromFlags } from '../../../src-main/cli/commands/nodes.js';
import { UsageError } from '../../../src-main/cli/args.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';

const node: NodeRecord = {
  id: 1, name: 'alpha', host: '10.0.0.1', sshPort: 22, sshUser: 'root', hostKeyFingerprint: `SHA256:${'A'.repeat(43)}`, tags: [],
  region: null, priority: 0, state: 'active', notes: '', apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080',
  apiUrl: null, kuboContainer: null, createdAt: '', updatedAt: '',
};

describe('nodes update', () => {
  it('turns only the given flags into changes; "none" clears', () => {
    expect(nodeChangesFromFlags({ host: 'h2', port: '2222', tags: 'a,b', 'api-url': 'none', state: 'draining' })).toEqual({
      host: 'h2', sshPort: 2222, tags: ['a', 'b'], apiUrl: null, state: 'draining',
    });
    expect(() => nodeChangesFromFlags({})).toThrow(UsageError);
  });

  it('passes --host-key on, so the router refuses it in its own words', () => {
    expect(nodeChangesFromFlags({ 'host-key': 'SHA256:x' })).toEqual({ hostKeyFingerprint: 'SHA256:x' });
  });

  it('names what to confirm again', () => {
    const moved = { ...node, host: '10.0.0.2', hostKeyFingerprint: null };
    expect(describeUpdate(node, { ...node, tags: ['x'] }, true, true)).toEqual(['Updated alpha.']);
    expect(describeUpdate(node, moved, false, false).join('\n')).toMatch(/host key pin was cleared[\s\S]*pinfleet hostkeys trust alpha/);
    expect(describeUpdate(node, { ...moved, apiUrl: 'https://n:5001' }, true, false).join('\n')).toMatch(/RPC credential was dropped.*https:\/\/n:5001/);
  });
});
