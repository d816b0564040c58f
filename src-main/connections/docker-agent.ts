// Dockerode over the node's pooled SSH connection without any local listener: an http.Agent whose
// "sockets" are SSH channels to the engine's socket on the server (OpenSSH's streamlocal
// forwarding), so Docker is never exposed on a local port, not even on 127.0.0.1.
import type { Duplex } from 'node:stream';
import Docker from 'dockerode';
import { SshChannelAgent } from './channel-agent.js';

export type DockerChannelOpener = () => Promise<Duplex>;

export interface DockerOverSsh {
  docker: Docker;
  close(): void;
}

export function dockerOverSsh(openChannel: DockerChannelOpener): DockerOverSsh {
  const agent = new SshChannelAgent(openChannel);
  // host/port only fill the request line: every connection goes through the agent. They name the
  // discard port on loopback so that nothing could ever leave this machine if they were used.
  const docker = new Docker({ protocol: 'http', host: '127.0.0.1', port: 9, agent } as Docker.DockerOptions);
  return { docker, close: () => agent.destroy() };
}
