// Whether Docker is installed and usable by the SSH user, from `docker version --format …` run on
// the server. Pure: the runner hands in what the command printed.
import type { PreflightFinding } from '../../../src-preload/contract/provisioning-types.js';
import type { ExecResult } from '../../connections/index.js';

export const DOCKER_VERSION_ARGV = ['docker', 'version', '--format', '{{.Server.Version}}'] as const;

export function judgeDocker(result: ExecResult, user: string): PreflightFinding {
  const out = result.stdout.trim();
  const err = result.stderr.trim();
  if (result.code === 0 && /^\d+\.\d+/.test(out)) return { check: 'docker', status: 'pass', summary: `Docker ${out}, usable by ${user}`, action: null };
  if (result.code === 127 || /command not found|not found/i.test(err)) {
    return { check: 'docker', status: 'fail', summary: 'Docker is not installed', action: 'Install Docker (the wizard\'s "Docker present" step does it, or: apt-get install docker.io).' };
  }
  if (/permission denied/i.test(err)) {
    return { check: 'docker', status: 'fail', summary: `${user} may not use the Docker socket`, action: `Add ${user} to the docker group (usermod -aG docker ${user}), then log in again.` };
  }
  if (/Cannot connect to the Docker daemon|Is the docker daemon running/i.test(err)) {
    return { check: 'docker', status: 'fail', summary: 'Docker is installed but its daemon is not running', action: 'Start it: systemctl enable --now docker.' };
  }
  return { check: 'docker', status: 'fail', summary: `docker version failed: ${(err || out).split('\n')[0]!.slice(0, 160)}`, action: 'Run `docker version` on the server as this user and fix what it says.' };
}
