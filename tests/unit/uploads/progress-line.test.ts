import { describe, expect, it } from 'vitest';
import { progressLine } from '../../../src-main/cli/commands/upload.js';

const base = { id: 1, bytesTotal: 4 * 1048576, rateBytesPerSec: 0, etaSec: null, node: null };

describe('progressLine', () => {
  it.each([
    [{ ...base, status: 'uploading' as const, bytesDone: 1048576, rateBytesPerSec: 1048576, etaSec: 3, node: 'node3' }, 'f.bin: uploading 25 % of 4.00 MiB 1.00 MiB/s ETA 3 s → node3'],
    [{ ...base, status: 'queued' as const, bytesDone: 0, error: 'waiting for space: 2 MiB short' }, 'f.bin: waiting for space: 2 MiB short'],
    [{ ...base, status: 'pinning' as const, bytesDone: 4 * 1048576, node: 'node2' }, 'f.bin: pinning 100 % of 4.00 MiB → node2'],
    [{ ...base, status: 'done' as const, bytesDone: 0, bytesTotal: 0 }, 'f.bin: done 100 % of 0 B'],
  ])('%#', (progress, line) => {
    expect(progressLine('f.bin', progress)).toBe(line);
  });
});
