// The package's `bin` is out/main/cli.js: `npx pinfleet` and an `npm link`ed `pinfleet` run that file
// directly, so every build must leave it executable with its shebang (not only `node out/main/cli.js`).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the pinfleet bin', () => {
  it('runs as a program straight from the build output', async () => {
    const bin = (JSON.parse(readFileSync('package.json', 'utf8')) as { bin: { pinfleet: string } }).bin.pinfleet;
    const { stdout } = await run(path.resolve(bin), ['--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/u);
  });
});
