import { describe, expect, it } from 'vitest';
import { diskFiguresFrom } from '../../../src-main/connections/sftp-disk.js';

describe('diskFiguresFrom (statvfs → what df -B1 prints)', () => {
  it('multiplies blocks by the fundamental block size: size and Avail', () => {
    // A 256 MiB tmpfs with 4 KiB blocks, 10 MiB of it used.
    expect(diskFiguresFrom({ f_frsize: 4096, f_blocks: 65536, f_bavail: 62976 })).toEqual({ total: 268435456, free: 257949696 });
  });

  it('accepts the BigInts ssh2 returns for huge filesystems', () => {
    expect(diskFiguresFrom({ f_frsize: 4096n, f_blocks: 2n ** 40n, f_bavail: 2n ** 39n })).toEqual({ total: 4096 * 2 ** 40, free: 4096 * 2 ** 39 });
  });

  it('never reports more free than total', () => {
    expect(diskFiguresFrom({ f_frsize: 1024, f_blocks: 10, f_bavail: 11 }).free).toBe(10240);
  });

  it('refuses impossible answers rather than showing zeros', () => {
    expect(() => diskFiguresFrom({ f_frsize: 0, f_blocks: 10, f_bavail: 1 })).toThrow(/impossible/);
    expect(() => diskFiguresFrom({ f_frsize: 4096, f_blocks: Number.NaN, f_bavail: 1 })).toThrow(/impossible/);
  });
});
