// `npm run fleet -- <command>`: up, down, status, register, fault. See tests/fleet/README.md.
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fleetDown, fleetUp } from './fleet.js';
import { defaultFleetOptions, type FleetOptions } from './fleet-layout.js';
import { fleetDescriptionPath, loadFleet } from './fleet-description.js';
import { printFleet, printStatus } from './fleet-report.js';
import { registerFleet } from './register.js';
import { startedByTestsMarker, testRunHolder, withFleetLock } from './fleet-lease.js';
import { runFaultCommand, faultUsage } from './fault-command.js';

const usage = `usage: npm run fleet -- <command>
  up [--nodes N] [--cluster] [--ssh-port P]   start (or repair) the fleet, write ${fleetDescriptionPath()}
  down                                        stop everything the fleet runs
  status                                      what is running, per server
  register [--data-dir D]                     add the fleet to a console inventory (node out/main/cli.js)
  fault <kind> <server>                       inject or undo a fault:
${faultUsage}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      nodes: { type: 'string' },
      cluster: { type: 'boolean' },
      'ssh-port': { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const options: FleetOptions = {
    ...defaultFleetOptions(),
    ...(values.nodes ? { nodes: Number(values.nodes) } : {}),
    ...(values.cluster ? { cluster: true } : {}),
    ...(values['ssh-port'] ? { sshPort: Number(values['ssh-port']) } : {}),
  };
  const begun = Date.now();
  const log = (message: string): void => console.log(`· ${((Date.now() - begun) / 1000).toFixed(1).padStart(5)}s  ${message}`);
  switch (command) {
    case 'up': {
      const started = Date.now();
      const fleet = await withFleetLock(options.stateDir, () => fleetUp(options, log));
      // A fleet someone brought up by hand is theirs: test runs reuse it and leave it running.
      rmSync(startedByTestsMarker(options.stateDir), { force: true });
      printFleet(fleet);
      console.log(`fleet up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
      return;
    }
    case 'down': {
      const holder = testRunHolder(options.stateDir);
      if (holder) log(`note: a test run (pid ${holder}) is using the fleet`);
      return withFleetLock(options.stateDir, () => fleetDown(options, log));
    }
    case 'status':
      return printStatus(loadFleet());
    case 'register':
      await registerFleet(loadFleet(), values['data-dir'], log);
      return;
    case 'fault':
      return runFaultCommand(loadFleet(), positionals, log);
    default:
      console.error(usage);
      process.exitCode = command === undefined || command === 'help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`fleet: ${(error as Error).message}`);
  process.exitCode = 1;
});
