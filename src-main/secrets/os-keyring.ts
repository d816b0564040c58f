// The OS keyring as the keeper of the secret-store passphrase (the wish for "a file store
// encrypted with a key the user supplies or the OS keyring provides"). One entry, service
// "pinfleet", account "secrets-passphrase". Every tool runs with an argument array (never a
// shell), and the passphrase goes in on stdin, never in argv where `ps` would show it.
//
// Linux: libsecret's `secret-tool` (Debian: libsecret-tools), which talks to whatever Secret
// Service the desktop runs (GNOME Keyring, KWallet's bridge, KeePassXC). Tested here, against a real
// gnome-keyring on a private D-Bus session (tests/integration/secrets-keyring.test.ts).
// macOS (`security`) and Windows (PowerShell's PasswordVault) are written the same way but CANNOT
// be tested on this Linux machine: only their argument handling is unit-tested.
import { spawn } from 'node:child_process';

export const KEYRING_SERVICE = 'pinfleet';
export const KEYRING_ACCOUNT = 'secrets-passphrase';

export type KeyringAnswer = { kind: 'found'; value: string } | { kind: 'missing' } | { kind: 'unavailable'; why: string };

export interface PassphraseKeyring {
  /** For messages: "the OS keyring (secret-tool)". */
  readonly description: string;
  lookup(): Promise<KeyringAnswer>;
  /** Stores (or replaces) the passphrase; throws an Error saying why when the keyring refuses. */
  store(value: string): Promise<void>;
  /** Removes the entry (tests, and an admin starting over). */
  clear(): Promise<void>;
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs file with args (no shell), stdin piped in; rejects only when it cannot start (ENOENT…). */
export type CommandRunner = (file: string, args: readonly string[], stdin?: string) => Promise<CommandResult>;

const TOOL_TIMEOUT_MS = 15_000;

export const runCommand: CommandRunner = (file, args, stdin) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    let stdout = '';
    let stderr = '';
    // A keyring that waits for a prompt nobody will answer must not hang the app.
    const timer = setTimeout(() => child.kill('SIGKILL'), TOOL_TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // The tool may exit before reading stdin.
    child.stdin.end(stdin ?? '');
  });

/** The first line of a tool's complaint, for a message (never contains the passphrase: it goes in on stdin). */
const firstLine = (text: string) => text.trim().split('\n', 1)[0] ?? '';

async function attempt(run: CommandRunner, file: string, args: readonly string[], stdin?: string): Promise<CommandResult | { missingTool: string }> {
  try {
    return await run(file, args, stdin);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { missingTool: code === 'ENOENT' ? `${file} is not installed` : `${file} could not run (${(error as Error).message})` };
  }
}

/** libsecret's secret-tool: `lookup` exits 1 with no output when the entry does not exist. */
export class SecretToolKeyring implements PassphraseKeyring {
  readonly description = 'the OS keyring (libsecret secret-tool)';

  constructor(private readonly run: CommandRunner = runCommand) {}

  static lookupArgs(): string[] {
    return ['lookup', 'service', KEYRING_SERVICE, 'account', KEYRING_ACCOUNT];
  }

  static storeArgs(): string[] {
    return ['store', '--label=Pinfleet secret-store passphrase', 'service', KEYRING_SERVICE, 'account', KEYRING_ACCOUNT];
  }

  static clearArgs(): string[] {
    return ['clear', 'service', KEYRING_SERVICE, 'account', KEYRING_ACCOUNT];
  }

  async lookup(): Promise<KeyringAnswer> {
    const result = await attempt(this.run, 'secret-tool', SecretToolKeyring.lookupArgs());
    if ('missingTool' in result) return { kind: 'unavailable', why: `${result.missingTool} (Debian: apt-get install libsecret-tools)` };
    return classifySecretToolLookup(result);
  }

  async store(value: string): Promise<void> {
    const result = await attempt(this.run, 'secret-tool', SecretToolKeyring.storeArgs(), value);
    if ('missingTool' in result) throw new Error(result.missingTool);
    if (result.code !== 0) throw new Error(`secret-tool store failed: ${firstLine(result.stderr) || `exit code ${result.code}`}`);
  }

  async clear(): Promise<void> {
    await attempt(this.run, 'secret-tool', SecretToolKeyring.clearArgs());
  }
}

/** Pure: what a `secret-tool lookup` run means. */
export function classifySecretToolLookup(result: CommandResult): KeyringAnswer {
  // secret-tool prints the secret as stored, without a trailing newline.
  if (result.code === 0 && result.stdout.length > 0) return { kind: 'found', value: result.stdout };
  // Not found: exit 1, nothing said. Anything on stderr means no keyring answered (no D-Bus
  // session, no Secret Service running, a locked collection whose prompt was dismissed…).
  if (result.stderr.trim() === '' && (result.code === 1 || result.code === 0)) return { kind: 'missing' };
  return { kind: 'unavailable', why: `secret-tool: ${firstLine(result.stderr) || `exit code ${result.code}`}` };
}

