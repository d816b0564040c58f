// Runs the preflight checks on a server that is not in the inventory: one SSH session, each fact
// read with a fixed argv (the data path is the only admin value, passed as one quoted argument),
// then judged by the pure functions beside this file. A check that cannot run becomes a finding,
// never a silent pass.
import type { FindingStatus, PreflightFinding, PreflightReport } from '../../../src-preload/contract/provisioning-types.js';
import type { NodeConnector, ExecResult } from '../../connections/index.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import { dfArgv, parseDf } from '../../health/df.js';
import { DOCKER_VERSION_ARGV, judgeDocker } from './docker-judge.js';
import { SS_ARGV, judgePorts, kuboPortPlan, parseSsListeners } from './listen-ports.js';
import { clockSkewMs, judgeArch, judgeClock, judgeDisk, judgeMemory, judgeOs, parseMeminfo, parseOsRelease } from './system-judges.js';

const TIMEOUT = { timeoutMs: 20_000 };

export interface PreflightRequest {
  dataPath: string;
  listenHost?: string;
}

const RANK: Record<FindingStatus, number> = { pass: 0, warn: 1, fail: 2 };

export function worstStatus(findings: readonly PreflightFinding[]): FindingStatus {
  return findings.reduce<FindingStatus>((worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst), 'pass');
}

function firstLine(result: ExecResult): string {
  return (result.stderr.trim() || result.stdout.trim()).split('\n')[0]!.slice(0, 160) || `exit code ${String(result.code)}`;
}

export async function runPreflight(connector: NodeConnector, node: NodeRecord, request: PreflightRequest, now: () => number = Date.now): Promise<PreflightReport> {
  const run = (argv: readonly string[]) => connector.exec(node, argv, TIMEOUT);
  // The first command connects (and checks the host key); its failure is the answer.
  const uname = await run(['uname', '-s', '-m']);
  const [osRelease, df, meminfo, docker, ss] = await Promise.all([
    run(['cat', '/etc/os-release']),
    run(dfArgv(request.dataPath)),
    run(['cat', '/proc/meminfo']),
    run(DOCKER_VERSION_ARGV),
    run(SS_ARGV),
  ]);
  const sentAt = now();
  const date = await run(['date', '+%s%N']);
  const receivedAt = now();

  const [kernel = '', machine = ''] = uname.stdout.trim().split(/\s+/);
  const findings: PreflightFinding[] = [judgeOs(kernel, parseOsRelease(osRelease.stdout)), judgeArch(machine)];
  let disk: ReturnType<typeof parseDf> | { error: string };
  try {
    disk = df.code === 0 ? parseDf(df.stdout) : { error: firstLine(df) };
  } catch (error) {
    disk = { error: (error as Error).message };
  }
  findings.push(judgeDisk(request.dataPath, disk));
  findings.push(judgeMemory(parseMeminfo(meminfo.stdout)));
  findings.push(judgeDocker(docker, node.sshUser));
  if (ss.code === 0) findings.push(...judgePorts(parseSsListeners(ss.stdout), kuboPortPlan(request.listenHost)));
  else findings.push({ check: 'ports', status: 'warn', summary: `ss could not list listening ports: ${firstLine(ss)}`, action: 'Install iproute2 (ss), or check ports 4001, 5001 and 8080 by hand.' });
  findings.push(judgeClock(date.code === 0 ? clockSkewMs(date.stdout, sentAt, receivedAt) : null));
  return { host: node.host, dataPath: request.dataPath, findings, verdict: worstStatus(findings) };
}
