#!/usr/bin/env node
// The `pinfleet` command: scripting what the console does, over the same router the UI uses.
// Exit 0 on success; on failure one line on stderr and a non-zero code.
import { createAppContext, type AppContext } from '../app/compose.js';
import { resolveDataDir } from '../core/data-dir.js';
import { APP_VERSION } from '../app/version.js';
import { parseCliArgs, UsageError } from './args.js';
import { EXAMPLES } from './examples.js';
import { argumentsProblem, commandHelp, commandTable, unknownCommandProblem } from './help.js';
import type { CommandContext } from './command.js';
import { createOutput } from './output.js';
import { credentialsCommand } from './commands/credentials.js';
import { hostkeysCommand } from './commands/hostkeys.js';
import { inventoryCommand } from './commands/inventory.js';
import { nodesCommand } from './commands/nodes.js';
import { serveCommand } from './commands/serve.js';
import { startCommand } from './commands/start.js';
import { statusCommand } from './commands/status.js';
import { uploadCommand } from './commands/upload.js';
import { adoptCommand } from './commands/adopt.js';
import { preflightCommand } from './commands/preflight.js';
import { clusterCommand, CLUSTER_USAGE } from './commands/cluster.js';
import { provisionCommand } from './commands/provision.js';
import { decommissionCommand } from './commands/decommission.js';

const USAGE = `Pinfleet ${APP_VERSION} — a console for a fleet of IPFS storage servers

Usage: pinfleet [--data-dir DIR] [--json] <command>

Commands:
  start                          open the console (Electron, or the browser when Electron is unavailable)
  serve [--port N] [--open|--no-open]  serve the console to a browser on 127.0.0.1 and print its URL
        [--host H --allow-remote --tls-cert F --tls-key F]
  status [--offline]             fleet summary (--offline: the last known figures, without polling)
  nodes list                     list the inventory
  nodes show NAME                one node in detail
  nodes add NAME --host HOST [--port 22] [--user root] [--host-key SHA256:…]
            [--tags a,b] [--region R] [--priority N] [--notes TEXT]
            [--api 127.0.0.1:5001] [--gateway 127.0.0.1:8080] [--api-url https://HOST:5001] [--kubo-container NAME]
  nodes update NAME [--name NEW] [--host HOST] [--port N] [--user U] [--tags a,b] [--region R|none]
            [--priority N] [--state active|draining] [--notes TEXT] [--api H:P] [--gateway H:P]
            [--api-url URL|none] [--kubo-container NAME|none]
                                 change fields; a new host, port or --api-url clears the host-key pin
                                 (confirm again with hostkeys trust), a new --api-url drops the RPC credential
  nodes remove NAME              remove from the inventory and its secrets from the secret store (the server is not touched)
  inventory export [--format json|csv] [-o FILE]
  inventory import FILE [--format json|csv|env] [--update]
  hostkeys check NAME            the host key the server presents, and whether it matches the pin
  hostkeys trust NAME --fingerprint SHA256:…           pin it (after comparing it on the server)
  hostkeys replace NAME --previous SHA256:… --next SHA256:…   change a pin (audited)
  credentials set NAME --key-file PATH [--passphrase-stdin] | --agent | --password-stdin
                       | --key-stdin [--passphrase-stdin: first stdin line, then the key]
  credentials set NAME --api-token-stdin | --api-basic-stdin (user:password) | --api-none
                                 kubo's API.Authorizations credential, for the direct URL or the tunnel
  credentials show NAME          how Pinfleet logs in (never prints a secret)
  upload PATH… [--replicas N] [--node NAME]   send files or folders to the fleet (progress on stderr)
  preflight HOST --host-key SHA256:… (--key-file F | --agent) --data-path P [--user U] [--port 22] [--listen ADDR]
                                 check a server before provisioning (OS, disk, memory, Docker, ports, clock)
  adopt HOST --name N --host-key SHA256:… (--key-file F | --agent) [--user U] [--tags a,b] [--region R] [--priority N]
                                 find the kubo already running on a server and register it
${CLUSTER_USAGE}
  provision HOST --host-key SHA256:… (--key-file F | --agent) --name N --data-path P
            [--reserve SIZE] [--storage-max SIZE] [--tags a,b] [--region R] [--priority N]
            [--cluster-peer [--cluster-bootstrap MULTIADDR,…] [--cluster-image REF] [--cluster-run-as UID:GID]]
            [--image REF] [--send-image [--image-file TAR]] [--private-network [--fleet-networks CIDR,…]] [--rpc-token] [--gateway-fetch]
            [--swarm-address IP] [--run-as UID:GID] [--container NAME] [--install-docker] [--from-step S] [--rollback [--run-id N] [--confirm NODE] [--dry-run]]
                                 turn a server into a kubo node (resumable; --rollback shows, then undoes the
                                 unfinished run or the one named; deleting data needs --confirm NODE)
  decommission NAME [--remove-container] [--remove-data] [--replicas N] [--dry-run] [--confirm NAME]
               [--realloc-timeout SECONDS]
                                 show the plan, move a node's pins to the others (in Cluster mode:
                                 remove its peer and let Cluster re-allocate), then stop and remove it;
                                 deleting data needs the name typed (or --confirm NAME)

Options:
  --data-dir DIR   where the inventory lives (default: $PINFLEET_DATA_DIR, else the OS app-data folder)
  --json           machine-readable output
`;

