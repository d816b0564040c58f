// How queue items read: stage from stored status and live events, figures, the total and the ETA.
import { describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../../src-preload/contract/upload-types';
import {
  figuresOf, formatEta, gatewayLink, relativeNameOf, stageOf, totalOf,
} from '../../../src-renderer/features/uploads/lib/queue-view';

const live = (p: Partial<UploadProgress>): UploadProgress => ({
  id: 1, status: 'uploading', bytesDone: 0, bytesTotal: 100, rateBytesPerSec: 0, etaSec: null, node: null, ...p,
});

describe('stageOf', () => {
  it.each([
    [{ status: 'queued', error: null }, 'pending'],
    [{ status: 'queued', error: 'waiting for space: 3 MiB short' }, 'waiting'],
    [{ status: 'queued', error: 'resumed after a restart cut it off while uploading' }, 'pending'],
    [{ status: 'uploading', error: null }, 'active'],
    [{ status: 'pinning', error: null }, 'active'],
    [{ status: 'done', error: null }, 'done'],
    [{ status: 'failed', error: 'boom' }, 'failed'],
    [{ status: 'cancelled', error: 'cancelled by the admin' }, 'cancelled'],
  ] as const)('%j is %s', (item, stage) => {
    expect(stageOf(item)).toBe(stage);
  });

  it('takes the live event over the stored status, and its error', () => {
    expect(stageOf({ status: 'queued', error: null }, live({ status: 'uploading' }))).toBe('active');
    expect(stageOf({ status: 'uploading', error: null }, live({ status: 'queued', error: 'waiting for space: x' }))).toBe('waiting');
    expect(stageOf({ status: 'queued', error: 'waiting for space: x' }, live({ status: 'queued' }))).toBe('pending');
  });
});

describe('figuresOf and totalOf', () => {
  it('uses the event while running, the whole size once done, zero before any event', () => {
    expect(figuresOf({ size: 100, status: 'uploading' }, live({ bytesDone: 40, rateBytesPerSec: 10, etaSec: 6 })))
      .toEqual({ bytesDone: 40, bytesTotal: 100, rateBytesPerSec: 10, etaSec: 6 });
    expect(figuresOf({ size: 100, status: 'done' }).bytesDone).toBe(100);
    expect(figuresOf({ size: 100, status: 'uploading' }, live({ status: 'done', bytesDone: 0 })).bytesDone).toBe(100);
    expect(figuresOf({ size: 100, status: 'queued' }).bytesDone).toBe(0);
  });

  it('sums done over wanted, leaving cancelled items out and never counting past an item’s size', () => {
    const f = (bytesDone: number, bytesTotal: number) => ({ bytesDone, bytesTotal, rateBytesPerSec: 0, etaSec: null });
    expect(totalOf([
      { stage: 'active', figures: f(50, 100) },
      { stage: 'done', figures: f(300, 200) },
      { stage: 'cancelled', figures: f(0, 1000) },
    ])).toEqual({ done: 250, total: 300 });
  });
});

describe('formatEta, gatewayLink, relativeNameOf', () => {
  it.each([
    [null, '—'], [-1, '—'], [Number.NaN, '—'], [0, '0 s'], [12.2, '13 s'], [60, '1 min'], [125, '3 min'], [3900, '1 h 5 min'],
  ])('formatEta(%j) is %j', (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });

  it('builds the gateway link and the name main is given', () => {
    expect(gatewayLink('127.0.0.1:8080', 'bafkq')).toBe('http://127.0.0.1:8080/ipfs/bafkq');
    expect(relativeNameOf({ name: 'a.txt', webkitRelativePath: '' })).toBe('a.txt');
    expect(relativeNameOf({ name: 'a.txt', webkitRelativePath: 'dir/a.txt' })).toBe('dir/a.txt');
    expect(relativeNameOf({ name: 'a.txt' })).toBe('a.txt');
  });
});
