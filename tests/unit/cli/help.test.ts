import { describe, expect, it } from 'vitest';
import { commandHelp, commandTable, suggestions, unknownCommandProblem } from '../../../src-main/cli/help.js';

const usage = `Pinfleet 1.0

Usage: pinfleet [--data-dir DIR] [--json] <command>

Commands:
  serve [--port N] [--open]      serve the console
        [--host H --allow-remote]
  status                         fleet summary
  nodes list                     list the inventory
  nodes add NAME --host HOST [--port 22]
            [--tags a,b]
  upload PATH… [--replicas N]    send files
  credentials set NAME --key-file PATH
  credentials set NAME --api-token-stdin
  credentials show NAME          how Pinfleet logs in

Options:
  --json           machine-readable output
`;

describe('commandTable', () => {
  it('reads commands and their subcommands from the usage text', () => {
    const { commands } = commandTable(usage);
    expect([...commands.keys()]).toEqual(['serve', 'status', 'nodes', 'upload', 'credentials']);
    expect([...commands.get('nodes')!]).toEqual(['list', 'add']);
    expect([...commands.get('credentials')!]).toEqual(['set', 'show']);
    expect(commands.get('upload')!.size).toBe(0);
    expect(commands.get('serve')!.size).toBe(0);
  });
});

describe('commandHelp', () => {
  it('prints one command with its continuation lines and an example', () => {
    const help = commandHelp(usage, 'nodes', 'add', { 'nodes add': 'pinfleet nodes add n1 --host 10.0.0.5' })!;
    expect(help).toContain('pinfleet nodes add NAME --host HOST [--port 22]');
    expect(help).toContain('\n                     [--tags a,b]');
    expect(help).not.toContain('nodes list');
    expect(help).toContain('Example:\n  pinfleet nodes add n1 --host 10.0.0.5');
  });

  it('prints every subcommand of a command asked without one', () => {
    const help = commandHelp(usage, 'credentials', undefined, {})!;
    expect(help.match(/pinfleet credentials/gu)).toHaveLength(3);
  });

  it('treats an argument as an argument, not a subcommand', () => {
    expect(commandHelp(usage, 'upload', './photos', {})).toContain('pinfleet upload PATH… [--replicas N]');
  });

  it('knows no help for a command that does not exist', () => {
    expect(commandHelp(usage, 'audit', undefined, {})).toBeNull();
    expect(commandHelp(usage, 'nodes', 'lsit', {})).toBeNull();
  });
});

describe('unknownCommandProblem', () => {
  it.each([
    ['audit', undefined, /^unknown command "audit"\. Run `pinfleet --help` for the list\.$/u],
    ['stauts', undefined, /Did you mean "status"\?/u],
    ['stauts', undefined, /^(?!.*"serve")/u],
    ['node', undefined, /Did you mean "nodes"\?/u],
    ['nodes', 'lsit', /unknown command "nodes lsit"\. Did you mean "nodes list"\? Run `pinfleet nodes --help`/u],
  ])('%s %s', (command, sub, expected) => {
    expect(unknownCommandProblem(usage, command, sub)).toMatch(expected);
  });

  it('is silent for commands that exist, and for arguments', () => {
    expect(unknownCommandProblem(usage, 'nodes', 'add')).toBeNull();
    expect(unknownCommandProblem(usage, 'nodes', undefined)).toBeNull();
    expect(unknownCommandProblem(usage, 'upload', './x')).toBeNull();
  });
});

describe('suggestions', () => {
  it('offers close names only', () => {
    expect(suggestions('decomission', ['decommission', 'status'])).toEqual(['decommission']);
    expect(suggestions('zzz', ['decommission', 'status'])).toEqual([]);
  });
});

describe('argumentsProblem', () => {
  it('refuses options and arguments the command does not take', async () => {
    const { argumentsProblem } = await import('../../../src-main/cli/help.js');
    expect(argumentsProblem(usage, 'nodes', 'list', ['tags'], [])).toBe('--tags is not an option of pinfleet nodes list. Run `pinfleet nodes list --help` for its options.');
    expect(argumentsProblem(usage, 'status', undefined, [], ['$(id)'])).toBe('pinfleet status takes no arguments, not also "$(id)". Run `pinfleet status --help` for its usage.');
    expect(argumentsProblem(usage, 'credentials', 'show', [], ['n1', 'n2'])).toMatch(/^pinfleet credentials show takes at most 1 argument, not also "n2"/u);
    // `-o FILE` is an option and its value, not an argument.
    expect(argumentsProblem('Commands:\n  inventory export [--format json|csv] [-o FILE]\n', 'inventory', 'export', ['output'], ['junk'])).toMatch(/takes no arguments, not also "junk"/u);
  });

  it('accepts what the usage lists, flag values and global options included', async () => {
    const { argumentsProblem } = await import('../../../src-main/cli/help.js');
    expect(argumentsProblem(usage, 'nodes', 'add', ['host', 'port', 'tags', 'json', 'data-dir'], ['n1'])).toBeNull();
    expect(argumentsProblem(usage, 'upload', undefined, ['replicas'], ['a', 'b', 'c'])).toBeNull();
    expect(argumentsProblem(usage, 'serve', undefined, ['port', 'open', 'host', 'allow-remote'], [])).toBeNull();
  });
});
