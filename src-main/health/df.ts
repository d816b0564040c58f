// Reads `df -B1 --output=size,avail PATH` (GNU coreutils): a header, then one line of two byte
// counts. Pure, so the odd shapes df prints (wrapped lines, extra blanks) are pinned by tests.
import { PinfleetError } from '../../src-preload/contract/errors.js';

export interface DiskUsage {
  /** Size of the filesystem, bytes. */
  total: number;
  /** Bytes available to an unprivileged writer (df's "Avail"), which is what kubo can use. */
  free: number;
}

/** The argv the poller runs on the server; the path is quoted by the connector, never by us. */
export function dfArgv(dataPath: string): string[] {
  return ['df', '-B1', '--output=size,avail', dataPath];
}

export function parseDf(stdout: string): DiskUsage {
  const lines = stdout.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  // The numbers are on the last line; df puts nothing after them.
  const numbers = (lines.at(-1) ?? '').split(/\s+/);
  if (lines.length < 2 || numbers.length !== 2 || !numbers.every((n) => /^\d+$/.test(n))) {
    throw new PinfleetError('remote_failed', `df printed something unexpected: "${stdout.trim().slice(0, 120)}"`);
  }
  const [total, free] = numbers.map(Number) as [number, number];
  return { total, free: Math.min(free, total) };
}
