import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../../src-preload/contract/types';
import {
  describeDraftErrors,
  addressChangeNotice,
  draftChanges,
  draftFromNode,
  draftToInput,
  emptyDraft,
  validateDraft,
  type NodeDraft,
} from '../../../src-renderer/shared/node-form/node-draft';

const valid = (fields: Partial<NodeDraft> = {}): NodeDraft => ({ ...emptyDraft(), name: 'alpha', host: '10.0.0.1', ...fields });

describe('validateDraft', () => {
  it('accepts a minimal node with the defaults', () => {
    expect(validateDraft(valid())).toEqual({});
  });

  it('judges fields with the contract’s validators, in the router’s words', () => {
    const errors = validateDraft(valid({ sshPort: '70000' }));
    expect(errors).toEqual({ sshPort: '70000 is not a port: use 1–65535' });
    expect(describeDraftErrors(errors)).toBe('sshPort: 70000 is not a port: use 1–65535');
  });

  it.each([
    [{ name: '' }, 'name', 'is empty'],
    [{ host: '999.1.1.1' }, 'host', '"999.1.1.1" is not a host name (RFC 1123) or an IP address'],
    [{ sshPort: '2x' }, 'sshPort', 'must be a whole number'],
    [{ sshPort: '' }, 'sshPort', 'must be a whole number'],
    [{ priority: '5000' }, 'priority', '5000 is out of range: use -1000 to 1000'],
    [{ tags: 'ok -bad' }, 'tags', '"-bad" is not a tag: use letters, digits and : . _ / - (at most 63)'],
    [{ hostKeyFingerprint: 'MD5:aa' }, 'hostKeyFingerprint', 'must look like SHA256:… (43 base64 characters), as ssh-keygen -lf prints'],
    [{ apiAddress: 'localhost' }, 'apiAddress', '"localhost" must be host:port'],
  ] as const)('%j → %s %s', (fields, field, message) => {
    expect(validateDraft(valid(fields))[field]).toBe(message);
  });

  it('lets notes span lines but refuses other control characters, as the contract does', () => {
    expect(validateDraft(valid({ notes: 'rack 4\r\nshelf\t2\n' }))).toEqual({});
    expect(validateDraft(valid({ notes: 'bell\u0007' })).notes).toBe('contains control characters');
    expect(validateDraft(valid({ region: 'eu\nwest' })).region).toBe('contains control characters');
  });

  it('lists several problems in form order', () => {
    expect(describeDraftErrors(validateDraft(valid({ sshPort: '0', name: '' })))).toBe(
      'name: is empty; sshPort: 0 is not a port: use 1–65535',
    );
  });
});

describe('draft ↔ contract input', () => {
  it('trims, parses numbers and tags, and turns blanks into null', () => {
    expect(draftToInput(valid({ name: ' alpha ', sshPort: ' 2222 ', tags: 'ssd, eu', region: ' ', priority: '-3' }))).toEqual({
      name: 'alpha', host: '10.0.0.1', sshPort: 2222, sshUser: 'root', region: null, tags: ['ssd', 'eu'], priority: -3,
      state: 'active', notes: '', hostKeyFingerprint: null, apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080',
      apiUrl: null, kuboContainer: null,
    });
  });

  it('judges a direct RPC URL as the contract does', () => {
    expect(validateDraft(valid({ apiUrl: 'https://u:p@node.example:5001' })).apiUrl).toMatch(/must not carry a user or password/);
    expect(validateDraft(valid({ apiUrl: ' https://node.example:5001 ' })).apiUrl).toBeUndefined();
    expect(draftToInput(valid({ apiUrl: ' https://node.example:5001 ', kuboContainer: 'ipfs_host' }))).toMatchObject({ apiUrl: 'https://node.example:5001', kuboContainer: 'ipfs_host' });
  });

  it('finds only the fields that changed', () => {
    const stored: NodeRecord = {
      id: 1, name: 'alpha', host: '10.0.0.1', sshPort: 22, sshUser: 'root', hostKeyFingerprint: null, tags: ['ssd'],
      region: 'eu-west', priority: 0, state: 'active', notes: '', apiAddress: '127.0.0.1:5001',
      gatewayAddress: '127.0.0.1:8080', createdAt: '', updatedAt: '',
    };
    const draft = draftFromNode(stored);
    expect(draftChanges(draft, stored)).toEqual({});
    expect(draftChanges({ ...draft, tags: 'ssd hot', notes: 'rack 4' }, stored)).toEqual({ tags: ['ssd', 'hot'], notes: 'rack 4' });
  });

  describe('the host-key pin in the edit form', () => {
    const pinned: NodeRecord = {
      id: 1, name: 'alpha', host: '10.0.0.1', sshPort: 22, sshUser: 'root', hostKeyFingerprint: `SHA256:${'A'.repeat(43)}`, tags: [],
      region: null, priority: 0, state: 'active', notes: '', apiAddress: '127.0.0.1:5001',
      gatewayAddress: '127.0.0.1:8080', apiUrl: null, createdAt: '', updatedAt: '',
    };
    const draft = draftFromNode(pinned);

    it('never sends the fingerprint (nodes.update refuses it; pins change through Trust/Replace)', () => {
      expect(draftChanges({ ...draft, host: '10.0.0.2', hostKeyFingerprint: `SHA256:${'B'.repeat(43)}` }, pinned)).toEqual({ host: '10.0.0.2' });
    });

    it('says before saving that moving the node clears the pin, and that a new URL drops the RPC credential', () => {
      expect(addressChangeNotice(draft, pinned)).toBeNull();
      expect(addressChangeNotice({ ...draft, host: '10.0.0.1 ', notes: 'x' }, pinned)).toBeNull();
      expect(addressChangeNotice({ ...draft, host: '10.0.0.2' }, pinned)).toMatch(/clears the pinned host key because the address changes/);
      expect(addressChangeNotice({ ...draft, sshPort: '2222' }, pinned)).toMatch(/clears the pinned host key/);
      const url = addressChangeNotice({ ...draft, apiUrl: 'https://other.example:5001' }, pinned);
      expect(url).toMatch(/because the direct RPC URL changes/);
      expect(url).toMatch(/RPC credential is dropped/);
    });
  });
});
