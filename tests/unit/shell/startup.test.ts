import { describe, expect, it } from 'vitest';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { dataDirFlag } from '../../../src-main/shell/argv.js';
import { describeStartupFailure } from '../../../src-main/shell/startup-failure.js';

describe('dataDirFlag', () => {
  it.each([
    [['electron', 'out/main/index.js'], undefined],
    [['electron', '.', '--data-dir', '/tmp/fleet'], '/tmp/fleet'],
    [['electron', '.', '--data-dir=/tmp/fleet'], '/tmp/fleet'],
    [['electron', '.', '--data-dir=rel/dir', '--other'], 'rel/dir'],
    [['electron', '.', '--data-dir'], undefined],
    [['electron', '.', '--data-dir', '--inspect'], undefined],
    [['electron', '.', '--data-dir='], undefined],
    [['electron', '.', '--data-directory=/x'], undefined],
  ])('%j → %s', (argv, expected) => {
    expect(dataDirFlag(argv)).toBe(expected);
  });
});

describe('describeStartupFailure', () => {
  it('shows a PinfleetError’s message, written for the admin, with the data folder', () => {
    const error = new PinfleetError('db_newer_than_app', 'The inventory was written by a newer Pinfleet (schema 9).');
    const dialog = describeStartupFailure(error, '/home/admin/.config/Pinfleet');
    expect(dialog.title).toMatch(/inventory/u);
    expect(dialog.message).toContain('newer Pinfleet (schema 9)');
    expect(dialog.message).toContain('/home/admin/.config/Pinfleet');
  });

  it('still says something useful for an unexpected error', () => {
    const dialog = describeStartupFailure(new Error('EACCES: permission denied'), '/data');
    expect(dialog.title).toBe('Pinfleet failed to start');
    expect(dialog.message).toContain('EACCES: permission denied');
    expect(describeStartupFailure('plain string', '/data').message).toContain('plain string');
  });
});
