import { describe, expect, it } from 'vitest';
import { addQuery, parseAddAnswer } from '../../../src-main/uploads/kubo-add.js';

describe('parseAddAnswer', () => {
  it('takes the last Hash as the root', () => {
    const body = '{"Name":"a","Hash":"bafyA","Size":"3"}\n{"Name":"","Hash":"bafyRoot","Size":"9"}\n';
    expect(parseAddAnswer(body, undefined)).toEqual({ cid: 'bafyRoot' });
  });
  it('fails on the X-Stream-Error trailer even after a Hash, as no_space when the disk is full', () => {
    expect(() => parseAddAnswer('{"Name":"a","Hash":"bafyA"}\n', 'write /data/ipfs/blocks: no space left on device')).toThrow(
      expect.objectContaining({ code: 'no_space', message: expect.stringContaining('no space left on device') }),
    );
  });
  it('fails on an error object as the last line', () => {
    expect(() => parseAddAnswer('{"Message":"context canceled","Code":0,"Type":"error"}\n', undefined)).toThrow(
      expect.objectContaining({ code: 'remote_failed', message: 'kubo stopped the add: context canceled' }),
    );
  });
  it('fails when the stream ended without any CID', () => {
    expect(() => parseAddAnswer('', undefined)).toThrow(/without a CID/);
  });
});

describe('addQuery', () => {
  it('asks for CIDv1, raw leaves, the recorded chunker and a pin', () => {
    const q = new URLSearchParams(addQuery(true));
    expect([q.get('cid-version'), q.get('raw-leaves'), q.get('chunker'), q.get('pin'), q.get('wrap-with-directory')]).toEqual(['1', 'true', 'size-262144', 'true', 'true']);
  });
});
