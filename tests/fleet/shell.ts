// Runs the host commands the fleet harness is made of (docker, sshd, mount, iptables, ssh-keygen).
// Failures become one-line errors naming the command and its last stderr line, so a broken step
// reads as "docker run … failed: <reason>" rather than a stack of child_process internals.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command and resolves with its exit code and output, whatever the code. */
export function runCommand(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          // Not an exit status: the binary is missing, or it was killed by the timeout.
          const why = error.code === 'ENOENT' ? `${file} not found on PATH` : error.message.split('\n')[0];
          reject(new Error(`${describe(file, args)} could not run: ${why}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs a command that must succeed and returns its trimmed stdout. */
export async function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) {
    const reason = lastLine(result.stderr) || lastLine(result.stdout) || `exit code ${result.code}`;
    throw new Error(`${describe(file, args)} failed: ${reason}`);
  }
  return result.stdout.trim();
}

/** Starts a long-lived daemon detached from this process, its output appended to a log file. */
export function spawnDaemon(file: string, args: readonly string[], logFd: number, env?: NodeJS.ProcessEnv): number {
  const child = spawn(file, args, { detached: true, stdio: ['ignore', logFd, logFd], env: env ?? process.env });
  child.unref();
  if (child.pid === undefined) throw new Error(`${file} could not be started`);
  return child.pid;
}

/** True while the process runs; a zombie (exited, not yet reaped by its parent or init) is dead. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat is "pid (comm) state …"; comm may contain spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = `: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${lastError}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function describe(file: string, args: readonly string[]): string {
  const shown = [file, ...args.slice(0, 3)].join(' ');
  return args.length > 3 ? `${shown} …` : shown;
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}
