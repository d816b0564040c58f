// Where the node's Docker engine listens, from `printenv DOCKER_HOST` in an SSH session (what the
// docker CLI on the server would use), defaulting to the standard socket.
import { PinfleetError } from '../../src-preload/contract/errors.js';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

export type DockerEndpoint = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

export function parseDockerHost(value: string | null | undefined, node: string): DockerEndpoint {
  const text = (value ?? '').trim();
  if (text === '') return { kind: 'unix', path: DEFAULT_DOCKER_SOCKET };
  if (text.startsWith('unix://')) {
    const path = text.slice('unix://'.length);
    if (!path.startsWith('/')) throw new PinfleetError('remote_failed', `DOCKER_HOST on ${node} is "${text}": expected unix:///absolute/path.`);
    return { kind: 'unix', path };
  }
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(text);
  if (tcp) {
    // Plain TCP to an engine on the server itself (reached through the SSH connection, so from the server's side).
    return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port: tcp[2] ? Number(tcp[2]) : 2375 };
  }
  throw new PinfleetError(
    'remote_failed',
    `DOCKER_HOST on ${node} is "${text.slice(0, 80)}", which Pinfleet cannot reach over SSH; use a unix:// socket or tcp:// on the server.`,
  );
}