// Exit codes: 1 a request failed, 2 the command line was wrong.
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

async function run(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCliArgs(argv);
  if (flags.version) {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  const [command, sub, ...rest] = positionals;
  if (command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  // A typo must not run the general help and exit 0: a script could not tell it went wrong.
  const problem = unknownCommandProblem(USAGE, command, sub);
  if (problem) throw new UsageError(problem);
  if (flags.help) {
    process.stdout.write(commandHelp(USAGE, command, sub, EXAMPLES) ?? USAGE);
    return 0;
  }
  // Options or arguments another command takes are refused before anything runs: ignoring them
  // would do something the admin did not ask for, and exit 0.
  const hasSub = (commandTable(USAGE).commands.get(command)?.size ?? 0) > 0;
  const stray = argumentsProblem(USAGE, command, sub, Object.keys(flags), hasSub ? rest : positionals.slice(1));
  if (stray) throw new UsageError(stray);
  const dataDir = resolveDataDir(flags['data-dir']);
  let app: AppContext | undefined;
  const ctx: CommandContext = {
    args: ['nodes', 'inventory', 'hostkeys', 'credentials'].includes(command)
      ? rest
      : [sub, ...rest].filter((a): a is string => a !== undefined),
    flags,
    out: createOutput(flags.json ?? false),
    dataDir,
    // The long-running console (serve, start) polls the fleet in the background; one-shot commands
    // poll on demand (status) or not at all.
    app: () => {
      const longRunning = command === 'serve' || command === 'start';
      return (app ??= createAppContext({ dataDir, actor: longRunning ? 'web' : 'cli', runPoller: longRunning }));
    },
  };
  try {
    switch (command) {
      case 'nodes':
        await nodesCommand(sub, ctx);
        break;
      case 'inventory':
        await inventoryCommand(sub, ctx);
        break;
      case 'hostkeys':
        await hostkeysCommand(sub, ctx);
        break;
      case 'credentials':
        await credentialsCommand(sub, ctx);
        break;
      case 'status':
        await statusCommand(ctx);
        break;
      case 'upload':
        await uploadCommand(ctx);
        break;
      case 'preflight':
        await preflightCommand(ctx);
        break;
      case 'adopt':
        await adoptCommand(ctx);
        break;
      case 'provision':
        await provisionCommand(ctx);
        break;
      case 'decommission':
        await decommissionCommand(ctx);
        break;
      case 'serve':
        await serveCommand(ctx);
        break;
      case 'start':
        await startCommand(ctx);
        break;
      case 'cluster':
        await clusterCommand(ctx);
        break;
      default:
        throw new UsageError(`unknown command "${command}". Run \`pinfleet --help\` for usage.`);
    }
  } finally {
    await app?.close();
  }
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pinfleet: ${message.split('\n')[0]}\n`);
    process.exit(error instanceof UsageError ? EXIT_USAGE : EXIT_FAILED);
  },
);