/**
 * macOS Keychain through `security`. NOT tested here (no macOS). Storing goes through
 * `security -i`, which reads the command from stdin, so the passphrase never appears in argv.
 */
export class MacKeychain implements PassphraseKeyring {
  readonly description = 'the macOS Keychain';

  constructor(private readonly run: CommandRunner = runCommand) {}

  static lookupArgs(): string[] {
    return ['find-generic-password', '-s', KEYRING_SERVICE, '-a', KEYRING_ACCOUNT, '-w'];
  }

  /** The interactive command line `security -i` reads; the value is quoted for its parser. */
  static storeCommand(value: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error('the generated passphrase must be base64url');
    return `add-generic-password -U -s ${KEYRING_SERVICE} -a ${KEYRING_ACCOUNT} -l "Pinfleet secret-store passphrase" -w ${value}\n`;
  }

  async lookup(): Promise<KeyringAnswer> {
    const result = await attempt(this.run, 'security', MacKeychain.lookupArgs());
    if ('missingTool' in result) return { kind: 'unavailable', why: result.missingTool };
    if (result.code === 0) return { kind: 'found', value: result.stdout.replace(/\n$/, '') };
    // 44: "The specified item could not be found in the keychain."
    if (result.code === 44) return { kind: 'missing' };
    return { kind: 'unavailable', why: `security: ${firstLine(result.stderr) || `exit code ${result.code}`}` };
  }

  async store(value: string): Promise<void> {
    const result = await attempt(this.run, 'security', ['-i'], MacKeychain.storeCommand(value));
    if ('missingTool' in result) throw new Error(result.missingTool);
    if (result.code !== 0) throw new Error(`security add-generic-password failed: ${firstLine(result.stderr) || `exit code ${result.code}`}`);
  }

  async clear(): Promise<void> {
    await attempt(this.run, 'security', ['delete-generic-password', '-s', KEYRING_SERVICE, '-a', KEYRING_ACCOUNT]);
  }
}

/**
 * Windows Credential Locker through PowerShell's PasswordVault. NOT tested here (no Windows). The
 * script is fixed; the passphrase goes in on stdin.
 */
export class WindowsCredentialLocker implements PassphraseKeyring {
  readonly description = 'the Windows Credential Locker';

  constructor(private readonly run: CommandRunner = runCommand) {}

  private static readonly VAULT =
    "[void][Windows.Security.Credentials.PasswordVault,Windows.Security.Credentials,ContentType=WindowsRuntime]; $v = New-Object Windows.Security.Credentials.PasswordVault; ";

  static lookupArgs(): string[] {
    const script = `${WindowsCredentialLocker.VAULT}try { $c = $v.Retrieve('${KEYRING_SERVICE}', '${KEYRING_ACCOUNT}'); $c.RetrievePassword(); [Console]::Out.Write($c.Password) } catch { exit 44 }`;
    return ['-NoProfile', '-NonInteractive', '-Command', script];
  }

  static storeArgs(): string[] {
    const script = `${WindowsCredentialLocker.VAULT}$p = [Console]::In.ReadToEnd(); $v.Add((New-Object Windows.Security.Credentials.PasswordCredential('${KEYRING_SERVICE}', '${KEYRING_ACCOUNT}', $p)))`;
    return ['-NoProfile', '-NonInteractive', '-Command', script];
  }

  async lookup(): Promise<KeyringAnswer> {
    const result = await attempt(this.run, 'powershell.exe', WindowsCredentialLocker.lookupArgs());
    if ('missingTool' in result) return { kind: 'unavailable', why: result.missingTool };
    if (result.code === 0 && result.stdout.length > 0) return { kind: 'found', value: result.stdout };
    if (result.code === 44) return { kind: 'missing' };
    return { kind: 'unavailable', why: `PasswordVault: ${firstLine(result.stderr) || `exit code ${result.code}`}` };
  }

  async store(value: string): Promise<void> {
    const result = await attempt(this.run, 'powershell.exe', WindowsCredentialLocker.storeArgs(), value);
    if ('missingTool' in result) throw new Error(result.missingTool);
    if (result.code !== 0) throw new Error(`PasswordVault.Add failed: ${firstLine(result.stderr) || `exit code ${result.code}`}`);
  }

  async clear(): Promise<void> {
    const script = `${WindowsCredentialLocker.VAULT}try { $v.Remove($v.Retrieve('${KEYRING_SERVICE}', '${KEYRING_ACCOUNT}')) } catch { }`;
    await attempt(this.run, 'powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script]);
  }
}

/** The keyring of this OS, or null where Pinfleet knows none. */
export function keyringForPlatform(platform: NodeJS.Platform = process.platform, run: CommandRunner = runCommand): PassphraseKeyring | null {
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return new SecretToolKeyring(run);
    case 'darwin':
      return new MacKeychain(run);
    case 'win32':
      return new WindowsCredentialLocker(run);
    default:
      return null;
  }
}
