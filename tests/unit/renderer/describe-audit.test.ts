import { describe, expect, it } from 'vitest';
import { describeAuditDetail } from '../../../src-renderer/features/activity/lib/describe-audit';

describe('describeAuditDetail', () => {
  it('says what an update changed, from and to', () => {
    const detail = JSON.stringify({ changes: { tags: { from: ['ssd'], to: ['ssd', 'hot'] }, region: { from: 'eu', to: null } } });
    expect(describeAuditDetail('node.update', detail)).toBe('tags: ssd → ssd, hot; region: eu → —');
  });

  it('names the address of an added or removed node, and an import it came from', () => {
    const fields = { name: 'alpha', host: '10.0.0.1', sshPort: 22, region: 'eu-west', tags: [] };
    expect(describeAuditDetail('node.remove', JSON.stringify(fields))).toBe('10.0.0.1:22 · eu-west');
    expect(describeAuditDetail('node.add', JSON.stringify({ ...fields, region: null, import: 'csv' }))).toBe(
      '10.0.0.1:22 (from a csv import)',
    );
  });

  it('counts an import', () => {
    expect(describeAuditDetail('inventory.import', '{"format":"env","added":1,"updated":0,"skipped":2}')).toBe(
      'env file: 1 added, 0 updated, 2 skipped',
    );
  });

  it('falls back to key: value pairs, and to the raw text when it is not JSON', () => {
    expect(describeAuditDetail('node.hello', '{"a":1,"b":[]}')).toBe('a: 1; b: —');
    expect(describeAuditDetail('node.hello', '{}')).toBe('—');
    expect(describeAuditDetail('node.hello', 'not json')).toBe('not json');
  });
});
