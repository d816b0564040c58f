// The `docker` CLI pointed at the fleet's own dockerd (never at a system Docker the machine may run).
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
  image: string;
}

export async function inspectContainer(name: string): Promise<ContainerState | undefined> {
  const result = await dockerResult(['container', 'inspect', '--format', '{{.State.Running}} {{.Config.Image}}', name]);
  if (result.code !== 0) return undefined;
  const [running, image] = result.stdout.trim().split(' ');
  return { running: running === 'true', image: image ?? '' };
}
