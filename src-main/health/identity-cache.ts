// kubo's version and peer ID change only when kubo restarts (an upgrade, a new repo), yet asking
// for them was two of the five RPC calls of every poll. The reader asks once, then reuses the
// answer until kubo may have restarted: its container started again, the node stopped answering,
// or the answer is older than the TTL (which covers kubo running outside Docker). Pure bookkeeping.

export interface KuboIdentity {
  version: string;
  peerId: string;
}

interface Entry extends KuboIdentity {
  at: number;
  /** The container's StartedAt when the identity was read; null when kubo is not in Docker. */
  startedAt: string | null;
}

/** Long enough to spare most polls, short enough that a native kubo's upgrade shows soon. */
export const IDENTITY_TTL_MS = 10 * 60_000;

export class IdentityCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = IDENTITY_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The identity to reuse for this poll, or null when it must be asked for again. */
  fresh(name: string): KuboIdentity | null {
    const entry = this.entries.get(name);
    if (!entry || this.now() - entry.at >= this.ttlMs) return null;
    return { version: entry.version, peerId: entry.peerId };
  }

  /**
   * Called after every poll with what it saw. A freshly read identity is stored; a reused one is
   * dropped when the poll shows kubo may have restarted since it was read.
   */
  observe(name: string, poll: { read: KuboIdentity | null; answered: boolean; startedAt: string | null }): void {
    if (poll.read) {
      this.entries.set(name, { ...poll.read, at: this.now(), startedAt: poll.startedAt });
      return;
    }
    const entry = this.entries.get(name);
    if (!entry) return;
    const restarted = entry.startedAt !== null && poll.startedAt !== null && poll.startedAt !== entry.startedAt;
    if (!poll.answered || restarted) this.entries.delete(name);
  }

  forget(name: string): void {
    this.entries.delete(name);
  }
}
