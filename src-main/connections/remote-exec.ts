// Runs one command on an open SSH connection: no pty, no X11, output collected (bounded), a
// deadline after which the remote process is signalled and the caller gets a 'timeout' error.
import type { Client, ClientChannel } from 'ssh2';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { ExecOptions, ExecResult } from './node-connector.js';

export const DEFAULT_EXEC_TIMEOUT_MS = 60_000;
/** Enough for `df`, `docker inspect` or a page of logs; a runaway command must not exhaust memory. */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** A short, printable form of the command for messages (never includes stdin). */
export function commandLabel(argv: readonly string[]): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const text = argv.join(' ').replace(/[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]/g, '?');
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** ssh2 errors that mean the connection itself is gone, so a fresh one may succeed. */
export function isDeadConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /Not connected|No response from server|socket.*(closed|ended)|ECONNRESET/i.test(message);
}

export function runOnClient(
  client: Client,
  command: string,
  label: { node: string; argv: readonly string[] },
  options: ExecOptions = {},
): Promise<ExecResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  return new Promise<ExecResult>((resolve, reject) => {
    let channel: ClientChannel | null = null;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(new PinfleetError('timeout', `\`${commandLabel(label.argv)}\` on ${label.node} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped.`)),
      );
      try {
        channel?.signal('KILL');
      } catch {
        // The channel may already be gone; closing it below is what matters.
      }
      channel?.close();
    }, timeoutMs);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let bytes = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_OUTPUT_BYTES) {
        finish(() => reject(new PinfleetError('remote_failed', `\`${commandLabel(label.argv)}\` on ${label.node} printed more than 16 MiB; stopped.`)));
        channel?.close();
        return;
      }
      into.push(chunk);
    };
    try {
      client.exec(command, { pty: false, x11: false }, (error, opened) => {
        if (error) {
          finish(() => reject(error));
          return;
        }
        channel = opened;
        if (settled) {
          opened.close();
          return;
        }
        let code: number | null = null;
        opened.on('exit', (exitCode: number | null) => {
          code = typeof exitCode === 'number' ? exitCode : null;
        });
        opened.on('data', collect(stdout));
        opened.stderr.on('data', collect(stderr));
        opened.on('close', () =>
          finish(() => resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), code })),
        );
        opened.on('error', (channelError: Error) => finish(() => reject(channelError)));
        if (options.stdin !== undefined) opened.end(options.stdin);
        else opened.end();
      });
    } catch (error) {
      finish(() => reject(error));
    }
  });
}
