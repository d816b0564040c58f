// `npm run demo`: the console against a real fleet. Brings the fleet up, registers its storage
// servers in a fresh data directory, then runs `pinfleet serve` on it until Ctrl-C; a fleet the
// demo started is taken down again on the way out.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDockerdUp } from './docker-daemon.js';
import { fleetDescriptionPath } from './fleet-description.js';
import { defaultFleetOptions } from './fleet-layout.js';
import { fleetDown, fleetUp } from './fleet.js';
import { printFleet } from './fleet-report.js';
import { consoleCli, registerFleet } from './register.js';
import { withFleetLock } from './fleet-lease.js';

async function main(): Promise<void> {
  const options = { ...defaultFleetOptions(), cluster: process.argv.includes('--cluster') };
  const log = (message: string): void => console.log(`· ${message}`);
  const { fleet, wasRunning } = await withFleetLock(options.stateDir, async () => {
    const wasRunning = existsSync(fleetDescriptionPath(options.stateDir)) && (await isDockerdUp());
    return { fleet: await fleetUp(options, log), wasRunning };
  });
  printFleet(fleet);

  const dataDir = mkdtempSync(join(tmpdir(), 'pinfleet-demo-'));
  await registerFleet(fleet, dataDir, log);

  // A browser can only open where there is a display.
  const canOpen = Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
  const serve = spawn(process.execPath, [consoleCli, '--data-dir', dataDir, 'serve', ...(canOpen ? ['--open'] : [])], {
    stdio: 'inherit',
    // register set each node's credentials (the harness's key); the provisioning wizard will deploy
    // the locally built image instead of the official one, which no registry here can serve.
    env: { ...process.env, PINFLEET_KUBO_IMAGE: fleet.images.kubo },
  });
  // Ctrl-C reaches `serve` too (same process group); wait for it to close, then tidy up.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => serve.kill('SIGTERM'));
  const code = await new Promise<number>((resolve) => serve.on('exit', (c) => resolve(c ?? 0)));
  if (!wasRunning) await withFleetLock(options.stateDir, () => fleetDown(options, log));
  else log('fleet left running (it was up before the demo); stop it with `npm run fleet -- down`');
  process.exitCode = code;
}

main().catch((error: unknown) => {
  console.error(`demo: ${(error as Error).message}`);
  process.exitCode = 1;
});
