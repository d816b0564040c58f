// Parses `pinfleet [global flags] <command> [subcommand] [args] [flags]`. Flags may come anywhere.
import { parseArgs } from 'node:util';
import { PinfleetError } from '../../src-preload/contract/errors.js';

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  // status
  offline: { type: 'boolean' },
  // nodes add
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  'host-key': { type: 'string' },
  tags: { type: 'string' },
  region: { type: 'string' },
  priority: { type: 'string' },
  notes: { type: 'string' },
  state: { type: 'string' },
  api: { type: 'string' },
  gateway: { type: 'string' },
  'api-url': { type: 'string' },
  'kubo-container': { type: 'string' },
  // serve
  open: { type: 'boolean' },
  'no-open': { type: 'boolean' },
  'allow-remote': { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  // inventory
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  update: { type: 'boolean' },
  // hostkeys
  fingerprint: { type: 'string' },
  previous: { type: 'string' },
  next: { type: 'string' },
  // credentials set
  'key-file': { type: 'string' },
  agent: { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  'key-stdin': { type: 'boolean' },
  'passphrase-stdin': { type: 'boolean' },
  'api-token-stdin': { type: 'boolean' },
  'api-basic-stdin': { type: 'boolean' },
  'api-none': { type: 'boolean' },
  // upload
  replicas: { type: 'string' },
  node: { type: 'string' },
  // preflight, adopt
  name: { type: 'string' },
  'data-path': { type: 'string' },
  listen: { type: 'string' },
  // cluster
  rmin: { type: 'string' },
  rmax: { type: 'string' },
  filter: { type: 'string' },
  limit: { type: 'string' },
  enable: { type: 'boolean' },
  disable: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'state-dir': { type: 'string' },
  // provision, decommission
  reserve: { type: 'string' },
  'storage-max': { type: 'string' },
  image: { type: 'string' },
  'image-file': { type: 'string' },
  'send-image': { type: 'boolean' },
  'private-network': { type: 'boolean' },
  'cluster-peer': { type: 'boolean' },
  'cluster-bootstrap': { type: 'string' },
  'cluster-image': { type: 'string' },
  'cluster-run-as': { type: 'string' },
  'rpc-token': { type: 'boolean' },
  'gateway-fetch': { type: 'boolean' },
  'fleet-networks': { type: 'string' },
  'swarm-address': { type: 'string' },
  'run-as': { type: 'string' },
  container: { type: 'string' },
  'install-docker': { type: 'boolean' },
  'from-step': { type: 'string' },
  rollback: { type: 'boolean' },
  // provision --rollback: the run to undo (a successful one is undone only when named)
  'run-id': { type: 'string' },
  'remove-container': { type: 'boolean' },
  'remove-data': { type: 'boolean' },
  // decommission: the node's name, typed to confirm a run that deletes data
  confirm: { type: 'string' },
  'realloc-timeout': { type: 'string' },
} as const;

/** The command line itself is wrong (exit code 2), as opposed to a refused request (exit code 1). */
export class UsageError extends PinfleetError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

export type CliFlags = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedArgs {
  positionals: string[];
  flags: CliFlags;
}

export function parseCliArgs(argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    return { positionals, flags: values as CliFlags };
  } catch (error) {
    // Node's own wording adds advice about '--' that only confuses here: keep the first sentence.
    const message = (error instanceof Error ? error.message.split('\n')[0]! : String(error)).split('. To specify')[0]!;
    throw new UsageError(`${message}. Run \`pinfleet --help\` for usage.`);
  }
}

/** A whole number flag, or undefined when absent; a clear error when it is not a number. */
export function integerFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) {
    throw new PinfleetError('invalid_input', `--${name}: "${value}" is not a whole number`);
  }
  return Number(value);
}

export function listFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
