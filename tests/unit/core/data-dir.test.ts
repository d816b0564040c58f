import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../../src-main/core/data-dir.js';

describe('the data directory', () => {
  it('matches Electron userData on each OS', () => {
    expect(defaultDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/Pinfleet');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/a')).toBe('/x/Pinfleet');
    expect(defaultDataDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/Pinfleet');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toContain('Pinfleet');
  });
  it('prefers --data-dir, then PINFLEET_DATA_DIR', () => {
    expect(resolveDataDir('rel/dir', { PINFLEET_DATA_DIR: '/env' })).toBe(path.resolve('rel/dir'));
    expect(resolveDataDir(undefined, { PINFLEET_DATA_DIR: '/env' })).toBe('/env');
  });
});
