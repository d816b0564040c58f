// Raw bytes to a server over node:net, for requests no HTTP client would send: broken request
// lines, oversized headers, upgrades with unparsable targets, connections reset mid-request.
import net from 'node:net';

/** Sends the bytes, then answers whatever came back before the server closed (or `idleMs` of silence). */
export function rawExchange(port: number, bytes: string | Buffer, idleMs = 2_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const done = () => {
      socket.destroy();
      resolve(received);
    };
    socket.setTimeout(idleMs, done);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
  });
}

/** The status code of the first response line, or 0 when the server closed without answering. */
export function statusOf(response: string): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return match ? Number(match[1]) : 0;
}

/** Sends the bytes and resets the connection at once (TCP RST), as a crashing client would. */
export function sendAndReset(port: number, bytes: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(bytes, () => {
        socket.resetAndDestroy();
        resolve();
      });
    });
    socket.on('error', () => resolve());
  });
}
