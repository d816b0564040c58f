// The Uploads page's UI state: which events change an item's status (so the lists refetch), and
// what a retry forgets; files being sent leave the list when they arrive and stay with their error.
import { beforeEach, describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../../src-preload/contract/upload-types';
import { useUploadQueue } from '../../../src-renderer/features/uploads/stores/upload-queue-store';

const event = (p: Partial<UploadProgress>): UploadProgress => ({
  id: 7, status: 'uploading', bytesDone: 0, bytesTotal: 10, rateBytesPerSec: 0, etaSec: null, node: 'n1', ...p,
});

beforeEach(() => useUploadQueue.setState({ sending: [], startedIds: [], progress: {} }));

describe('upload queue store', () => {
  it('answers true only when an event changes the item’s status', () => {
    const { record } = useUploadQueue.getState();
    expect(record(event({ bytesDone: 1 }))).toBe(true);
    expect(record(event({ bytesDone: 5 }))).toBe(false);
    expect(record(event({ status: 'done', bytesDone: 10 }))).toBe(true);
    expect(useUploadQueue.getState().progress[7]?.status).toBe('done');
  });

  it('forgets the last event of a retried item, and only that one', () => {
    const { record, forget } = useUploadQueue.getState();
    record(event({ status: 'failed' }));
    record(event({ id: 8 }));
    forget(7);
    expect(Object.keys(useUploadQueue.getState().progress)).toEqual(['8']);
  });

  it('drops a file from "sending" when it arrives and keeps it with its error when it does not', () => {
    const { beginSending, finishSending, addStarted } = useUploadQueue.getState();
    beginSending([{ key: 'a', name: 'a.bin', size: 1, error: null }, { key: 'b', name: 'b.bin', size: 2, error: null }]);
    finishSending('a', null);
    finishSending('b', 'no_space');
    expect(useUploadQueue.getState().sending).toEqual([{ key: 'b', name: 'b.bin', size: 2, error: 'no_space' }]);
    addStarted([3, 4]);
    addStarted([4, 5]);
    expect(useUploadQueue.getState().startedIds).toEqual([3, 4, 5]);
  });
});
