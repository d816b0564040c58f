// The `docker` CLI pointed at the fleet's own dockerd (never at a system Docker the machine may run).
import { createHash } from 'node:crypto';
import { dockerHost } from './fleet-layout.js';
import { run, runCommand, type RunOptions, type RunResult } from './shell.js';

const env = (): NodeJS.ProcessEnv => ({ ...process.env, DOCKER_HOST: dockerHost });

export function docker(args: readonly string[], options: RunOptions = {}): Promise<string> {
  return run('docker', args, { ...options, env: env() });
}

export function dockerResult(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return runCommand('docker', args, { ...options, env: env() });
}

export interface ContainerState {
  running: boolean;
  /** The `pinfleet.run-hash` label: a hash of the `docker run` arguments it was made with. */
  runHash: string;
}

export async function inspectContainer(name: string): Promise<ContainerState | undefined> {
  const format = '{{.State.Running}} {{index .Config.Labels "pinfleet.run-hash"}}';
  const result = await dockerResult(['container', 'inspect', '--format', format, name]);
  if (result.code !== 0) return undefined;
  const [running, runHash] = result.stdout.trim().split(' ');
  return { running: running === 'true', runHash: runHash ?? '' };
}

/**
 * Starts a container unless one made from exactly these arguments exists (then it is started if
 * stopped); a container from other arguments (a new image, changed settings) is replaced.
 */
export async function ensureContainer(name: string, runArgs: string[]): Promise<void> {
  const runHash = createHash('sha256').update(JSON.stringify(runArgs)).digest('hex').slice(0, 16);
  const existing = await inspectContainer(name);
  if (existing?.runHash === runHash) {
    if (!existing.running) await docker(['start', name]);
    return;
  }
  if (existing) await docker(['rm', '--force', name]);
  await docker(['run', '--detach', '--name', name, '--label', `pinfleet.run-hash=${runHash}`, ...runArgs]);
}
