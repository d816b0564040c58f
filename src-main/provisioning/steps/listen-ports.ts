// Which of kubo's ports are already taken on the server, from `ss -ltnpH` (listening TCP sockets,
// no header, with the owning process when the user may see it). Pure: parsed, then judged against
// where kubo is going to listen.
import type { PreflightFinding } from '../../../src-preload/contract/provisioning-types.js';

export const SS_ARGV = ['ss', '-ltnpH'] as const;

export interface Listener {
  host: string;
  port: number;
  /** `ipfs (pid 123)`, when ss could show it. */
  process: string | null;
}

const WILDCARDS = new Set(['0.0.0.0', '*', '::', '[::]']);

function splitLocal(address: string): { host: string; port: number } | null {
  const match = /^(.*):(\d+|\*)$/.exec(address);
  if (!match || match[2] === '*') return null;
  // ss prints IPv6 in brackets and may add an interface (%lo) to either family.
  const host = match[1]!.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  return { host, port: Number(match[2]) };
}

export function parseSsListeners(stdout: string): Listener[] {
  const listeners: Listener[] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // LISTEN Recv-Q Send-Q Local Peer [Process]
    if (fields.length < 5 || fields[0] !== 'LISTEN') continue;
    const local = splitLocal(fields[3]!);
    if (!local) continue;
    const owner = /users:\(\("([^"]+)",pid=(\d+)/.exec(fields.slice(5).join(' '));
    listeners.push({ ...local, process: owner ? `${owner[1]} (pid ${owner[2]})` : null });
  }
  return listeners;
}

const isWildcard = (host: string) => WILDCARDS.has(host);

/** Whether a socket bound to `planned` would collide with an existing listener on `existing`. */
export function bindsCollide(planned: string, existing: string): boolean {
  return isWildcard(planned) || isWildcard(existing) || planned.toLowerCase() === existing.toLowerCase();
}

export interface PortPlan {
  port: number;
  role: string;
  host: string;
}

/** Where kubo will listen: the swarm everywhere and RPC/gateway on loopback, unless one address is given. */
export function kuboPortPlan(listenHost?: string): PortPlan[] {
  return [
    { port: 4001, role: 'swarm', host: listenHost ?? '0.0.0.0' },
    { port: 5001, role: 'RPC API', host: listenHost ?? '127.0.0.1' },
    { port: 8080, role: 'gateway', host: listenHost ?? '127.0.0.1' },
  ];
}

export function judgePorts(listeners: readonly Listener[], plan: readonly PortPlan[]): PreflightFinding[] {
  return plan.map(({ port, role, host }) => {
    const taken = listeners.filter((l) => l.port === port && bindsCollide(host, l.host));
    const check = `port-${port}`;
    if (taken.length === 0) return { check, status: 'pass', summary: `${port} (${role}) is free on ${host}`, action: null };
    const by = taken.map((l) => `${l.host}:${l.port}${l.process ? ` by ${l.process}` : ''}`).join(', ');
    const kubo = taken.some((l) => l.process?.startsWith('ipfs'));
    return {
      check,
      status: 'fail',
      summary: `${port} (${role}) is taken: ${by}`,
      action: kubo
        ? 'kubo already runs here: adopt this server instead of provisioning it (pinfleet adopt).'
        : `Stop what listens on ${port} or choose another address for kubo.`,
    };
  });
}
