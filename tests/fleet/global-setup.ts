// vitest globalSetup of the integration project: brings the test fleet up once per run (reusing and
// repairing one that is already running), hands its description to the tests via
// `inject('fleet')`, and takes down a fleet that a test run started. Runs take turns on the fleet
// (fleet-lease.ts). A missing prerequisite fails the run
// with one line naming it; it never skips.
import { existsSync, writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { isDockerdUp } from './docker-daemon.js';
import { fleetDescriptionPath, loadFleet, type FleetDescription } from './fleet-description.js';
import { defaultFleetOptions } from './fleet-layout.js';
import { fleetDown, fleetUp } from './fleet.js';
import { startedByTestsMarker, takeTestRunLock, withFleetLock } from './fleet-lease.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fleet: FleetDescription;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Integration runs include Cluster unless told not to (PINFLEET_FLEET_CLUSTER=0): its tests need it.
  const options = { ...defaultFleetOptions(), cluster: process.env.PINFLEET_FLEET_CLUSTER !== '0' };
  const descriptionPath = fleetDescriptionPath(options.stateDir);
  const releaseRun = await takeTestRunLock(options.stateDir);
  const started = Date.now();
  const { fleet, wasRunning } = await withFleetLock(options.stateDir, async () => {
    const wasRunning = existsSync(descriptionPath) && (await isDockerdUp());
    if (wasRunning) {
      // Keep the running fleet's shape (size, Cluster, port) rather than changing it under its owner.
      const running = loadFleet(descriptionPath);
      options.nodes = running.servers.filter((s) => s.role === 'storage').length;
      options.cluster ||= running.images.cluster !== undefined;
      options.sshPort = running.servers[0]?.ssh.port ?? options.sshPort;
    }
    const fleet = await fleetUp(options);
    if (!wasRunning) writeFileSync(startedByTestsMarker(options.stateDir), String(process.pid));
    return { fleet, wasRunning };
  });
  console.log(`test fleet ${wasRunning ? 'reused' : 'started'} in ${((Date.now() - started) / 1000).toFixed(1)}s: ${descriptionPath}`);
  project.provide('fleet', fleet);
  return async () => {
    try {
      // A fleet a person brought up with `up` is theirs (no marker): leave it running.
      const ours = existsSync(startedByTestsMarker(options.stateDir));
      if (ours && process.env.PINFLEET_KEEP_FLEET !== '1') await withFleetLock(options.stateDir, () => fleetDown(options));
    } finally {
      releaseRun();
    }
  };
}
