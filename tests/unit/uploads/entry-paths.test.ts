import { describe, expect, it } from 'vitest';
import { decideEntries, isInside, relativePathProblem } from '../../../src-main/uploads/entry-paths.js';
import { compareSegments } from '../../../src-main/uploads/upload-source.js';

describe('relativePathProblem', () => {
  it.each([
    ['a.txt', null],
    ['sub/deeper/c.bin', null],
    ['', 'empty path'],
    ['../etc/passwd', 'climbs out of the folder (..)'],
    ['sub/../../x', 'climbs out of the folder (..)'],
    ['/etc/passwd', 'is an absolute path'],
    ['C:/Windows', 'is an absolute path'],
    ['\\\\server\\share', 'is an absolute path'],
    ['a\0b', 'contains a NUL byte'],
    ['a//b', 'has an empty or "." path segment'],
    ['./a', 'has an empty or "." path segment'],
    ['..hidden', null],
  ])('%j → %j', (relative, problem) => {
    expect(relativePathProblem(relative)).toBe(problem);
  });
});

describe('isInside', () => {
  it.each([
    ['/data/drop', '/data/drop/a', true],
    ['/data/drop', '/data/drop', true],
    ['/data/drop', '/data/drop-other/a', false],
    ['/data/drop', '/etc/passwd', false],
  ])('%s holds %s: %s', (root, target, inside) => {
    expect(isInside(root, target)).toBe(inside);
  });
});

describe('decideEntries', () => {
  it('sends files and folders, skips links, specials and escapes with a reason', () => {
    const decided = decideEntries('/drop', [
      { relative: 'b.txt', kind: 'file' },
      { relative: 'sub', kind: 'directory' },
      { relative: 'sub/a.txt', kind: 'file' },
      { relative: 'out', kind: 'symlink', resolvedTarget: '/etc/passwd' },
      { relative: 'in', kind: 'symlink', resolvedTarget: '/drop/b.txt' },
      { relative: 'dangling', kind: 'symlink', resolvedTarget: null },
      { relative: 'fifo', kind: 'other' },
      { relative: '../x', kind: 'file' },
    ]);
    expect(decided.files).toEqual(['b.txt', 'sub/a.txt']);
    expect(decided.directories).toEqual(['sub']);
    expect(decided.skipped.map((s) => [s.relative, s.reason])).toEqual([
      ['out', 'is a symbolic link leaving the folder (to /etc/passwd)'],
      ['in', 'is a symbolic link (links are not uploaded; the target is, if inside the folder)'],
      ['dangling', 'is a broken symbolic link'],
      ['fifo', 'is not a regular file or folder (device, socket or pipe)'],
      ['../x', 'climbs out of the folder (..)'],
    ]);
  });

  it('skips a second name that is the same once Unicode-normalised', () => {
    const nfc = 'caf\u00e9.txt';
    const nfd = 'cafe\u0301.txt';
    const decided = decideEntries('/drop', [
      { relative: nfc, kind: 'file' },
      { relative: nfd, kind: 'file' },
    ]);
    expect(decided.files).toEqual([nfc]);
    expect(decided.skipped).toEqual([{ relative: nfd, reason: `has the same name as "${nfc}" once Unicode-normalised` }]);
  });
});

describe('compareSegments', () => {
  it('orders depth first, so a folder is never reopened after a sibling', () => {
    const sorted = ['a-c', 'a/d', 'a', 'a/b'].sort(compareSegments);
    expect(sorted).toEqual(['a', 'a/b', 'a/d', 'a-c']);
  });
});
