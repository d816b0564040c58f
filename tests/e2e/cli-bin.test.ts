// The package's `bin` is out/main/cli.js: `npx pinfleet` and an `npm link`ed `pinfleet` run that file
// directly, so every build must leave it executable with its shebang (not only `node out/main/cli.js`).
// And its manners: a typo exits 2 naming the nearest command, `--help` or not, so a script can tell.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = path.resolve((JSON.parse(readFileSync('package.json', 'utf8')) as { bin: { pinfleet: string } }).bin.pinfleet);

async function pinfleet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(bin, args);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the pinfleet bin', () => {
  it('runs as a program straight from the build output', async () => {
    const { code, stdout } = await pinfleet('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/u);
  });

  it('refuses an unknown command with exit 2 and the nearest one, with or without --help', async () => {
    for (const args of [['audit', '--help'], ['stauts']]) {
      const { code, stdout, stderr } = await pinfleet(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await pinfleet('stauts')).stderr).toContain('Did you mean "status"');
    expect((await pinfleet('nodes', 'lsit')).stderr).toContain('unknown command "nodes lsit". Did you mean "nodes list"?');
  });

  it('refuses options and arguments the command does not take, before doing anything', async () => {
    for (const args of [['nodes', 'list', 'junk'], ['nodes', 'list', '--region', 'eu'], ['status', '$(id)'], ['inventory', 'export', 'junk'], ['--listen=x']]) {
      const { code, stdout, stderr } = await pinfleet('--data-dir', '/nonexistent/pinfleet-cli-bin', ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^pinfleet: .*(is not an option|takes no arguments|needs a command)/u);
    }
  });

  it('prints one command\'s usage and an example for <command> --help', async () => {
    const { code, stdout } = await pinfleet('nodes', 'add', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage:\n {2}pinfleet nodes add NAME --host HOST/u);
    expect(stdout).toContain('Example:\n  pinfleet nodes add node1 --host 10.0.0.5');
    expect(stdout).not.toContain('decommission');
  });
});
