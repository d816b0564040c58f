// R7 over the command line: the real built CLI (out/main/cli.js), spawned once per generated argv,
// on a fixture's data directory. Each must end with exit code 1 or 2 and one line on stderr, never a
// stack trace or a signal, and leave the inventory as it was. A spawn costs about 0.7 s of CPU, so
// this transport runs fewer payloads than the others: that cost, not the product, is the limit.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { createFixture, emptyCounts, inventoryDifference, inParallel, type TransportCounts } from './fixture.js';
import { generate, hostileString } from './hostile-values.js';

export const CLI_BUILD = path.resolve('out/main/cli.js');

// serve and start run until stopped, and --data-dir / -o would point the CLI at other folders or
// files of this machine: none of them is generated. Everything else is fair game.
const COMMANDS = [
  ['nodes', 'list'], ['nodes', 'show'], ['nodes', 'add'], ['nodes', 'remove'], ['nodes'], ['inventory', 'export'], ['inventory', 'import'],
  ['credentials', 'set'], ['hostkeys'], ['hostkeys', 'check'], ['hostkeys', 'trust'], ['hostkeys', 'replace'], ['status'], ['upload'],
  ['preflight'], ['adopt'], ['provision'], ['decommission'], ['cluster'], ['cluster', 'setup'], ['cluster', 'pin'], ['cluster', 'peers'],
  ['bogus'], [],
];
const FLAGS = [
  '--host', '--port', '--user', '--host-key', '--format', '--update', '--key-file', '--passphrase-stdin', '--agent', '--password-stdin',
  '--api-token-stdin', '--api-basic-stdin', '--api-none', '--data-path', '--listen', '--name', '--tags', '--region', '--priority',
  '--remove-container', '--remove-data', '--replicas', '--dry-run', '--confirm', '--reserve', '--storage-max', '--json', '--limit',
  '--bogus', '--', '-x', '---', '--=', '--host=', '--json=yes',
];

/** A hostile argument: spawn refuses NUL, so NUL becomes another control character. */
// eslint-disable-next-line no-control-regex
const hostileArg = hostileString.filter((s) => s.length < 5000).map((s) => s.replace(/\u0000/g, '\u0001'));

const argv: fc.Arbitrary<string[]> = fc
  .tuple(fc.constantFrom(...COMMANDS), fc.array(fc.oneof(hostileArg, fc.constantFrom(...FLAGS), fc.tuple(fc.constantFrom(...FLAGS), hostileArg).map(([f, v]) => `${f}=${v}`)), { minLength: 1, maxLength: 6 }))
  .map(([command, rest]) => [...command, ...rest])
  // The hostile part must be there: at least one argument from the hostile strings.
  .filter((args) => args.some((a) => !FLAGS.includes(a) && !COMMANDS.flat().includes(a)));

interface Exit {
  code: number | null;
  signal: string | null;
  stderr: string;
  hung: boolean;
}

function runCli(dataDir: string, cwd: string, args: string[], deadlineMs = 60_000): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BUILD, '--data-dir', dataDir, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let hung = false;
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(0, 20_000)));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stderr: String(error), hung });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, hung });
    });
  });
}

const STACK = /\n\s+at .+[:(]\d+:\d+|node:internal|^\s+at /m;

export async function runCliTransport(count: number, seed: number): Promise<{ counts: TransportCounts; extra: Record<string, number | string>; problems: string[] }> {
  const counts = emptyCounts();
  const extra: Record<string, number | string> = { exit1: 0, exit2: 0, exitZero: 0, stackTraces: 0, unclearErrors: 0, build: '' };
  const problems: string[] = [];
  // Listed after the graver problems (deaths, stack traces), which must not be crowded out.
  const ignored: string[] = [];
  if (!existsSync(CLI_BUILD)) throw new Error(`${CLI_BUILD} is missing: run \`npx electron-vite build\` first`);
  extra.build = `out/main/cli.js built ${statSync(CLI_BUILD).mtime.toISOString()}`;
  const fixture = await createFixture('cli');
  try {
    const before = fixture.fingerprint();
    const payloads = generate(argv, count, seed);
    await inParallel(payloads, 2, async (args, i) => {
      counts.sent++;
      const exit = await runCli(fixture.dataDir, fixture.dir, args);
      const shown = JSON.stringify(args).slice(0, 160);
      const lines = exit.stderr.trim().split('\n').filter(Boolean);
      if (STACK.test(exit.stderr)) {
        extra.stackTraces = (extra.stackTraces as number) + 1;
        problems.push(`cli #${i} ${shown}: a stack trace: ${lines.slice(0, 2).join(' | ').slice(0, 200)}`);
      }
      if (exit.hung) {
        counts.hung++;
        problems.push(`cli #${i} ${shown}: still running after the deadline`);
      } else if (exit.code === 1 || exit.code === 2) {
        counts.refused++;
        extra[`exit${exit.code}`] = (extra[`exit${exit.code}`] as number) + 1;
        // Progress may come first on stderr (cluster setup, upload); the refusal is its last line, one line.
        if (!lines.at(-1)?.startsWith('pinfleet: ')) {
          extra.unclearErrors = (extra.unclearErrors as number) + 1;
          problems.push(`cli #${i} ${shown}: stderr does not end in one "pinfleet: …" line: ${lines.slice(-2).join(' | ').slice(0, 200)}`);
        }
      } else if (exit.code === 0) {
        // A command that ignores arguments it does not take ends 0: every argv here is hostile, so it is a finding.
        counts.accepted++;
        extra.exitZero = (extra.exitZero as number) + 1;
        ignored.push(`cli #${i} ${shown}: exit 0 (the hostile arguments were ignored, not refused)`);
      } else {
        counts.processDeaths++;
        problems.push(`cli #${i} ${shown}: ended by ${exit.signal ?? `exit ${exit.code}`}: ${lines.slice(-1).join('').slice(0, 200)}`);
      }
    });
    const after = fixture.fingerprint();
    if (after !== before) {
      counts.inventoryChanged = 1;
      problems.push(`cli: the inventory changed: ${inventoryDifference(before, after)}`);
    }
  } finally {
    await fixture.remove();
  }
  return { counts, extra, problems: [...problems, ...ignored] };
}
