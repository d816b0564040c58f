// The Electron session's grants: only what the admin picked or dropped (and what a dropped folder
// holds), compared by real path so `..` and symlinks cannot reach past them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWithin, PathGrants } from '../../../src-main/files/path-grants.js';

let work: string;
beforeAll(() => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-grants-')));
  fs.mkdirSync(path.join(work, 'photos', 'inner'), { recursive: true });
  fs.writeFileSync(path.join(work, 'photos', 'inner', 'a.jpg'), 'a');
  fs.writeFileSync(path.join(work, 'picked.bin'), 'p');
  fs.writeFileSync(path.join(work, 'secret'), 's');
  fs.symlinkSync(path.join(work, 'secret'), path.join(work, 'photos', 'link-out'));
  fs.symlinkSync(path.join(work, 'picked.bin'), path.join(work, 'alias.bin'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('isWithin', () => {
  it.each([
    ['/a/b', '/a/b', true],
    ['/a/b', '/a/b/c', true],
    ['/a/b', '/a/bc', false],
    ['/a/b', '/a', false],
    ['/', '/etc/passwd', true],
  ])('%s covers %s: %s', (granted, candidate, expected) => expect(isWithin(granted, candidate)).toBe(expected));
});

describe('PathGrants', () => {
  it('allows nothing before the admin gives anything', async () => {
    expect(await new PathGrants().allows(path.join(work, 'picked.bin'))).toBe(false);
  });

  it('allows a picked file, another spelling of it, and what a dropped folder holds', async () => {
    const grants = new PathGrants();
    grants.grant([path.join(work, 'picked.bin'), path.join(work, 'photos')]);
    expect(await grants.allows(path.join(work, 'picked.bin'))).toBe(true);
    expect(await grants.allows(path.join(work, 'photos', '..', 'picked.bin'))).toBe(true);
    expect(await grants.allows(path.join(work, 'alias.bin'))).toBe(true);
    expect(await grants.allows(path.join(work, 'photos', 'inner', 'a.jpg'))).toBe(true);
  });

  it('refuses what lies beside a grant, climbs out of it with .., leaves it through a symlink, or is relative', async () => {
    const grants = new PathGrants();
    grants.grant([path.join(work, 'photos'), path.join(work, 'picked.bin')]);
    expect(await grants.allows(path.join(work, 'secret'))).toBe(false);
    expect(await grants.allows(path.join(work, 'photos', '..', 'secret'))).toBe(false);
    expect(await grants.allows(path.join(work, 'photos', 'link-out'))).toBe(false);
    expect(await grants.allows('photos/inner/a.jpg')).toBe(false);
    expect(await grants.allows('~/.ssh/id_ed25519')).toBe(false);
  });

  it('ignores a grant of a relative or missing path, and still lets a given file that was removed reach its handler', async () => {
    const grants = new PathGrants();
    const doomed = path.join(work, 'doomed.bin');
    fs.writeFileSync(doomed, 'd');
    grants.grant(['relative.bin', path.join(work, 'never-there'), doomed]);
    fs.rmSync(doomed);
    expect(await grants.allows(doomed)).toBe(true);
    expect(await grants.allows(path.join(work, 'never-there'))).toBe(false);
    expect(await grants.allows(path.join(work, 'other-missing'))).toBe(false);
  });
});
