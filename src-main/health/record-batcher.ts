// Groups the results of polls that end close together into one SQLite transaction. The inventory
// runs with synchronous=FULL, so every commit waits for the disk: one commit per node made a
// 500-node cycle spend most of its time in fsync. Each result still gets its own savepoint, so
// one failure (a node removed mid-poll) costs only that node.
import type Database from 'better-sqlite3';

export interface PendingRecord<T> {
  /** Writes this result; runs inside the batch's transaction, in its own savepoint. */
  write(): T;
}

interface Waiting<T> {
  record: PendingRecord<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export class RecordBatcher<T> {
  private waiting: Waiting<T>[] = [];
  private timer: NodeJS.Timeout | null = null;

  /**
   * @param windowMs how long the first result of a batch waits for others; short, so a node still
   *   shows up about the moment its poll ends.
   * @param afterBatch called once per batch with what was written (to publish events).
   */
  constructor(
    private readonly db: Database.Database,
    private readonly windowMs: number,
    private readonly afterBatch: (written: T[]) => void,
  ) {}

  add(record: PendingRecord<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ record, resolve, reject });
      if (this.timer === null) {
        this.timer = setTimeout(() => this.flush(), this.windowMs);
        this.timer.unref();
      }
    });
  }

  /** Writes everything waiting now (also called on shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: T } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const { record } of batch) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(() => record.write())() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      // The commit itself failed (disk full, database closed): nothing of the batch was written.
      for (const { reject } of batch) reject(error);
      return;
    }
    const written: T[] = [];
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        written.push(outcome.value);
        resolve(outcome.value);
      } else {
        reject(outcome.error);
      }
    });
    if (written.length > 0) this.afterBatch(written);
  }
}
