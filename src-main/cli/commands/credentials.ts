// `pinfleet credentials set|show NAME`: how the console logs in to a node. Secrets are read from
// stdin (never from the command line, where `ps` and shell history would keep them) and go to the
// secret store; `show` never prints one.
import type { ChannelInput } from '../../../src-preload/contract/contract.js';
import type { CredentialStatus } from '../../../src-preload/contract/connection-types.js';
import { UsageError, type CliFlags } from '../args.js';
import { call, type CommandContext } from '../command.js';

const SET_USAGE =
  'pinfleet credentials set NAME --key-file PATH [--passphrase-stdin] | --agent | --password-stdin | --key-stdin [--passphrase-stdin]';

const METHOD_WORDS: Record<NonNullable<CredentialStatus['method']>, string> = {
  agent: 'ssh-agent (SSH_AUTH_SOCK)',
  keyFile: 'private key file',
  storedKey: 'private key kept in the secret store',
  password: 'password kept in the secret store',
};

function describeStatus(status: CredentialStatus): string {
  return [
    `${status.name}`,
    `  login:     ${status.method ? METHOD_WORDS[status.method] : 'not set: pinfleet credentials set ' + status.name + ' --key-file PATH'}`,
    ...(status.keyPath ? [`  key file:  ${status.keyPath}`] : []),
    `  secret:    ${status.hasSecret ? 'stored (never shown)' : 'none'}`,
  ].join('\n');
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('this option reads the secret from stdin: pipe it in, e.g. `pass show node1 | pinfleet …`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The first line, without its line ending: how passwords and passphrases are piped in. */
const firstLine = (text: string) => text.split(/\r?\n/, 1)[0] ?? '';

/**
 * Builds credentials.set input from flags and stdin. With --key-stdin and --passphrase-stdin
 * together, the first line of stdin is the passphrase and the key follows it.
 */
export function credentialsInputFromFlags(name: string, flags: CliFlags, stdin: string | null): ChannelInput<'credentials.set'> {
  const methods = [flags['key-file'] !== undefined, flags.agent === true, flags['password-stdin'] === true, flags['key-stdin'] === true];
  if (methods.filter(Boolean).length !== 1) throw new UsageError(`give exactly one way to log in: ${SET_USAGE}`);
  const wantsPassphrase = flags['passphrase-stdin'] === true;
  if (wantsPassphrase && !flags['key-file'] && !flags['key-stdin']) throw new UsageError('--passphrase-stdin goes with --key-file or --key-stdin');
  if (flags.agent) return { name, method: 'agent' };
  const text = stdin ?? '';
  if (flags['password-stdin']) return { name, method: 'password', password: firstLine(text) };
  if (flags['key-file'] !== undefined) {
    return { name, method: 'keyFile', keyPath: flags['key-file'], ...(wantsPassphrase ? { passphrase: firstLine(text) } : {}) };
  }
  if (wantsPassphrase) {
    const newline = text.search(/\r?\n/);
    const passphrase = newline < 0 ? text : text.slice(0, newline);
    const privateKey = newline < 0 ? '' : text.slice(newline).replace(/^\r?\n/, '');
    return { name, method: 'storedKey', privateKey, passphrase };
  }
  return { name, method: 'storedKey', privateKey: text };
}

export async function credentialsCommand(sub: string | undefined, ctx: CommandContext): Promise<void> {
  const name = ctx.args[0];
  switch (sub) {
    case 'show':
    case 'get': {
      if (!name) throw new UsageError('usage: pinfleet credentials show NAME');
      const status = await call(ctx, 'credentials.get', { name });
      ctx.out.data(status, () => describeStatus(status));
      return;
    }
    case 'set': {
      if (!name) throw new UsageError(`usage: ${SET_USAGE}`);
      const f = ctx.flags;
      const needsStdin = f['password-stdin'] === true || f['key-stdin'] === true || f['passphrase-stdin'] === true;
      const input = credentialsInputFromFlags(name, f, needsStdin ? await readStdin() : null);
      const status = await call(ctx, 'credentials.set', input);
      ctx.out.data(status, () => `Saved how to log in to ${status.name}.\n${describeStatus(status)}`);
      return;
    }
    default:
      throw new UsageError(`unknown credentials command "${sub ?? ''}": use set or show`);
  }
}
