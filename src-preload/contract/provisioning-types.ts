// What the provisioning wizards answer (issue #6): preflight findings and the adopt report.

export type FindingStatus = 'pass' | 'warn' | 'fail';

export interface PreflightFinding {
  /** os, arch, disk, memory, docker, port-4001, port-5001, port-8080, clock */
  check: string;
  status: FindingStatus;
  /** What was seen, in one line. */
  summary: string;
  /** What to do about it; null when nothing is needed. */
  action: string | null;
}

export interface PreflightReport {
  host: string;
  dataPath: string;
  findings: PreflightFinding[];
  /** The worst status of all findings. */
  verdict: FindingStatus;
}

export type KuboRuntime =
  | { kind: 'container'; id: string; name: string; image: string; state: string }
  | { kind: 'native'; pid: number; user: string; command: string };

export type ListenExposure = 'loopback' | 'beyond-loopback' | 'none';

export interface AdoptReport {
  host: string;
  sshPort: number;
  sshUser: string;
  fingerprint: string;
  runtime: KuboRuntime;
  /** kubo's repo (IPFS_PATH) on the server's own filesystem. */
  repoPath: string | null;
  version: string;
  peerId: string;
  storageMax: string | null;
  gcWatermarkPercent: number | null;
  /** host:port to store in the inventory, as seen from the server. */
  apiAddress: string;
  gatewayAddress: string | null;
  /** The multiaddrs kubo's config lists. */
  apiListen: string[];
  gatewayListen: string[];
  exposure: { api: ListenExposure; gateway: ListenExposure };
  warnings: string[];
}
