import { describe, expect, it } from 'vitest';
import { integerFlag, listFlag, parseCliArgs, UsageError } from '../../../src-main/cli/args.js';
import { nodeInputFromFlags } from '../../../src-main/cli/commands/nodes.js';
import { guessImportFormat } from '../../../src-main/cli/commands/inventory.js';
import { whyNotElectron } from '../../../src-main/cli/commands/start.js';

describe('the command line', () => {
  it('takes flags anywhere', () => {
    const { positionals, flags } = parseCliArgs(['--data-dir', '/d', 'nodes', 'add', 'n1', '--host', 'h', '--json']);
    expect(positionals).toEqual(['nodes', 'add', 'n1']);
    expect(flags).toMatchObject({ 'data-dir': '/d', host: 'h', json: true });
  });
  it('refuses unknown flags as a usage error', () => {
    expect(() => parseCliArgs(['nodes', 'list', '--colour'])).toThrow(UsageError);
  });
  it('parses numbers and lists strictly', () => {
    expect(integerFlag('22', 'port')).toBe(22);
    expect(() => integerFlag('22x', 'port')).toThrow('--port: "22x" is not a whole number');
    expect(listFlag(' a, b,,c ')).toEqual(['a', 'b', 'c']);
  });
  it('maps nodes add flags onto the contract, leaving defaults to the schema', () => {
    expect(nodeInputFromFlags('n1', { host: '10.0.0.5', port: '2222', tags: 'ssd,eu' })).toEqual({
      name: 'n1',
      host: '10.0.0.5',
      sshPort: 2222,
      tags: ['ssd', 'eu'],
    });
    expect(() => nodeInputFromFlags('n1', {})).toThrow('--host is required');
  });
  it('guesses import formats', () => {
    expect(guessImportFormat('fleet.csv', undefined)).toBe('csv');
    expect(guessImportFormat('/x/.env', undefined)).toBe('env');
    expect(guessImportFormat('x.txt', 'json')).toBe('json');
    expect(() => guessImportFormat('x.txt', undefined)).toThrow('--format');
  });
  it('falls back to the browser without a display', () => {
    expect(whyNotElectron({}, 'linux')).toBe('there is no graphical display');
    expect(whyNotElectron({ DISPLAY: ':0' }, 'linux')).toBeNull();
    expect(whyNotElectron({}, 'darwin')).toBeNull();
  });
});
