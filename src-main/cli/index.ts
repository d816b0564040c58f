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
import { clusterCommand } from './commands/cluster.js';
import { USAGE } from './usage.js';
import { provisionCommand } from './commands/provision.js';
import { decommissionCommand } from './commands/decommission.js';



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
    // Options without a command would be ignored: refuse them rather than print the help and exit 0.
    const stray = Object.keys(flags).filter((f) => !['help', 'json', 'data-dir'].includes(f));
    if (command === undefined && stray.length > 0) {
      throw new UsageError(`${stray.map((f) => `--${f}`).join(', ')} needs a command: run \`pinfleet --help\` for the list.`);
    }
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
