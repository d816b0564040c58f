// An http.Agent whose "sockets" are SSH channels opened on the node's pooled connection: a request
// made with it goes straight into the SSH connection, with no local listener and no loopback hop
// in between (Docker's socket uses it, and so do uploads' long adds to kubo, where the hop cost a
// second copy of every byte through this process's event loop).
import { Agent, type ClientRequestArgs } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export type ChannelOpener = () => Promise<Duplex>;

const noop = () => {};

/** An SSH channel stands in for a net.Socket; http only calls these tuning methods on it. */
export function asSocket(channel: Duplex): Socket {
  const socket = channel as Duplex & Partial<Socket>;
  socket.setKeepAlive = noop as never;
  socket.setNoDelay = noop as never;
  socket.setTimeout = noop as never;
  socket.ref = noop as never;
  socket.unref = noop as never;
  return socket as Socket;
}

/**
 * One channel per request, not kept alive: a channel is cheap on an open connection, and a kept
 * channel would outlive a reconnect of the connection underneath.
 */
export class SshChannelAgent extends Agent {
  constructor(private readonly openChannel: ChannelOpener) {
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
