// Pure judges of what a server says about itself: OS, architecture, memory, disk and clock. Each
// turns parsed facts into a finding an admin can act on; the thresholds are named here, once.
import type { PreflightFinding } from '../../../src-preload/contract/provisioning-types.js';
import type { DiskUsage } from '../../health/df.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** kubo's images and releases exist for these (uname -m spelling). */
const SUPPORTED_ARCH = new Set(['x86_64', 'amd64', 'aarch64', 'arm64']);
/** Distributions whose Docker packages the wizard knows. */
const KNOWN_OS = new Set(['debian', 'ubuntu', 'rhel', 'centos', 'rocky', 'almalinux', 'fedora', 'alpine', 'amzn', 'opensuse-leap', 'sles']);

export const DISK_FAIL_BELOW = 100 * MiB;
export const DISK_WARN_BELOW = 10 * GiB;
export const MEMORY_FAIL_BELOW = 512 * MiB;
export const MEMORY_WARN_BELOW = 2 * GiB;
export const CLOCK_WARN_MS = 2_000;
export const CLOCK_FAIL_MS = 5 * 60_000;

/** `KEY=value` lines of /etc/os-release, quotes removed. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    out[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}

export function judgeOs(kernel: string, osRelease: Record<string, string>): PreflightFinding {
  const name = osRelease.PRETTY_NAME ?? osRelease.NAME ?? 'an unknown distribution';
  if (kernel.trim() !== 'Linux') {
    return { check: 'os', status: 'fail', summary: `the server runs ${kernel.trim() || 'an unknown kernel'}, not Linux`, action: 'Use a Linux server: kubo in Docker is supported there only.' };
  }
  const ids = [osRelease.ID ?? '', ...(osRelease.ID_LIKE ?? '').split(/\s+/)].filter(Boolean);
  if (!ids.some((id) => KNOWN_OS.has(id))) {
    return { check: 'os', status: 'warn', summary: `${name}: not a distribution the wizard knows`, action: 'Install Docker yourself if the wizard cannot; the other steps do not depend on the distribution.' };
  }
  return { check: 'os', status: 'pass', summary: name, action: null };
}

export function judgeArch(machine: string): PreflightFinding {
  const arch = machine.trim();
  if (SUPPORTED_ARCH.has(arch)) return { check: 'arch', status: 'pass', summary: arch, action: null };
  return { check: 'arch', status: 'fail', summary: `${arch || 'unknown'}: kubo publishes no image for this architecture`, action: 'Use an x86_64 or arm64 server.' };
}

/** MemTotal and MemAvailable of /proc/meminfo, in bytes; null when absent. */
export function parseMeminfo(text: string): { total: number | null; available: number | null } {
  const read = (key: string) => {
    const match = new RegExp(`^${key}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : null;
  };
  return { total: read('MemTotal'), available: read('MemAvailable') };
}

export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GiB`;
  return `${Math.round(bytes / MiB)} MiB`;
}

export function judgeMemory(memory: { total: number | null; available: number | null }): PreflightFinding {
  if (memory.total === null) return { check: 'memory', status: 'warn', summary: '/proc/meminfo has no MemTotal', action: 'Check the memory by hand: kubo wants 2 GiB or more.' };
  const seen = `${formatBytes(memory.total)} in all${memory.available === null ? '' : `, ${formatBytes(memory.available)} available`}`;
  if (memory.total < MEMORY_FAIL_BELOW) return { check: 'memory', status: 'fail', summary: seen, action: 'kubo needs at least 512 MiB; use a larger server.' };
  if (memory.total < MEMORY_WARN_BELOW) return { check: 'memory', status: 'warn', summary: seen, action: 'Under 2 GiB kubo works but slowly; expect the wizard to set a low memory limit.' };
  return { check: 'memory', status: 'pass', summary: seen, action: null };
}

export function judgeDisk(dataPath: string, disk: DiskUsage | { error: string }): PreflightFinding {
  if ('error' in disk) {
    return { check: 'disk', status: 'fail', summary: `${dataPath} cannot be measured: ${disk.error}`, action: `Create ${dataPath} (or mount the data disk there), then run the checks again.` };
  }
  const seen = `${formatBytes(disk.free)} free of ${formatBytes(disk.total)} at ${dataPath}`;
  if (disk.free < DISK_FAIL_BELOW) return { check: 'disk', status: 'fail', summary: seen, action: 'Free space or choose another data path: kubo needs at least 100 MiB to start.' };
  if (disk.free < DISK_WARN_BELOW) return { check: 'disk', status: 'warn', summary: seen, action: 'A small node: StorageMax will be set from this size, so it fills quickly.' };
  return { check: 'disk', status: 'pass', summary: seen, action: null };
}

/** Server clock minus ours, from `date +%s%N` and our clock before and after asking (ms since epoch). */
export function clockSkewMs(serverNanos: string, sentAtMs: number, receivedAtMs: number): number | null {
  const text = serverNanos.trim();
  if (!/^\d{10,}$/.test(text)) return null;
  const serverMs = Number(BigInt(text) / 1_000_000n);
  return Math.round(serverMs - (sentAtMs + receivedAtMs) / 2);
}

export function judgeClock(skewMs: number | null): PreflightFinding {
  if (skewMs === null) return { check: 'clock', status: 'warn', summary: 'the server did not print its time as date +%s%N should', action: 'Check that the server runs GNU date and NTP.' };
  const seconds = (Math.abs(skewMs) / 1000).toFixed(1);
  const side = skewMs > 0 ? 'ahead of' : 'behind';
  const seen = `the server clock is ${seconds} s ${side} this computer`;
  if (Math.abs(skewMs) >= CLOCK_FAIL_MS) return { check: 'clock', status: 'fail', summary: seen, action: 'Set the time (enable NTP: timedatectl set-ntp true); TLS and logs break with a clock this far off.' };
  if (Math.abs(skewMs) >= CLOCK_WARN_MS) return { check: 'clock', status: 'warn', summary: seen, action: 'Enable NTP on the server (or this computer) so logs and graphs line up.' };
  return { check: 'clock', status: 'pass', summary: seen, action: null };
}
