// Everything the add-a-server wizard needs to know about a server, read in ONE remote command: on a
// busy server every SSH exec costs a process start and a PAM session (hundreds of ms), so fifteen
// reads one after another would dominate the wizard's time. The command is a fixed script; the
// admin's values (data path, container name, image) reach it only as positional parameters ($1…),
// each a single-quoted argument, so nothing they contain is ever parsed by a shell.
import type { ExecResult } from '../../connections/index.js';

export const FACTS_SCRIPT = [
  "section() { printf '\\n@@pinfleet:%s\\n' \"$1\"; }",
  'section id; id -un',
  'section uname; uname -s -m',
  'section os; cat /etc/os-release 2>/dev/null',
  'section df; df -B1 --output=size,avail -- "$1" 2>&1',
  'section meminfo; cat /proc/meminfo',
  'section nproc; nproc 2>/dev/null',
  "section docker; out=$(docker version --format '{{.Server.Version}}' 2>&1); echo \"$?\"; printf '%s\\n' \"$out\"",
  'section ss; ss -ltnpH 2>&1',
  'section date; date +%s%N',
  'section dirs; for d in "$2" "$3"; do if [ -d "$d" ]; then echo yes; else echo no; fi; done',
  'section owner; stat -c %u:%g -- "$2" 2>/dev/null',
  'section init; sha256sum -- "$4" 2>/dev/null',
  "section container; docker inspect --format '{{.State.Running}} {{index .Config.Labels \"pinfleet.provisioned\"}}' -- \"$5\" 2>/dev/null",
  "section image; docker image inspect --format '{{.Id}}' -- \"$6\" 2>/dev/null",
  'section end',
].join('\n');

export function factsArgv(paths: { dataPath: string; repo: string; initDir: string; initFile: string }, containerName: string, image: string): string[] {
  return ['sh', '-c', FACTS_SCRIPT, 'pinfleet-facts', paths.dataPath, paths.repo, paths.initDir, paths.initFile, containerName, image];
}

export interface ServerFacts {
  user: string;
  uname: string;
  osRelease: string;
  /** df's output and whether it printed the two numbers (else it is the error). */
  df: ExecResult;
  meminfo: string;
  nproc: number | null;
  docker: ExecResult;
  ss: ExecResult;
  date: string;
  repoExists: boolean;
  initDirExists: boolean;
  repoOwner: string | null;
  initSha256: string | null;
  /** The wizard's container runs (and carries its label). */
  ownContainerRunning: boolean;
  imagePresent: boolean;
}

export function parseFacts(stdout: string): ServerFacts {
  const sections = new Map<string, string>();
  const parts = stdout.split(/\n@@pinfleet:(\w+)\n/);
  for (let i = 1; i + 1 < parts.length; i += 2) sections.set(parts[i]!, parts[i + 1]!);
  if (!sections.has('end')) throw new Error(`the server's answer was cut short: "${stdout.slice(-120)}"`);
  const text = (name: string) => sections.get(name) ?? '';
  const dockerLines = text('docker').split('\n');
  const dockerCode = Number(dockerLines[0]);
  const dockerOut = dockerLines.slice(1).join('\n').trim();
  const dirs = text('dirs').trim().split('\n');
  const dfText = text('df');
  const ssText = text('ss');
  const container = text('container').trim();
  return {
    user: text('id').trim(),
    uname: text('uname').trim(),
    osRelease: text('os'),
    df: /^\s*\d+\s+\d+\s*$/m.test(dfText) ? { stdout: dfText, stderr: '', code: 0 } : { stdout: '', stderr: dfText, code: 1 },
    meminfo: text('meminfo'),
    nproc: Number(text('nproc').trim()) || null,
    docker: dockerCode === 0 ? { stdout: dockerOut, stderr: '', code: 0 } : { stdout: '', stderr: dockerOut, code: Number.isFinite(dockerCode) ? dockerCode : 1 },
    ss: /^LISTEN/m.test(ssText) || ssText.trim() === '' ? { stdout: ssText, stderr: '', code: 0 } : { stdout: '', stderr: ssText, code: 1 },
    date: text('date').trim(),
    repoExists: dirs[0] === 'yes',
    initDirExists: dirs[1] === 'yes',
    repoOwner: text('owner').trim() || null,
    initSha256: text('init').trim().split(/\s+/)[0] || null,
    ownContainerRunning: container === 'true 1',
    imagePresent: text('image').trim().startsWith('sha256:'),
  };
}
