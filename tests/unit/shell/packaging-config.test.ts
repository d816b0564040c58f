// resources/electron-builder.yml cannot be exercised here (no Electron binary to package), so
// it is checked the way electron-builder itself checks it before a build: loaded by its config
// loader and validated against its schema. An option renamed by an electron-builder upgrade
// fails here rather than on the release machine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';

const root = path.resolve(import.meta.dirname, '../../..');

describe('resources/electron-builder.yml', () => {
  // Loading electron-builder and its schema takes a few seconds.
  it('is accepted by electron-builder and says what the release needs', { timeout: 30_000 }, async () => {
    const config = await getConfig(root, 'resources/electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({
      appId: 'io.pinfleet.console',
      productName: 'Pinfleet',
      directories: { output: 'dist' },
      asar: true,
      icon: 'resources/icon.png',
      mac: { target: ['dmg'], hardenedRuntime: true },
      win: { target: ['nsis'] },
      linux: { target: ['AppImage', 'deb'] },
    });
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(config.linux?.maintainer).toMatch(/<[^@\s>]+@[^@\s>]+>/u);
    // The shipped binary has no debugger port, serves nothing with file:// privileges, cannot be
    // run as plain Node or fed code through NODE_OPTIONS, and checks its archive's integrity.
    expect(config.electronFuses).toMatchObject({
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe('resources/icon.png', () => {
  it('is a 512×512 RGBA PNG', () => {
    const png = readFileSync(path.join(root, 'resources/icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(png[25]).toBe(6);
  });
});
