// Quoting for the remote shell, checked against a real POSIX shell: whatever the argument, the
// program receives it byte for byte and the shell interprets none of it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRemoteCommand, quoteShellArg } from '../../../src-main/connections/shell-quote.js';

const scratch = mkdtempSync(join(tmpdir(), 'pinfleet-quote-'));
const canary = join(scratch, 'pwned');

const HOSTILE: [string, string][] = [
  ['command substitution', `$(touch ${canary})`],
  ['backticks', `\`touch ${canary}\``],
  ['semicolon', `;touch ${canary}`],
  ['and-and', `x && touch ${canary}`],
  ['pipe', `| touch ${canary}`],
  ['newline', `a\ntouch ${canary}`],
  ['single quote', `it's'; touch ${canary}; echo '`],
  ['double quotes', `"$(touch ${canary})"`],
  ['variable', '$HOME ${PATH} $0'],
  ['glob', '* ?.txt [a-z]'],
  ['redirect', `> ${canary}`],
  ['backslashes', '\\\\ \\n \\'],
  ['right-to-left override', 'file\u202Etxt.exe'],
  ['leading dash', '-rf'],
  ['empty', ''],
  ['tab and spaces', ' a\tb  '],
  ['unicode', 'añ 日本 🚀'],
];

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('quoteShellArg', () => {
  it.each(HOSTILE)('%s reaches the program literally and runs nothing', (_label, value) => {
    const command = buildRemoteCommand(['printf', '%s', value]);
    const output = execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
    expect(output).toBe(value);
    expect(existsSync(canary)).toBe(false);
  });

  it('keeps several arguments apart, empty ones included', () => {
    const argv = ['printf', '[%s]', 'a b', '', "c'd"];
    expect(execFileSync('/bin/sh', ['-c', buildRemoteCommand(argv)], { encoding: 'utf8' })).toBe("[a b][][c'd]");
  });

  it('wraps in single quotes and escapes embedded ones', () => {
    expect(quoteShellArg("a'b")).toBe(`'a'\\''b'`);
    expect(quoteShellArg('$x')).toBe(`'$x'`);
  });

  it('refuses NUL and an empty command', () => {
    expect(() => quoteShellArg('a\0b')).toThrow(/NUL/);
    expect(() => buildRemoteCommand([])).toThrow(/empty/);
  });
});
