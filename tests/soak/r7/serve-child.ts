// The real `pinfleet serve` as a child process on a fixture's data directory, run from the
// sources (tsx) so R7 hits the code as it is, not a build that may be older. A death of the
// child is what R7 counts as a process death.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const CLI_SOURCE = path.resolve('src-main/cli/index.ts');
const READY = /Pinfleet is ready at (http:\/\/127\.0\.0\.1:(\d+))\/#token=(\S+)/;

export interface ServeChild {
  origin: string;
  port: number;
  token: string;
  /** True while the child runs; false once it exited on its own. */
  alive(): boolean;
  /** How it died, when it did, with the end of its stderr. */
  death(): string | null;
  stop(): Promise<void>;
}

export async function startServeChild(dataDir: string, rendererDir: string, timeoutMs = 60_000): Promise<ServeChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI_SOURCE, '--data-dir', dataDir, 'serve', '--port', '0', '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PINFLEET_RENDERER_DIR: rendererDir },
  });
  let stderr = '';
  let exited: string | null = null;
  let stopping = false;
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  child.once('exit', (code, signal) => {
    if (!stopping) exited = `exited with ${signal ?? `code ${code}`}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
  });
  const found = await new Promise<RegExpExecArray>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`pinfleet serve printed no URL within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    lines.on('line', (line) => {
      const match = READY.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`pinfleet serve exited before it was ready: ${stderr}`));
    });
  });
  return {
    origin: found[1]!,
    port: Number(found[2]),
    token: found[3]!,
    alive: () => child.exitCode === null && child.signalCode === null,
    death: () => exited,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
