// vitest globalSetup of the integration project: brings the test fleet up once per run (reusing and
// repairing one that is already running), hands its description to the tests via
// `inject('fleet')`, and takes down only what it started. A missing prerequisite fails the run
// with one line naming it; it never skips.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { isDockerdUp } from './docker-daemon.js';
import { fleetDescriptionPath, loadFleet, type FleetDescription } from './fleet-description.js';
import { defaultFleetOptions } from './fleet-layout.js';
import { fleetDown, fleetUp } from './fleet.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fleet: FleetDescription;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const options = defaultFleetOptions();
  const descriptionPath = fleetDescriptionPath(options.stateDir);
  const wasRunning = existsSync(descriptionPath) && (await isDockerdUp());
  if (wasRunning) {
    // Keep the running fleet's shape (size, Cluster) rather than shrinking it under its owner.
    const running = loadFleet(descriptionPath);
    options.nodes = running.servers.filter((s) => s.role === 'storage').length;
    options.cluster ||= running.images.cluster !== undefined;
    options.sshPort = running.servers[0]?.ssh.port ?? options.sshPort;
  }
  const started = Date.now();
  const fleet = await fleetUp(options);
  console.log(`test fleet ${wasRunning ? 'reused' : 'started'} in ${((Date.now() - started) / 1000).toFixed(1)}s: ${descriptionPath}`);
  project.provide('fleet', fleet);
  return async () => {
    if (!wasRunning && process.env.PINFLEET_KEEP_FLEET !== '1') await fleetDown(options);
  };
}
