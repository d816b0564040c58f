// A listener on 127.0.0.1:<random> whose every connection becomes one SSH channel, opened by the
// caller-supplied function on the node's pooled connection. The channel is opened per local
// connection, so the listener (and its URL) outlives reconnects of the SSH connection underneath.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface LocalForward {
  port: number;
  close(): Promise<void>;
}

export type ChannelOpener = (socket: Socket) => Promise<Duplex>;

export async function openLocalForward(openChannel: ChannelOpener, onError: (error: unknown) => void = () => {}): Promise<LocalForward> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.pause(); // Hold the request bytes until the channel exists.
    openChannel(socket).then(
      (channel) => {
        if (socket.destroyed) {
          channel.destroy();
          return;
        }
        channel.on('error', () => socket.destroy());
        socket.on('close', () => channel.destroy());
        channel.on('close', () => socket.destroy());
        socket.pipe(channel).pipe(socket);
        socket.resume();
      },
      (error: unknown) => {
        onError(error);
        socket.destroy();
      },
    );
  });
  // Loopback only: the tunnel must never be reachable from another machine.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
