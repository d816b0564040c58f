// `pinfleet credentials set|show NAME`: how the console logs in to a node. Secrets are read from
// stdin (never from the command line, where `ps` and shell history would keep them) and go to the
// secret store; `show` never prints one.
import type { ChannelInput } from '../../../src-preload/contract/contract.js';
import type { ApiAccessStatus, CredentialStatus } from '../../../src-preload/contract/connection-types.js';
import { UsageError, type CliFlags } from '../args.js';
import { call, type CommandContext } from '../command.js';

const SET_USAGE =
  'pinfleet credentials set NAME --key-file PATH [--passphrase-stdin] | --agent | --password-stdin | --key-stdin [--passphrase-stdin]' +
  ' | --api-token-stdin | --api-basic-stdin | --api-none';

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
    ...(status.api ? describeApi(status.api, status.name) : []),
  ].join('\n');
}

function describeApi(api: ApiAccessStatus, name: string): string[] {
  const credential = api.credential === 'bearer' ? 'bearer token stored (never shown)' : api.credential === 'basic' ? 'basic user:password stored (never shown)' : 'none';
  return [
    `  kubo RPC:  ${api.mode === 'direct' ? `direct URL ${api.url ?? ''}` : 'SSH tunnel to the node\'s API address'}`,
    `  RPC auth:  ${credential}${api.credential === null ? ` (kubo with API.Authorizations needs one: pinfleet credentials set ${name} --api-token-stdin)` : ''}`,
    ...api.warnings.map((w) => `  WARNING:   ${w.code}: ${w.message}`),
  ];
}

/** credentials.setApi input from flags and stdin (the token, or `user:password`, on the first line). */
export function apiCredentialsInputFromFlags(name: string, flags: CliFlags, stdin: string | null): ChannelInput<'credentials.setApi'> {
  const chosen = [flags['api-token-stdin'] === true, flags['api-basic-stdin'] === true, flags['api-none'] === true].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('give exactly one of --api-token-stdin, --api-basic-stdin (user:password on stdin) or --api-none');
  if (flags['api-none']) return { name, scheme: 'none' };
  const line = firstLine(stdin ?? '');
  if (flags['api-token-stdin']) return { name, scheme: 'bearer', token: line };
  const colon = line.indexOf(':');
  if (colon <= 0) throw new UsageError('--api-basic-stdin reads `user:password` from stdin (one line, as in API.Authorizations "basic:user:password")');
  return { name, scheme: 'basic', user: line.slice(0, colon), password: line.slice(colon + 1) };
}

const isApiFlags = (f: CliFlags) => f['api-token-stdin'] === true || f['api-basic-stdin'] === true || f['api-none'] === true;

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
      if (isApiFlags(f)) {
        if (f['key-file'] !== undefined || f.agent || f['password-stdin'] || f['key-stdin'] || f['passphrase-stdin']) {
          throw new UsageError('set the SSH login and the RPC credential in two commands: one reads its secret from stdin');
        }
        const input = apiCredentialsInputFromFlags(name, f, f['api-none'] ? null : await readStdin());
        const status = await call(ctx, 'credentials.setApi', input);
        ctx.out.data(status, () => `Saved the RPC credential of ${status.name}.\n${describeStatus(status)}`);
        return;
      }
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
