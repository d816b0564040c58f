// docs/cli.md is generated from the usage --help prints: when the two differ, the reference is stale.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src-main/cli/examples.js';
import { commandHelp, commandTable } from '../../../src-main/cli/help.js';
import { cliReference } from '../../../src-main/cli/reference.js';
import { USAGE } from '../../../src-main/cli/usage.js';

describe('docs/cli.md', () => {
  it('is what npm run docs:cli makes from the CLI usage (run it after changing the usage)', () => {
    const onDisk = readFileSync(path.resolve(import.meta.dirname, '../../../docs/cli.md'), 'utf8');
    expect(onDisk).toBe(cliReference(USAGE, EXAMPLES));
  });

  it('has an example only for commands that exist, each starting with its command', () => {
    const table = commandTable(USAGE);
    for (const [key, example] of Object.entries(EXAMPLES)) {
      const [command, sub] = key.split(' ');
      expect(commandHelp(USAGE, command!, sub, EXAMPLES), key).not.toBeNull();
      expect(table.commands.has(command!), key).toBe(true);
      expect(example.startsWith(`pinfleet ${key}`), key).toBe(true);
    }
  });
});
