// What an import does with each row, decided without a database.
import { describe, expect, it } from 'vitest';
import type { ImportCandidate } from '../../../src-main/inventory/formats/index.js';
import { planImport } from '../../../src-main/inventory/import-plan.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import { sampleNode } from './inventory-test-kit.js';

const stored: NodeRecord = { ...sampleNode({ tags: ['eu'] }), id: 1, createdAt: 't', updatedAt: 't' };
const row = (ref: string, input: Record<string, unknown>): ImportCandidate => ({
  ref,
  name: typeof input.name === 'string' ? input.name : null,
  input,
  problem: null,
});

describe('planImport', () => {
  it('adds new valid rows', () => {
    const plan = planImport([row('line 2', { name: 'node2', host: '10.0.0.6' })], [stored], { update: false });
    expect(plan.add).toEqual([sampleNode({ name: 'node2', host: '10.0.0.6' })]);
    expect(plan.skipped).toEqual([]);
  });

  it.each([
    ['an unreadable row', { ref: 'line 2', name: 'x', input: null, problem: 'has 3 cells but the header names 2 columns' }, { name: 'x', reason: 'line 2: has 3 cells but the header names 2 columns' }],
    ['a bad port', row('line 2', { name: 'x', host: '10.0.0.6', sshPort: 70000 }), { name: 'x', reason: 'line 2: sshPort: 70000 is not a port: use 1–65535' }],
    ['a bad host', row('line 3', { name: 'x', host: 'not a host' }), { name: 'x', reason: 'line 3: host: "not a host" is not a host name (RFC 1123) or an IP address' }],
    ['a control character', row('node #1', { name: 'x', host: '10.0.0.6', notes: 'bell\u0007' }), { name: 'x', reason: 'node #1: notes: contains control characters' }],
    ['a row with no name', row('node #2', { host: '10.0.0.6' }), { name: 'node #2', reason: expect.stringMatching(/^node #2: name: /) }],
    ['an existing name (other case)', row('line 2', { name: 'NODE1', host: '10.0.0.9' }), { name: 'node1', reason: 'line 2: A node named "node1" already exists (host 10.0.0.5:22). Import with "update" to replace its fields.' }],
    ['an existing host and port', row('line 2', { name: 'other', host: '10.0.0.5' }), { name: 'other', reason: 'line 2: Host 10.0.0.5 port 22 is already in the inventory as "node1".' }],
  ])('skips %s with a reason naming the row and field', (_label, candidate, skipped) => {
    const plan = planImport([candidate], [stored], { update: false });
    expect(plan.add).toEqual([]);
    expect(plan.skipped).toEqual([skipped]);
  });

  it('skips the second of two rows with the same name or the same host in one file', () => {
    const plan = planImport(
      [
        row('line 2', { name: 'a', host: '10.0.1.1' }),
        row('line 3', { name: 'A', host: '10.0.1.2' }),
        row('line 4', { name: 'b', host: '10.0.1.1' }),
      ],
      [],
      { update: false },
    );
    expect(plan.add.map((n) => n.name)).toEqual(['a']);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      'line 3: the name "A" already appears in this file (line 2).',
      'line 4: host 10.0.1.1 port 22 already appears in this file (line 2).',
    ]);
  });

  it('with update, changes only the fields the row sets and keeps the stored name', () => {
    const plan = planImport([row('line 2', { name: 'NODE1', host: '10.0.0.5', region: 'eu-west' })], [stored], { update: true });
    expect(plan.update).toEqual([
      {
        existing: stored,
        fields: { ...sampleNode({ tags: ['eu'] }), region: 'eu-west' },
        changes: { region: { from: null, to: 'eu-west' } },
        dropApiCredential: false,
      },
    ]);
  });

  it('with update, skips rows that change nothing or that would take another node’s host', () => {
    const second: NodeRecord = { ...stored, id: 2, name: 'node2', host: '10.0.0.6' };
    const unchanged = planImport([row('line 2', { name: 'node1', host: '10.0.0.5' })], [stored, second], { update: true });
    const taking = planImport([row('line 2', { name: 'node2', host: '10.0.0.5' })], [stored, second], { update: true });
    expect([...unchanged.update, ...taking.update]).toEqual([]);
    expect([...unchanged.skipped, ...taking.skipped]).toEqual([
      { name: 'node1', reason: 'line 2: already in the inventory with the same fields; nothing to update.' },
      { name: 'node2', reason: 'line 2: Host 10.0.0.5 port 22 is already in the inventory as "node1".' },
    ]);
  });

  describe('host-key pins', () => {
    const fp = (c: string) => `SHA256:${c.repeat(43)}`;
    const pinned: NodeRecord = { ...stored, hostKeyFingerprint: fp('A'), apiUrl: 'https://10.0.0.5:5001' };

    it('keeps the fingerprint of a NEW node: the file comes from the admin, like typing it into nodes.add', () => {
      const plan = planImport([row('line 2', { name: 'node2', host: '10.0.0.6', hostKeyFingerprint: fp('B') })], [pinned], { update: false });
      expect(plan.add.map((n) => n.hostKeyFingerprint)).toEqual([fp('B')]);
    });

    it.each([
      ['another pin', pinned, { hostKeyFingerprint: fp('B') }],
      ['a pin where none was confirmed', { ...stored, hostKeyFingerprint: null }, { hostKeyFingerprint: fp('B') }],
      ['a new host with its pin', pinned, { host: '10.0.0.9', hostKeyFingerprint: fp('B') }],
    ])('skips a row that would give an existing node %s, naming hostkeys trust', (_label, existing, input) => {
      const plan = planImport([row('line 2', { name: 'node1', host: existing.host, ...input })], [existing], { update: true });
      expect(plan.update).toEqual([]);
      expect(plan.skipped).toEqual([{ name: 'node1', reason: expect.stringMatching(/^line 2: hostKeyFingerprint .* pinfleet hostkeys trust node1/) }]);
    });

    it('a new host or SSH port clears the pin; the same pin in the row changes nothing', () => {
      const plan = planImport(
        [row('line 2', { name: 'node1', host: '10.0.0.9', hostKeyFingerprint: fp('A') })],
        [pinned],
        { update: true },
      );
      expect(plan.update).toHaveLength(1);
      expect(plan.update[0]!.fields).toMatchObject({ host: '10.0.0.9', hostKeyFingerprint: null });
      expect(plan.update[0]!.changes.hostKeyFingerprint).toEqual({ from: fp('A'), to: null });
      expect(plan.update[0]!.dropApiCredential).toBe(false);
      const port = planImport([row('line 2', { name: 'node1', host: '10.0.0.5', sshPort: 2222 })], [pinned], { update: true });
      expect(port.update[0]!.fields.hostKeyFingerprint).toBeNull();
    });

    it('a new direct RPC URL clears the pin and drops the RPC credential; tags alone keep both', () => {
      const moved = planImport([row('line 2', { name: 'node1', host: '10.0.0.5', apiUrl: 'https://evil.example:5001' })], [pinned], { update: true });
      expect(moved.update[0]).toMatchObject({ fields: { hostKeyFingerprint: null }, dropApiCredential: true });
      const tagged = planImport([row('line 2', { name: 'node1', host: '10.0.0.5', tags: ['x'] })], [pinned], { update: true });
      expect(tagged.update[0]).toMatchObject({ fields: { hostKeyFingerprint: fp('A'), tags: ['x'] }, dropApiCredential: false });
    });

    it('an empty fingerprint in the row claims nothing: the pin stays', () => {
      const plan = planImport([row('line 2', { name: 'node1', host: '10.0.0.5', hostKeyFingerprint: null, region: 'x' })], [pinned], { update: true });
      expect(plan.update[0]!.fields.hostKeyFingerprint).toBe(fp('A'));
    });
  });
});
