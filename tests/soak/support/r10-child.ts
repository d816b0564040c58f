// Spawns R10's writer and SIGKILLs it at a chosen moment, collecting what it acknowledged. The
// writer is bundled once into one file (better-sqlite3 left outside, found in node_modules), so
// each of the thousand spawns costs a Node start and no TypeScript compile.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { R10Op } from './r10-ops.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

let bundled: Promise<string> | null = null;

/** The writer as one .mjs under node_modules/.cache, so `better-sqlite3` resolves from it. */
export function r10WriterBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = path.join(repoRoot, 'node_modules/.cache/pinfleet-soak/r10-writer.mjs');
    await build({
      entryPoints: [path.join(here, 'r10-writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      external: ['better-sqlite3'],
      logLevel: 'silent',
    });
    return outfile;
  })();
  return bundled;
}

export interface KillMoment {
  /** The writer's line after which the clock starts: O (opening the database) or R (open, writing). */
  after: 'O' | 'R';
  delayMs: number;
}

export interface WriterRun {
  acknowledged: R10Op[];
  /** The write announced but not acknowledged when the kill landed: it may or may not be committed. */
  inFlight: R10Op | null;
  /** The schema version the writer reported once open, or null when killed before. */
  openedAt: number | null;
  /** Milliseconds from the O line to the R line (how long the open and migrations took), when seen. */
  openMs: number | null;
  killed: boolean;
  problems: string[];
}

const NO_TRIGGER_DEADLINE_MS = 15_000;

export function runWriterUntilKilled(bundle: string, args: { dataDir: string; seed: number; tag: string }, moment: KillMoment): Promise<WriterRun> {
  const child = spawn(process.execPath, [bundle, args.dataDir, String(args.seed), args.tag], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: WriterRun = { acknowledged: [], inFlight: null, openedAt: null, openMs: null, killed: false, problems: [] };
  let buffer = '';
  let stderr = '';
  let openingAt = 0;
  let timer: NodeJS.Timeout | null = null;
  const kill = () => {
    if (run.killed) return;
    run.killed = true;
    child.kill('SIGKILL');
  };
  const deadline = setTimeout(() => {
    run.problems.push(`writer never printed ${moment.after} within ${NO_TRIGGER_DEADLINE_MS / 1000} s`);
    kill();
  }, NO_TRIGGER_DEADLINE_MS);
  const onLine = (line: string) => {
    const [tag] = line.split(' ', 1);
    if (tag === 'O') openingAt = performance.now();
    if (tag === 'R') {
      run.openedAt = Number(line.slice(2));
      run.openMs = performance.now() - openingAt;
    }
    if (tag === 'B') run.inFlight = JSON.parse(line.slice(2)) as R10Op;
    if (tag === 'A' && run.inFlight) {
      run.acknowledged.push(run.inFlight);
      run.inFlight = null;
    }
    if (tag === 'E') run.problems.push('writer reached its own time cap without being killed');
    if (tag === moment.after && timer === null) {
      if (moment.delayMs <= 0) kill();
      else timer = setTimeout(kill, moment.delayMs);
    }
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\n');
    while (end >= 0) {
      onLine(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\n');
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') run.problems.push(`writer exited ${code ?? signal} before the kill: ${stderr.trim().slice(0, 300)}`);
      resolve(run);
    });
  });
}
