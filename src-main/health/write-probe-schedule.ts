// When a node's writes are probed (write-probe.ts). Reads are polled every few seconds, but a probe
// writes to every node's datastore, so it runs on a slower cadence: at the first poll, then every
// `intervalMs`; at the next poll once anything saw the node refuse a write (an upload's "no space"
// while its disk has room); and at every poll while the node refuses, so a restart shows at once. Pure.

export const DEFAULT_WRITE_PROBE_INTERVAL_MS = 5 * 60_000;

interface Probed {
  atMs: number;
  refusal: string | null;
}

export class WriteProbeSchedule {
  private readonly last = new Map<string, Probed>();
  private readonly suspected = new Set<string>();

  constructor(private readonly intervalMs = DEFAULT_WRITE_PROBE_INTERVAL_MS) {}

  due(node: string, nowMs: number): boolean {
    const last = this.last.get(node);
    return last === undefined || last.refusal !== null || this.suspected.has(node) || nowMs - last.atMs >= this.intervalMs;
  }

  record(node: string, refusal: string | null, nowMs: number): void {
    this.last.set(node, { atMs: nowMs, refusal });
    this.suspected.delete(node);
  }

  /** Something saw the node refuse a write: probe it at its next poll. */
  suspect(node: string): void {
    this.suspected.add(node);
  }

  /** The last probe's refusal, null when it took writes or was never probed. */
  refusal(node: string): string | null {
    return this.last.get(node)?.refusal ?? null;
  }

  forget(node: string): void {
    this.last.delete(node);
    this.suspected.delete(node);
  }
}
