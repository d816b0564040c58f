// Reaching a test server the way the console does: ssh2 with the host key checked against the
// fingerprint in the fleet description, commands over exec, and services on the server's own
// address through `forwardOut` tunnels exposed as a local 127.0.0.1 port.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Client } from 'ssh2';
import type { Endpoint, FleetDescription, FleetServer } from './fleet-description.js';

/** `SHA256:…` of a raw host key, as OpenSSH prints it (base64 without padding). */
export function sha256Fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export function connectSsh(
  fleet: FleetDescription,
  server: FleetServer,
  expectedFingerprint: string = server.ssh.hostKeyFingerprint,
  readyTimeoutMs = 10_000,
): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen = '';
    client
      .on('ready', () => resolve(client))
      .on('error', (error) => {
        const why = seen && seen !== expectedFingerprint ? `host key ${seen} is not the expected ${expectedFingerprint}` : error.message;
        reject(new Error(`ssh to ${server.name} (${server.ssh.host}:${server.ssh.port}) failed: ${why}`));
      })
      .connect({
        host: server.ssh.host,
        port: server.ssh.port,
        username: server.ssh.user,
        privateKey: readFileSync(fleet.clientKeyPath),
        readyTimeout: readyTimeoutMs,
        hostVerifier: (key: Buffer) => {
          seen = sha256Fingerprint(key);
          return seen === expectedFingerprint;
        },
      });
  });
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function sshExec(client: Client, command: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let stdout = '';
      let stderr = '';
      channel.on('data', (d: Buffer) => (stdout += d.toString()));
      channel.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      channel.on('close', (code: number | null) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  });
}

export interface Tunnel {
  /** e.g. http://127.0.0.1:40123, forwarding to the endpoint on the server. */
  url: string;
  close(): Promise<void>;
}

/** A local port whose every connection is an SSH `direct-tcpip` channel to `target` on the server. */
export async function openTunnel(client: Client, target: Endpoint): Promise<Tunnel> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    client.forwardOut('127.0.0.1', socket.remotePort ?? 0, target.host, target.port, (error, channel) => {
      if (error) {
        socket.destroy();
        return;
      }
      socket.pipe(channel).pipe(socket);
      channel.on('error', () => socket.destroy());
      socket.on('error', () => channel.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
