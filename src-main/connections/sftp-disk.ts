// Disk free through the SFTP subsystem's statvfs (OpenSSH's statvfs@openssh.com extension): one
// round trip on a long-lived SFTP channel of the node's pooled connection. Running `df` instead
// costs a new SSH session every poll (fork, login, shell: 300–450 ms per call against this
// machine's sshd), which made the real nodes the slowest part of a poll cycle. statvfs is what df
// itself calls, so the figures are the same: Avail = f_bavail × f_frsize, size = f_blocks × f_frsize.
import type { Client, SFTPWrapper } from 'ssh2';
import { PinfleetError } from '../../src-preload/contract/errors.js';

export interface StatvfsAnswer {
  f_frsize: number | bigint;
  f_blocks: number | bigint;
  f_bavail: number | bigint;
}

export interface DiskFigures {
  total: number;
  free: number;
}

/** Pure: the bytes df -B1 reports for size and Avail. */
export function diskFiguresFrom(answer: StatvfsAnswer): DiskFigures {
  const frsize = Number(answer.f_frsize);
  const total = Number(answer.f_blocks) * frsize;
  const free = Number(answer.f_bavail) * frsize;
  if (![frsize, total, free].every((n) => Number.isFinite(n) && n >= 0) || frsize === 0) {
    throw new PinfleetError('remote_failed', 'the server answered statvfs with impossible figures');
  }
  return { total, free: Math.min(free, total) };
}

/** The server cannot answer statvfs: run df instead. Internal, never shown to the admin. */
export class StatvfsUnavailable extends Error {}

/** One SFTP channel per SSH connection, opened on first use and forgotten when it closes. */
const channels = new WeakMap<Client, Promise<SFTPWrapper>>();

function sftpOf(client: Client): Promise<SFTPWrapper> {
  let channel = channels.get(client);
  if (!channel) {
    channel = new Promise<SFTPWrapper>((resolve, reject) => {
      client.sftp((error, sftp) => {
        if (error) {
          reject(error);
          return;
        }
        sftp.once('close', () => channels.delete(client));
        resolve(sftp);
      });
    });
    channels.set(client, channel);
    channel.catch(() => channels.delete(client));
  }
  return channel;
}

/**
 * statvfs of `path` on the server. Rejects with StatvfsUnavailable when the server has no SFTP
 * subsystem or no statvfs extension (the caller then runs df), otherwise with the server's error.
 */
export async function statvfsOver(client: Client, path: string): Promise<DiskFigures> {
  let sftp: SFTPWrapper;
  try {
    sftp = await sftpOf(client);
  } catch (error) {
    throw new StatvfsUnavailable(`the server offers no SFTP subsystem (${(error as Error).message})`);
  }
  const answer = await new Promise<StatvfsAnswer>((resolve, reject) => {
    try {
      sftp.ext_openssh_statvfs(path, (error, info: StatvfsAnswer) => (error ? reject(error) : resolve(info)));
    } catch (error) {
      // ssh2 throws synchronously when the server did not announce the extension.
      reject(new StatvfsUnavailable(`the server's SFTP has no statvfs (${(error as Error).message})`));
    }
  });
  return diskFiguresFrom(answer);
}
