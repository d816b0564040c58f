// Dockerode over the node's pooled SSH connection without any local listener: an http.Agent whose
// "sockets" are SSH channels to the engine's socket on the server (OpenSSH's streamlocal
// forwarding), so Docker is never exposed on a local port, not even on 127.0.0.1.
import { Agent, type ClientRequestArgs } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import Docker from 'dockerode';

export type DockerChannelOpener = () => Promise<Duplex>;

const noop = () => {};

/** An SSH channel stands in for a net.Socket; http only calls these tuning methods on it. */
function asSocket(channel: Duplex): Socket {
  const socket = channel as Duplex & Partial<Socket>;
  socket.setKeepAlive = noop as never;
  socket.setNoDelay = noop as never;
  socket.setTimeout = noop as never;
  socket.ref = noop as never;
  socket.unref = noop as never;
  return socket as Socket;
}

class SshChannelAgent extends Agent {
  constructor(private readonly openChannel: DockerChannelOpener) {
    super({ keepAlive: false });
  }

  // Node's http.Agent supports this asynchronous form: return nothing and call back with the socket.
  override createConnection(_options: ClientRequestArgs, callback?: (error: Error | null, socket: Socket) => void): Socket {
    this.openChannel().then(
      (channel) => callback?.(null, asSocket(channel)),
      (error: unknown) => callback?.(error instanceof Error ? error : new Error(String(error)), undefined as never),
    );
    return undefined as never;
  }
}

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
