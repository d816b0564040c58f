// The keyring adapters' handling of their tools, with a recording runner: argument arrays (never a
// shell line), the passphrase on stdin (never in argv), and what each answer means. Only the Linux
// adapter also runs for real (tests/integration/secrets-keyring.test.ts); macOS and Windows cannot
// run here, so this is all the testing they get.
import { describe, expect, it } from 'vitest';
import {
  classifySecretToolLookup,
  keyringForPlatform,
  MacKeychain,
  SecretToolKeyring,
  WindowsCredentialLocker,
  type CommandResult,
  type CommandRunner,
} from '../../../src-main/secrets/os-keyring.js';

function recorder(answers: (CommandResult | Error)[]) {
  const calls: { file: string; args: readonly string[]; stdin?: string }[] = [];
  const run: CommandRunner = async (file, args, stdin) => {
    calls.push({ file, args, stdin });
    const answer = answers.shift() ?? { code: 0, stdout: '', stderr: '' };
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { calls, run };
}

const PASSPHRASE = 'Zm9vYmFyYmF6cXV4LXBpbmZsZWV0LXRlc3QtcGFzcw';

describe('SecretToolKeyring', () => {
  it('looks up service pinfleet account secrets-passphrase', async () => {
    const { calls, run } = recorder([{ code: 0, stdout: PASSPHRASE, stderr: '' }]);
    expect(await new SecretToolKeyring(run).lookup()).toEqual({ kind: 'found', value: PASSPHRASE });
    expect(calls).toEqual([{ file: 'secret-tool', args: ['lookup', 'service', 'pinfleet', 'account', 'secrets-passphrase'], stdin: undefined }]);
  });

  it('stores with the passphrase on stdin, never in argv', async () => {
    const { calls, run } = recorder([{ code: 0, stdout: '', stderr: '' }]);
    await new SecretToolKeyring(run).store(PASSPHRASE);
    expect(calls[0]!.args).toEqual(['store', '--label=Pinfleet secret-store passphrase', 'service', 'pinfleet', 'account', 'secrets-passphrase']);
    expect(calls[0]!.stdin).toBe(PASSPHRASE);
    expect(calls[0]!.args.join(' ')).not.toContain(PASSPHRASE);
  });

  it('reports a failed store with the tool\'s words', async () => {
    const { run } = recorder([{ code: 1, stdout: '', stderr: 'Cannot create an item in a locked collection\n' }]);
    await expect(new SecretToolKeyring(run).store(PASSPHRASE)).rejects.toThrow('secret-tool store failed: Cannot create an item in a locked collection');
  });

  it('is unavailable when secret-tool is not installed', async () => {
    const { run } = recorder([Object.assign(new Error('spawn secret-tool ENOENT'), { code: 'ENOENT' })]);
    expect(await new SecretToolKeyring(run).lookup()).toEqual({ kind: 'unavailable', why: 'secret-tool is not installed (Debian: apt-get install libsecret-tools)' });
  });

  it.each([
    [{ code: 0, stdout: 'pw', stderr: '' }, { kind: 'found', value: 'pw' }],
    [{ code: 1, stdout: '', stderr: '' }, { kind: 'missing' }],
    [{ code: 1, stdout: '', stderr: 'Cannot autolaunch D-Bus without X11 $DISPLAY\n' }, { kind: 'unavailable', why: 'secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY' }],
    [{ code: null, stdout: '', stderr: '' }, { kind: 'unavailable', why: 'secret-tool: exit code null' }],
  ] as const)('classifies lookup %o', (result, answer) => {
    expect(classifySecretToolLookup(result)).toEqual(answer);
  });
});

describe('MacKeychain (not runnable here)', () => {
  it('finds the generic password with -w and treats exit 44 as missing', async () => {
    const { calls, run } = recorder([{ code: 0, stdout: `${PASSPHRASE}\n`, stderr: '' }, { code: 44, stdout: '', stderr: 'could not be found' }]);
    const keychain = new MacKeychain(run);
    expect(await keychain.lookup()).toEqual({ kind: 'found', value: PASSPHRASE });
    expect(await keychain.lookup()).toEqual({ kind: 'missing' });
    expect(calls[0]).toEqual({ file: 'security', args: ['find-generic-password', '-s', 'pinfleet', '-a', 'secrets-passphrase', '-w'], stdin: undefined });
  });

  it('stores through `security -i` with the command on stdin, and only base64url values', async () => {
    const { calls, run } = recorder([{ code: 0, stdout: '', stderr: '' }]);
    await new MacKeychain(run).store(PASSPHRASE);
    expect(calls[0]!.args).toEqual(['-i']);
    expect(calls[0]!.stdin).toBe(`add-generic-password -U -s pinfleet -a secrets-passphrase -l "Pinfleet secret-store passphrase" -w ${PASSPHRASE}\n`);
    expect(() => MacKeychain.storeCommand('a b; rm -rf /')).toThrow(/base64url/);
  });
});

describe('WindowsCredentialLocker (not runnable here)', () => {
  it('passes the passphrase on stdin to a fixed PowerShell script', async () => {
    const { calls, run } = recorder([{ code: 0, stdout: '', stderr: '' }]);
    await new WindowsCredentialLocker(run).store(PASSPHRASE);
    expect(calls[0]!.file).toBe('powershell.exe');
    expect(calls[0]!.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    expect(calls[0]!.args.join(' ')).not.toContain(PASSPHRASE);
    expect(calls[0]!.stdin).toBe(PASSPHRASE);
  });
});

describe('keyringForPlatform', () => {
  it('knows Linux, macOS and Windows', () => {
    expect(keyringForPlatform('linux')).toBeInstanceOf(SecretToolKeyring);
    expect(keyringForPlatform('darwin')).toBeInstanceOf(MacKeychain);
    expect(keyringForPlatform('win32')).toBeInstanceOf(WindowsCredentialLocker);
    expect(keyringForPlatform('aix')).toBeNull();
  });
});
