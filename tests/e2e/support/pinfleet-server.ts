// Starts the real `pinfleet serve` (the built CLI, not a fake) on a data directory and hands
// back the URL it printed. Builds nothing: the test command runs `electron-vite build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const CLI = path.resolve('out/main/cli.js');
const READY = /Pinfleet is ready at (http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+))/;

export interface ServedPinfleet {
  /** The URL as printed, token in the fragment. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startPinfleet(dataDir: string, timeoutMs = 20_000): Promise<ServedPinfleet> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx electron-vite build\` before the e2e tests`);
  const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'serve', '--port', '0', '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  const found = await new Promise<RegExpExecArray>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string) => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`pinfleet serve ${why}${stderr ? `: ${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`printed no URL within ${timeoutMs} ms`), timeoutMs);
    lines.on('line', (line) => {
      const match = READY.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    });
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before it was ready`));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  const url = found[1]!;
  return { url, origin: new URL(url).origin, token: found[3]!, dataDir, stop };
}
